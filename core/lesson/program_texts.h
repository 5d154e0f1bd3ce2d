#pragma once
// Each thread and process scenario's short Python program (resources/python/scenarios/*.py),
// compiled into the engine like the lessons: the code panel shows it, and a test checks its
// `# step:` anchors against real runs.

#include <string_view>

namespace interleave {

// The program of a scenario, or nullptr when it has none (the socket scenario's is
// socket-pair.py: a socket.py would hide Python's own module).
const char* programText(std::string_view scenario);

}  // namespace interleave
