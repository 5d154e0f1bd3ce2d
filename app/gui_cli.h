#pragma once
// `interleave [options] [FILE]`: the window's command line. It is parsed before QApplication
// exists, so a typo is reported even where no window can open; Qt's own -platform and -style
// are accepted here and left for QApplication.

#include <optional>
#include <string>

#include "ui/export/video_exporter.h"
#include "ui/window/main_window.h"

namespace interleave {

struct GuiArguments {
    ui::LaunchOptions options;
    std::optional<ui::VideoSettings> video;  // --export-video: no window, a video of FILE
    int exitCode = -1;                       // >= 0: exit now with this code
};

GuiArguments parseGuiArguments(int argc, char** argv);

// Says what was wrong on stderr, with where to look; returns the usage error's exit status.
int guiUsageError(const std::string& message);

}  // namespace interleave
