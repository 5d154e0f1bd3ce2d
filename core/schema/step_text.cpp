#include "core/schema/step_text.h"

#include "core/schema/event_kinds.h"

namespace interleave {

std::string stepText(EventKind next, std::string_view object, std::int64_t arg,
                     std::string_view argActor) {
    const auto& phrase = kindInfo(next).step;
    const bool alt = (phrase.when == StepAlt::ArgOne && arg == 1) ||
                     (phrase.when == StepAlt::ArgNegative && arg < 0) ||
                     (phrase.when == StepAlt::NoArgActor && argActor.empty());
    const auto text = alt ? phrase.alt : phrase.text;
    if (text.empty()) return "go on";
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        const auto close = text[i] == '{' ? text.find('}', i) : std::string_view::npos;
        if (close == std::string_view::npos) {
            out += text[i++];
            continue;
        }
        const auto name = text.substr(i + 1, close - i - 1);
        if (name == "object")
            out += object.empty() ? std::string_view("it") : object;
        else if (name == "arg")
            out += std::to_string(arg);
        else if (name == "argActor")
            out += argActor;
        i = close + 1;
    }
    return out;
}

}  // namespace interleave
