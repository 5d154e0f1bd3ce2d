#pragma once
// What watching costs (issue 26 §5): the window (offscreen, 1280x720) showing a live run, the
// default producer-consumer against fork-tree at its maximum, in the same run: CPU of the
// window's process (the lab's processes are not counted: their work is the scenario's) and
// resident memory grown per event taken in.

namespace interleave::bench {

// Returns how many goals were missed: fork-tree under 25% of a core, at most 48 bytes an event.
int judgeWindowLoad(double seconds, bool judge);

}  // namespace interleave::bench
