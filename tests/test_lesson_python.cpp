// Every thread and process lesson has its "## In Python" section (issue 28, section 1): after
// "What to watch for", pointing at the scenario's own Python program, which must exist, with the
// command that runs it, and short enough to read beside the run. Its facts are cited under the
// lesson's "## Sources", so the lesson must have one.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "core/scenarios/scenario.h"
#include "read_file.h"

using namespace interleave;
using interleave::test::readFile;

namespace {

// The program's file name: socket's is not socket.py, which would hide Python's own socket
// module from every program in its folder.
std::string programOf(const std::string& scenario) {
    return scenario == "socket" ? "socket-pair" : scenario;
}

}  // namespace

TEST(LessonPython, EveryThreadAndProcessLessonPointsAtItsPythonProgram) {
    const std::filesystem::path source = INTERLEAVE_SOURCE_DIR;
    int lessons = 0;
    for (const auto& scenario : allScenarios()) {
        if (scenario.group != "threads" && scenario.group != "processes") continue;
        ++lessons;
        const auto& name = scenario.name;
        const auto text = readFile(source / "resources/lessons" / (name + ".md"));
        const auto at = text.find("\n## In Python\n");
        ASSERT_NE(at, std::string::npos) << name << ": no \"## In Python\" section";
        const auto watch = text.find("\n## What to watch for\n");
        ASSERT_NE(watch, std::string::npos) << name;
        EXPECT_LT(watch, at) << name << ": \"In Python\" comes before \"What to watch for\"";
        auto end = text.find("\n## ", at + 1);
        if (end == std::string::npos) end = text.find("\n```", at);
        const auto section = text.substr(at, end - at);

        const auto program = "resources/python/scenarios/" + programOf(name) + ".py";
        EXPECT_TRUE(std::filesystem::exists(source / program)) << name << ": no " << program;
        EXPECT_NE(section.find("`python3 " + program + "`"), std::string::npos)
            << name << ": the section does not say how to run " << program;
        // 5 to 12 lines of text, and a little more where an older Python section was folded in.
        int lines = 0;
        for (const char c : section)
            lines += c == '\n';
        EXPECT_LE(lines, 17) << name << ": the section is " << lines << " lines long";
        EXPECT_GE(lines, 6) << name;

        const auto sources = text.find("\n## Sources\n");
        ASSERT_NE(sources, std::string::npos) << name << ": no \"## Sources\" for its facts";
        EXPECT_GT(sources, at) << name;
        EXPECT_NE(text.find("Python", sources), std::string::npos)
            << name << ": its Sources cite nothing of Python";
        EXPECT_EQ(text.find("## If you try it in Python"), std::string::npos)
            << name << ": folded into \"In Python\"";
    }
    EXPECT_EQ(lessons, 19);
}
