#pragma once
// Opening a saved run in the real window (offscreen, 1280x720) and seeking in it: a native
// trace of `events` events is opened as a user opens one (load, every model built, the whole
// run drawn), and the cursor is set to random moments (every view follows, and paints). Goals:
// open in at most 1 s and seek in at most 50 ms (the worst of 40 seeks), for 1 M events. The
// baseline, measured in the same run, is reading the file's bytes.

#include <cstddef>

namespace interleave::bench {

// Returns how many goals were missed; `judge` false (a smoke run) judges none.
int judgeReplay(std::size_t events, bool judge);

}  // namespace interleave::bench
