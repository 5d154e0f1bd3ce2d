#pragma once
// `interleave --export-video OUT FILE`: a saved run made into a video with no window on screen,
// for scripted course material. The window is built offscreen, opens the trace as a replay and
// is rendered frame by frame into ffmpeg, with progress on stderr; Ctrl+C (or SIGTERM from the
// window that started it) cancels and leaves no file.

#include "ui/export/video_exporter.h"
#include "ui/window/main_window.h"

namespace interleave {

// Exit status: 0 written, 1 failed (said on stderr), 130 cancelled.
int exportVideoHeadless(int argc, char** argv, ui::LaunchOptions options,
                        const ui::VideoSettings& settings);

}  // namespace interleave
