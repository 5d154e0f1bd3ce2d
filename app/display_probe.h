#pragma once
#include <string>

namespace interleave {

// Whether a GUI can open a window here, checked before Qt starts (Qt aborts the process when
// it cannot reach the display). On false, `why` says what is missing.
bool displayAvailable(std::string& why);

}  // namespace interleave
