// libFuzzer target: the two text formats a person writes and the program reads, a schedule
// (JSON) and a lesson's question block (Markdown with JSON inside), on arbitrary bytes. Neither
// may crash or hang; whatever parses is then used as the program uses it.

#include <cstddef>
#include <cstdint>
#include <string>

#include "core/lesson/lesson_quiz.h"
#include "core/lesson/prediction.h"
#include "core/trace/schedule_file.h"

using namespace interleave;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    std::string error;
    if (const auto s = parseScheduleJson(text, error)) {
        const auto again = parseScheduleJson(scheduleJson(*s), error);
        if (!again || again->steps.size() != s->steps.size()) __builtin_trap();
    }
    std::string shown;
    if (const auto quiz = parseLessonQuiz(text, &shown, error))
        for (const auto& q : quiz->questions)
            for (const double observed : {0.0, -1.0, 1e300, static_cast<double>(size)})
                reveal(q, Prediction{q.answer, observed}, observed);
    // Try this items, found in the text as written: each lies inside it, in order.
    std::size_t after = 0;
    for (const auto& item : tryThisItems(text)) {
        if (item.begin < after || item.end < item.begin || item.end > text.size()) __builtin_trap();
        after = item.end;
    }
    return 0;
}
