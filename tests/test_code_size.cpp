// Keeps the programs' sources small enough to read: no function in app/ or ui/ over 80 lines
// and no file there over 500 lines (issue 27).
//
// The scan is deliberately simple, a brace-depth count over the text with comments, string and
// character literals (raw strings included) and preprocessor lines blanked out:
// - a function's length is its body's, from the line of its opening brace to the line of its
//   closing brace, both counted (the signature is not);
// - namespace, class, struct, union, enum and extern blocks are looked into, and each block
//   directly inside them counts as a function: member functions, free functions, lambdas and
//   brace initialisers at namespace scope alike; blocks nested in a function count as part of
//   it (lambdas inside a function included);
// - a class header with parentheses (struct alignas(64) S {) counts as a function, and a digit
//   separator after a hex letter (0xFF'FF) confuses it: neither occurs in app/ or ui/.
// A file's length is its count of newlines, as `wc -l` gives it.

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "read_file.h"

namespace {

using interleave::test::readFile;

constexpr int kMaxFunctionLines = 80;
constexpr int kMaxFileLines = 500;

struct Block {
    int firstLine = 0;  // of the opening brace, from 1
    int lines = 0;      // opening and closing lines included
    std::string header;
};

// The text with comments, literals and preprocessor lines replaced by spaces; newlines stay,
// so that line numbers are kept.
std::string blankOutNonCode(const std::string& text) {
    std::string out = text;
    const auto blank = [&](std::size_t from, std::size_t to) {
        for (auto k = from; k < to && k < out.size(); ++k)
            if (out[k] != '\n') out[k] = ' ';
    };
    std::size_t i = 0;
    bool lineStart = true;
    while (i < text.size()) {
        const char c = text[i];
        if (lineStart && c == '#') {  // to the end of the line, with its continuations
            auto end = i;
            while (end < text.size() && !(text[end] == '\n' && text[end - 1] != '\\'))
                ++end;
            blank(i, end);
            i = end;
            continue;
        }
        if (c == '\n')
            lineStart = true;
        else if (!std::isspace(static_cast<unsigned char>(c)))
            lineStart = false;
        if (c == '/' && i + 1 < text.size() && text[i + 1] == '/') {
            const auto end = text.find('\n', i);
            blank(i, end == std::string::npos ? text.size() : end);
            i = end == std::string::npos ? text.size() : end;
        } else if (c == '/' && i + 1 < text.size() && text[i + 1] == '*') {
            const auto end = std::min(text.find("*/", i + 2), text.size() - 2) + 2;
            blank(i, end);
            i = end;
        } else if (c == '"' && i > 0 && text[i - 1] == 'R') {  // R"delim( ... )delim"
            const auto open = text.find('(', i);
            const auto close = text.find(")" + text.substr(i + 1, open - i - 1) + "\"", open);
            const auto end = close == std::string::npos ? text.size() : close + open - i + 1;
            blank(i, end);
            i = end;
        } else if (c == '"' ||
                   (c == '\'' &&
                    !(i > 0 && std::isdigit(static_cast<unsigned char>(text[i - 1]))))) {
            auto end = i + 1;
            while (end < text.size() && text[end] != c && text[end] != '\n')
                end += text[end] == '\\' ? 2 : 1;
            blank(i, end + 1);
            i = end + 1;
        } else {
            ++i;
        }
    }
    return out;
}

// Each function-level block of `source` (see the comment at the top).
std::vector<Block> functionBlocks(const std::string& source) {
    static const std::regex scope(R"(\b(namespace|class|struct|union|enum|extern)\b)");
    const auto code = blankOutNonCode(source);
    std::vector<bool> transparent;  // per open block: a scope looked into, or a function
    std::vector<Block> blocks;
    Block current;
    int depthInFunction = 0;  // braces open inside the current function, its own included
    int line = 1;
    std::string header;  // since the last ; { or } at scope level
    for (const char c : code) {
        if (c == '\n') ++line;
        if (depthInFunction > 0) {
            depthInFunction += c == '{' ? 1 : c == '}' ? -1 : 0;
            if (depthInFunction == 0) {
                current.lines = line - current.firstLine + 1;
                blocks.push_back(current);
            }
            continue;
        }
        if (c == '{') {
            if (header.find('(') == std::string::npos && std::regex_search(header, scope)) {
                transparent.push_back(true);
            } else {
                current = Block{line, 0, std::regex_replace(header, std::regex(R"(\s+)"), " ")};
                depthInFunction = 1;
            }
            header.clear();
        } else if (c == '}' || c == ';') {
            if (c == '}' && !transparent.empty()) transparent.pop_back();
            header.clear();
        } else {
            header += c;
        }
    }
    return blocks;
}

int countLines(const std::string& text) {
    return static_cast<int>(std::count(text.begin(), text.end(), '\n'));
}

// Every function and file of `dir` and its subfolders over the limits, one line each.
std::vector<std::string> sizeViolations(const std::filesystem::path& dir) {
    std::vector<std::string> found;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
        const auto ext = entry.path().extension();
        if (ext != ".cpp" && ext != ".h") continue;
        const auto text = readFile(entry.path());
        const auto name = std::filesystem::relative(entry.path(), dir.parent_path()).string();
        if (countLines(text) > kMaxFileLines)
            found.push_back(name + ": " + std::to_string(countLines(text)) + " lines");
        for (const auto& b : functionBlocks(text))
            if (b.lines > kMaxFunctionLines)
                found.push_back(name + ":" + std::to_string(b.firstLine) + ": a body of " +
                                std::to_string(b.lines) + " lines (" + b.header + ")");
    }
    return found;
}

// A function whose body has `lines` lines, braces included.
std::string functionOf(const std::string& name, int lines) {
    std::string text = "int " + name + "(int x) {\n";
    for (int k = 0; k < lines - 2; ++k)
        text += "    x += 1;\n";
    return text + "    return x; }\n";
}

}  // namespace

TEST(CodeSize, NoFunctionInAppOrUiIsOver80LinesAndNoFileOver500) {
    std::string all;
    for (const char* folder : {"app", "ui"}) {
        const auto dir = std::filesystem::path(INTERLEAVE_SOURCE_DIR) / folder;
        ASSERT_TRUE(std::filesystem::is_directory(dir)) << dir;
        for (const auto& f : sizeViolations(dir))
            all += "\n  " + f;
    }
    EXPECT_TRUE(all.empty()) << "over the limits (functions " << kMaxFunctionLines
                             << " lines, files " << kMaxFileLines << "):" << all;
}

TEST(CodeSize, TheScanFindsLongBodiesInsideScopesAndIsNotFooledByBracesInText) {
    const std::string source =
        "#include <x>\n#define OPEN {\n"
        "namespace a { namespace {\n"
        "/* { */ // {\n"
        "struct S {\n" +
        functionOf("member", 81) + "};\n" + functionOf("edge", 80) + "}  // namespace\n" +
        functionOf("freeOne", 3) +
        "const char* s = \"{\"; char c = '{'; int n = 1'000;\n"
        "auto r = R\"x({ \")x\";\n" +
        "int nested(int x) {\n  auto f = [] { return 1; };\n"
        "  if (x) { return f(); }\n  return 0;\n}\n"
        "}\n";
    const auto blocks = functionBlocks(source);
    ASSERT_EQ(blocks.size(), 4u);
    EXPECT_EQ(blocks[0].lines, 81);
    EXPECT_NE(blocks[0].header.find("member"), std::string::npos);
    EXPECT_EQ(blocks[0].firstLine, 6);
    EXPECT_EQ(blocks[1].lines, 80);
    EXPECT_EQ(blocks[2].lines, 3);
    EXPECT_EQ(blocks[3].lines, 5);
    EXPECT_NE(blocks[3].header.find("nested"), std::string::npos);
}
