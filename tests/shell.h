#pragma once
// Running the programs as a user does, from the tests: a command line through the shell, its
// exit status and everything it printed.

#include <sys/wait.h>

#include <cstdio>
#include <string>

namespace interleave::test {

struct CliResult {
    int status = -1;
    std::string output;  // stdout and stderr together
};

inline CliResult shell(const std::string& command) {
    CliResult r;
    FILE* p = popen((command + " 2>&1").c_str(), "r");
    if (!p) return r;
    char buf[4096];
    std::size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0)
        r.output.append(buf, n);
    const int st = pclose(p);
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    return r;
}

inline std::size_t lines(const std::string& s) {
    std::size_t n = 0;
    for (char c : s)
        n += c == '\n' ? 1 : 0;
    return n;
}

}  // namespace interleave::test
