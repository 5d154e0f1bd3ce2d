#pragma once
// The lessons' Markdown (resources/lessons/NAME.md), compiled into the engine.

#include <string_view>

namespace interleave {

// The lesson of a scenario, or nullptr when it has none.
const char* lessonText(std::string_view scenario);

}  // namespace interleave
