#pragma once
// A small strict JSON parser for the tests: enough to prove a Chrome trace is well-formed JSON
// and to check its fields, without a JSON library in the build.

#include <cctype>
#include <cstdlib>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace interleave::test {

struct Json {
    enum class Type { Null, Bool, Number, String, Array, Object } type = Type::Null;
    bool boolean = false;
    double number = 0;
    std::string text;
    std::vector<Json> items;
    std::map<std::string, Json> fields;

    const Json& operator[](const std::string& k) const {
        static const Json none;
        const auto it = fields.find(k);
        return it == fields.end() ? none : it->second;
    }
    bool has(const std::string& k) const { return fields.count(k) != 0; }
};

class JsonParser {
  public:
    explicit JsonParser(std::string_view s) : m_s(s) {}
    Json parseDocument() {
        Json v = value();
        ws();
        if (m_i != m_s.size()) fail("trailing characters");
        return v;
    }

  private:
    [[noreturn]] void fail(const char* why) {
        throw std::runtime_error(std::string(why) + " at offset " + std::to_string(m_i));
    }
    void ws() {
        while (m_i < m_s.size() && std::isspace(static_cast<unsigned char>(m_s[m_i])))
            ++m_i;
    }
    char peek() {
        ws();
        if (m_i >= m_s.size()) fail("unexpected end");
        return m_s[m_i];
    }
    void expect(char c) {
        if (peek() != c) fail("unexpected character");
        ++m_i;
    }
    bool literal(std::string_view word) {
        if (m_s.substr(m_i, word.size()) != word) return false;
        m_i += word.size();
        return true;
    }
    std::string string() {
        expect('"');
        std::string out;
        while (m_i < m_s.size() && m_s[m_i] != '"') {
            char c = m_s[m_i++];
            if (static_cast<unsigned char>(c) < 0x20) fail("control character in string");
            if (c == '\\') {
                if (m_i >= m_s.size()) fail("bad escape");
                c = m_s[m_i++];
                if (c == 'u') {
                    if (m_i + 4 > m_s.size()) fail("bad \\u escape");
                    out += static_cast<char>(
                        std::strtol(std::string(m_s.substr(m_i, 4)).c_str(), nullptr, 16));
                    m_i += 4;
                    continue;
                }
                if (std::string_view("\"\\/bfnrt").find(c) == std::string_view::npos)
                    fail("bad escape");
                c = c == 'n'   ? '\n'
                    : c == 't' ? '\t'
                    : c == 'r' ? '\r'
                    : c == 'b' ? '\b'
                    : c == 'f' ? '\f'
                               : c;
            }
            out += c;
        }
        expect('"');
        return out;
    }
    Json value() {
        Json v;
        const char c = peek();
        if (c == '{') {
            v.type = Json::Type::Object;
            ++m_i;
            if (peek() == '}') return ++m_i, v;
            for (;;) {
                auto key = string();
                expect(':');
                v.fields[key] = value();
                if (peek() == ',') {
                    ++m_i;
                    continue;
                }
                expect('}');
                return v;
            }
        }
        if (c == '[') {
            v.type = Json::Type::Array;
            ++m_i;
            if (peek() == ']') return ++m_i, v;
            for (;;) {
                v.items.push_back(value());
                if (peek() == ',') {
                    ++m_i;
                    continue;
                }
                expect(']');
                return v;
            }
        }
        if (c == '"') {
            v.type = Json::Type::String;
            v.text = string();
            return v;
        }
        if (literal("true") || literal("false")) {
            v.type = Json::Type::Bool;
            v.boolean = m_s[m_i - 1] == 'e' && m_s[m_i - 2] == 'u';
            return v;
        }
        if (literal("null")) return v;
        const char* begin = m_s.data() + m_i;
        char* end = nullptr;
        v.number = std::strtod(begin, &end);
        if (end == begin) fail("not a value");
        m_i += static_cast<std::size_t>(end - begin);
        v.type = Json::Type::Number;
        return v;
    }

    std::string_view m_s;
    std::size_t m_i = 0;
};

}  // namespace interleave::test
