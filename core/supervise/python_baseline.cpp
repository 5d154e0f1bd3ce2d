#include "core/supervise/python_baseline.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>

namespace interleave {

extern const char* const kPythonCpuVsIoScript;  // generated from resources/python/cpu_vs_io.py

std::string_view pythonCpuVsIoScript() {
    return kPythonCpuVsIoScript;
}

std::string findPython() {
    if (const char* forced = std::getenv("INTERLEAVE_PYTHON"))
        return access(forced, X_OK) == 0 ? forced : "";
    const char* path = std::getenv("PATH");
    std::stringstream dirs(path ? path : "/usr/bin:/bin");
    for (std::string dir; std::getline(dirs, dir, ':');) {
        const auto candidate = (dir.empty() ? "." : dir) + "/python3";
        if (access(candidate.c_str(), X_OK) == 0) return candidate;
    }
    return "";
}

std::string pythonBaselineLabel(const PythonBaseline& python) {
    const std::string gil = !python.gilEnabled   ? ", GIL unknown"
                            : *python.gilEnabled ? ", GIL enabled"
                                                 : ", GIL disabled (free-threaded)";
    return "CPython " + python.version + gil;
}

std::optional<PythonBaseline> parsePythonBaseline(const std::string& text, std::string& error) {
    const auto j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
        error = "the Python script's output is not a JSON object";
        return std::nullopt;
    }
    PythonBaseline out;
    Measurements measured;
    try {
        out.version = j.at("python").get<std::string>();
        out.cores = j.at("cores").get<int>();
        out.gilEnabled = parseGilState(j);
        for (const auto& p : j.at("points")) {
            const auto name = p.at("executor").get<std::string>();
            const auto executor = name == "sequential" ? Executor::Sequential
                                  : name == "threads"  ? Executor::GilThreads
                                  : name == "processes"
                                      ? Executor::Processes
                                      : throw std::invalid_argument("executor '" + name + "'");
            measured[{executor, p.at("workers").get<int>()}] =
                p.at("ms").get<std::vector<double>>();
        }
    } catch (const std::exception& e) {
        error = std::string("the Python script's output is incomplete (") + e.what() + ")";
        return std::nullopt;
    }
    out.points = speedupPoints(measured);
    return out;
}

std::optional<std::string> runPythonScript(std::string_view script,
                                           const std::vector<std::string>& args,
                                           std::string& error) {
    const auto python = findPython();
    if (python.empty()) {
        error = "python3 is not installed (on Debian or Ubuntu: sudo apt install python3)";
        return std::nullopt;
    }
    char scriptPath[] = "/tmp/interleave-python-XXXXXX.py";
    const int fd = mkstemps(scriptPath, 3);
    if (fd < 0) {
        error = "cannot write the Python script to /tmp";
        return std::nullopt;
    }
    const bool written =
        write(fd, script.data(), script.size()) == static_cast<ssize_t>(script.size());
    close(fd);
    std::string output;
    int status = -1;
    if (written) {
        // Every argument is quoted: the callers pass numbers and fixed words, nothing from a user
        // that the shell could misread.
        std::string command = "'" + python + "' " + scriptPath;
        for (const auto& a : args)
            command += " '" + a + "'";
        if (FILE* p = popen(command.c_str(), "r")) {
            char buf[4096];
            for (std::size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;)
                output.append(buf, n);
            status = pclose(p);
        }
    }
    unlink(scriptPath);
    if (!written || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        error = "the Python script failed (" + python + ")";
        return std::nullopt;
    }
    return output;
}

std::optional<bool> parseGilState(const nlohmann::json& j) {
    const auto gil = j.find("gil");
    if (gil == j.end()) return std::nullopt;
    const auto state = gil->get<std::string>();
    if (state != "enabled" && state != "disabled")
        throw std::invalid_argument("gil '" + state + "'");
    return state == "enabled";
}

std::optional<PythonBaseline> runPythonBaseline(const std::string& workload, int maxWorkers,
                                                int taskMs, int repetitions, std::string& error) {
    if (workload != "cpu" && workload != "io" && workload != "mixed") {
        error = "unknown workload '" + workload + "': cpu, io or mixed";
        return std::nullopt;
    }
    const auto output = runPythonScript(
        pythonCpuVsIoScript(),
        {"--workload", workload, "--max-workers", std::to_string(maxWorkers), "--task-ms",
         std::to_string(taskMs), "--reps", std::to_string(repetitions)},
        error);
    if (!output) return std::nullopt;
    return parsePythonBaseline(*output, error);
}

}  // namespace interleave
