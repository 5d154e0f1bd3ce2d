// The event-kind table (core/schema/event_kinds.h) is the one place that says what each kind
// means (issue 27): no other source in core/, ui/ or app/ switches over kinds with
// `case EventKind::`; they read a column of the table instead, so that a new kind is described
// once. tests/ are not scanned.
//
// The scan is plain text, line by line: a `case EventKind::` in a comment counts too (write the
// comment another way), and one spelled `case interleave::EventKind::` is caught as well.

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace {

// The lines of `text` that switch over an event kind, as "name:line: text".
std::vector<std::string> kindCases(const std::string& name, const std::string& text) {
    static const std::regex kindCase(R"(\bcase\s+(::)?(\w+\s*::\s*)*EventKind\s*::)");
    std::vector<std::string> found;
    std::istringstream in(text);
    std::string line;
    for (int number = 1; std::getline(in, line); ++number)
        if (std::regex_search(line, kindCase))
            found.push_back(name + ":" + std::to_string(number) + ": " + line);
    return found;
}

bool isKindTable(const std::filesystem::path& relative) {
    return relative.parent_path() == std::filesystem::path("core/schema") &&
           relative.stem() == "event_kinds";
}

// Every switch over a kind in the sources under `root`'s core/, ui/ and app/, the kind table
// excepted.
std::vector<std::string> kindSwitchesOutsideTheTable(const std::filesystem::path& root) {
    std::vector<std::string> found;
    for (const char* dir : {"core", "ui", "app"}) {
        for (const auto& entry : std::filesystem::recursive_directory_iterator(root / dir)) {
            const auto ext = entry.path().extension();
            if (ext != ".cpp" && ext != ".h" && ext != ".hpp" && ext != ".cc") continue;
            const auto relative = std::filesystem::relative(entry.path(), root);
            if (isKindTable(relative)) continue;
            std::ifstream in(entry.path(), std::ios::binary);
            std::stringstream text;
            text << in.rdbuf();
            for (auto& f : kindCases(relative.generic_string(), text.str()))
                found.push_back(std::move(f));
        }
    }
    return found;
}

}  // namespace

TEST(KindSwitches, NoSourceOutsideTheKindTableSwitchesOverKinds) {
    const std::filesystem::path root(INTERLEAVE_SOURCE_DIR);
    for (const char* dir : {"core", "ui", "app"})
        ASSERT_TRUE(std::filesystem::is_directory(root / dir)) << root / dir;
    const auto found = kindSwitchesOutsideTheTable(root);
    std::string all;
    for (const auto& f : found)
        all += "\n  " + f;
    EXPECT_TRUE(found.empty())
        << "switches over event kinds outside core/schema/event_kinds.h (read a column of the "
           "kind table instead, adding one if none says what you need):"
        << all;
}

TEST(KindSwitches, TheScanFindsCasesOverKindsAndOnlyThose) {
    const std::string source =
        "switch (r.kind) {\n"
        "    case EventKind::MsgSend:\n"
        "    case  interleave::EventKind :: MsgEnd: break;\n"
        "    case ObjectKind::Pipe:\n"
        "    case MessageStep::Send:\n"
        "    if (k == EventKind::MsgSend) {}\n"
        "    showcase EventKind::X\n"
        "}\n";
    const auto found = kindCases("ui/x.cpp", source);
    ASSERT_EQ(found.size(), 2u);
    EXPECT_EQ(found[0], "ui/x.cpp:2:     case EventKind::MsgSend:");
    EXPECT_EQ(found[1].substr(0, 11), "ui/x.cpp:3:");
    EXPECT_TRUE(isKindTable("core/schema/event_kinds.h"));
    EXPECT_TRUE(isKindTable("core/schema/event_kinds.cpp"));
    EXPECT_FALSE(isKindTable("core/schema/step_text.cpp"));
    EXPECT_FALSE(isKindTable("ui/views/event_kinds.h"));
}

TEST(KindSwitches, TheScanReportsASwitchPlantedInASourceTree) {
    const auto root = std::filesystem::temp_directory_path() /
                      ("interleave_kind_switches_" + std::to_string(::getpid()));
    std::filesystem::remove_all(root);
    for (const char* dir : {"core/schema", "ui/views", "app", "tests"})
        std::filesystem::create_directories(root / dir);
    const auto write = [&](const char* path, const char* text) {
        std::ofstream(root / path) << text;
    };
    const char* kindCase = "switch (k) {\n    case EventKind::None: break;\n}\n";
    write("core/schema/event_kinds.h", kindCase);  // the table itself may
    write("tests/test_x.cpp", kindCase);           // tests are not scanned
    write("ui/views/model.cpp", kindCase);
    write("app/main.cpp", "int main() { return 0; }\n");
    const auto found = kindSwitchesOutsideTheTable(root);
    std::filesystem::remove_all(root);
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0], "ui/views/model.cpp:2:     case EventKind::None: break;");
}
