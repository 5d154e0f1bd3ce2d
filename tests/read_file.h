#pragma once
// A whole file as a string (empty when it cannot be read): the tests that read sources, lessons
// and scripts.

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace interleave::test {

inline std::string readFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace interleave::test
