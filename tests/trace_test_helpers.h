#pragma once
// What the trace-file tests share: a scratch path per test, whole-file reads and writes, and one
// real producer-consumer run to write in every format.

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <iterator>
#include <string>

#include "run_helpers.h"

namespace interleave::test {

inline std::string tempPath(const std::string& suffix) {
    return ::testing::TempDir() + "interleave_" + std::to_string(getpid()) + "_" +
           ::testing::UnitTest::GetInstance()->current_test_info()->name() + suffix;
}

inline std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

inline void spit(const std::string& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary | std::ios::trunc)
        .write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// Run once per test program, on first use.
inline Supervisor& sampleRun() {
    static const auto sup =
        runFor("producer-consumer", {"produce_ms=1", "consume_ms=2", "items=40"}, 10'000);
    return *sup;
}

}  // namespace interleave::test
