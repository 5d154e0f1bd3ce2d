#include "core/lesson/lesson_quiz.h"

#include <string_view>

#include <nlohmann/json.hpp>

namespace interleave {
namespace {

using nlohmann::json;

const std::string kOpen = "```interleave\n";
const std::string kClose = "\n```";

bool readString(const json& j, const char* key, std::string& out, bool required, std::string& error,
                const std::string& where) {
    const auto it = j.find(key);
    if (it == j.end()) {
        if (required) error = where + " has no \"" + key + "\"";
        return !required;
    }
    if (!it->is_string()) {
        error = where + ": \"" + key + "\" must be text";
        return false;
    }
    out = it->get<std::string>();
    return true;
}

// A question's or a try's "set": parameter: value, each value as text.
bool readSet(const json& q, std::vector<std::pair<std::string, std::string>>& out,
             const std::string& where, std::string& error) {
    const auto s = q.find("set");
    if (s == q.end()) return true;
    if (!s->is_object()) {
        error = where + ": \"set\" must be an object of parameter: value";
        return false;
    }
    for (const auto& [name, value] : s->items()) {
        if (!value.is_string()) {
            error = where + ": parameter '" + name + "' must be given as text";
            return false;
        }
        out.emplace_back(name, value.get<std::string>());
    }
    return true;
}

std::optional<TryCheck> readTry(const json& t, const std::string& where, std::string& error) {
    TryCheck out;
    const auto item = t.is_object() ? t.find("item") : t.end();
    if (item == t.end() || !item->is_number_integer() || item->get<int>() < 1) {
        error = where + " needs \"item\": the number of its Try this item, from 1";
        return std::nullopt;
    }
    out.item = item->get<int>();
    if (!readString(t, "none", out.none, false, error, where) || !readSet(t, out.set, where, error))
        return std::nullopt;
    if (const auto r = t.find("reads"); r != t.end()) {
        if (!r->is_array() || r->empty()) {
            error = where + ": \"reads\" must list at least one measure";
            return std::nullopt;
        }
        for (const auto& reading : *r) {
            TryReading tr;
            if (!reading.is_object() ||
                !readString(reading, "measure", tr.measure, true, error, where) ||
                !readString(reading, "says", tr.says, true, error, where)) {
                if (error.empty()) error = where + ": each reading is an object";
                return std::nullopt;
            }
            out.reads.push_back(std::move(tr));
        }
    }
    // Exactly one of the two: a check, or the reason there is none.
    if (out.reads.empty() == out.none.empty()) {
        error = where + " needs either \"reads\" (what answers it) or \"none\" (why nothing does)";
        return std::nullopt;
    }
    if (!out.none.empty() && !out.set.empty()) {
        error = where + ": an item with no single answer sets nothing";
        return std::nullopt;
    }
    return out;
}

std::optional<QuizQuestion> readQuestion(const json& q, const std::string& where,
                                         std::string& error) {
    if (!q.is_object()) {
        error = where + " must be an object";
        return std::nullopt;
    }
    QuizQuestion out;
    if (!readString(q, "ask", out.ask, true, error, where) ||
        !readString(q, "measure", out.measure, true, error, where) ||
        !readString(q, "why", out.why, true, error, where))
        return std::nullopt;
    if (const auto c = q.find("choices"); c != q.end()) {
        if (!c->is_array() || c->size() < 2) {
            error = where + ": \"choices\" must list at least two";
            return std::nullopt;
        }
        for (const auto& choice : *c) {
            QuizChoice qc;
            const auto range = choice.is_object() ? choice.find("range") : choice.end();
            if (!choice.is_object() || !choice.contains("text") || !choice["text"].is_string() ||
                range == choice.end() || !range->is_array() || range->size() != 2 ||
                !(*range)[0].is_number() || !(*range)[1].is_number()) {
                error = where + ": each choice needs \"text\" and \"range\": [low, high]";
                return std::nullopt;
            }
            qc.text = choice["text"].get<std::string>();
            qc.low = (*range)[0].get<double>();
            qc.high = (*range)[1].get<double>();
            out.choices.push_back(std::move(qc));
        }
        const auto a = q.find("answer");
        if (a == q.end() || !a->is_number_integer() || a->get<int>() < 0 ||
            a->get<int>() >= static_cast<int>(out.choices.size())) {
            error = where + ": \"answer\" must be the number of a choice, from 0";
            return std::nullopt;
        }
        out.answer = a->get<int>();
    } else if (const auto n = q.find("number"); n != q.end() && n->is_object()) {
        const auto t = n->find("tolerance");
        if (t == n->end() || !t->is_number() || t->get<double>() < 0 || t->get<double>() > 10) {
            error = where + ": \"number\" needs a \"tolerance\" from 0 to 10 (a fraction)";
            return std::nullopt;
        }
        out.tolerance = t->get<double>();
        if (!readString(*n, "unit", out.unit, false, error, where)) return std::nullopt;
    } else {
        error = where + " is neither multiple choice (\"choices\") nor a number (\"number\")";
        return std::nullopt;
    }
    if (!readSet(q, out.set, where, error)) return std::nullopt;
    return out;
}

}  // namespace

std::optional<LessonQuiz> parseLessonQuiz(const std::string& markdown, std::string* shown,
                                          std::string& error) {
    LessonQuiz quiz;
    const auto open = markdown.find(kOpen);
    if (open == std::string::npos) {
        if (shown) *shown = markdown;
        return quiz;
    }
    const auto body = open + kOpen.size();
    const auto close = markdown.find(kClose, body - 1);
    if (close == std::string::npos) {
        error = "the lesson's ```interleave block is not closed";
        return std::nullopt;
    }
    if (shown) *shown = markdown.substr(0, open) + markdown.substr(close + kClose.size());
    const auto j = json::parse(markdown.substr(body, close - body), nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
        error = "the lesson's ```interleave block is not a JSON object";
        return std::nullopt;
    }
    if (const auto g = j.find("goals"); g != j.end()) {
        if (!g->is_array()) {
            error = "\"goals\" must be a list";
            return std::nullopt;
        }
        for (const auto& goal : *g) {
            LessonGoal lg;
            const auto where = "goal " + std::to_string(quiz.goals.size() + 1);
            if (!goal.is_object() || !readString(goal, "goal", lg.goal, true, error, where) ||
                !readString(goal, "text", lg.text, true, error, where)) {
                if (error.empty()) error = where + " must be an object";
                return std::nullopt;
            }
            quiz.goals.push_back(std::move(lg));
        }
    }
    if (const auto qs = j.find("questions"); qs != j.end()) {
        if (!qs->is_array()) {
            error = "\"questions\" must be a list";
            return std::nullopt;
        }
        for (const auto& q : *qs) {
            auto question =
                readQuestion(q, "question " + std::to_string(quiz.questions.size() + 1), error);
            if (!question) return std::nullopt;
            quiz.questions.push_back(std::move(*question));
        }
    }
    if (const auto ts = j.find("try"); ts != j.end()) {
        if (!ts->is_array()) {
            error = "\"try\" must be a list";
            return std::nullopt;
        }
        for (const auto& t : *ts) {
            auto check = readTry(t, "try " + std::to_string(quiz.tries.size() + 1), error);
            if (!check) return std::nullopt;
            if (quiz.tryItem(check->item)) {
                error = "try item " + std::to_string(check->item) + " is given twice";
                return std::nullopt;
            }
            quiz.tries.push_back(std::move(*check));
        }
    }
    return quiz;
}

std::vector<TryThisItem> tryThisItems(const std::string& markdown) {
    std::vector<TryThisItem> items;
    const std::string heading = "## Try this\n";
    auto pos = markdown.find(heading);
    if (pos == std::string::npos) return items;
    pos += heading.size();
    // Line by line to the next heading or fenced block: "N. " starts an item, an indented line
    // goes on with it, a blank line may sit inside it.
    while (pos < markdown.size()) {
        auto eol = markdown.find('\n', pos);
        if (eol == std::string::npos) eol = markdown.size();
        const auto line = std::string_view(markdown).substr(pos, eol - pos);
        if (line.substr(0, 2) == "##" || line.substr(0, 3) == "```") break;
        std::size_t digits = 0;
        while (digits < line.size() && line[digits] >= '0' && line[digits] <= '9')
            ++digits;
        // A few digits at most: a lesson has no thousand items, and stoi must not overflow.
        if (digits > 0 && digits <= 3 && line.substr(digits, 2) == ". ") {
            items.push_back({std::stoi(std::string(line.substr(0, digits))), pos, eol});
        } else if (!items.empty() && !line.empty() && (line[0] == ' ' || line[0] == '\t')) {
            items.back().end = eol;
        } else if (!line.empty() && !items.empty()) {
            break;  // a paragraph after the list is not part of it
        }
        pos = eol + 1;
    }
    return items;
}

}  // namespace interleave
