// The desktop program's command line, as a user meets it: every bad option is refused with exit
// status 2 and one line, before any window is opened (so these need no display at all).

#include <gtest/gtest.h>
#include <string>

#include "core/channel/speed_range.h"
#include "core/supervise/supervisor.h"
#include "shell.h"

using namespace interleave::test;

namespace {

CliResult runGui(const std::string& args) {
    auto path = interleave::siblingLabPath();
    path = path.substr(0, path.rfind('/') + 1) + "interleave";
    // No display: a parse error must come before the display probe, and --help needs none.
    return shell("timeout 20 env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM " + path + " " +
                 args);
}

}  // namespace

TEST(GuiCommandLine, HelpListsEveryOptionWithItsDefault) {
    const auto r = runGui("--help");
    EXPECT_EQ(r.status, 0);
    for (const char* p : {"Usage: interleave",
                          "--scenario",
                          "default: producer-consumer",
                          "--set",
                          "--run",
                          "--speed",
                          "default: 1",
                          "--theme",
                          "--trace",
                          "--timings",
                          "--log-level",
                          "default: warn",
                          "FILE",
                          "--export-video",
                          "--video-size",
                          "default: 720p",
                          "--fps",
                          "--from",
                          "--to",
                          "--playback",
                          "--captions",
                          "--no-welcome",
                          "--show-help"})
        EXPECT_NE(r.output.find(p), std::string::npos) << p << "\n" << r.output;
}

TEST(GuiCommandLine, AnUnknownHelpPageIsRefused) {
    const auto r = runGui("--show-help index");
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.output.find("unknown help page 'index': use guide, shortcuts or welcome"),
              std::string::npos)
        << r.output;
}

// The window and the lab refuse the same speeds: both take the range from one place.
TEST(GuiCommandLine, TheWindowAndTheLabTakeTheSameSpeedRange) {
    const struct {
        double speed;
        bool allowed;
    } cases[] = {{interleave::kMinSpeed, true},
                 {interleave::kMaxSpeed, true},
                 {interleave::kMinSpeed * 0.9, false},
                 {interleave::kMaxSpeed * 1.1, false}};
    for (const auto& c : cases) {
        const auto speed = std::to_string(c.speed);
        const auto gui = runGui("--speed " + speed);  // allowed: it stops at the display probe
        const auto lab = shell("timeout 20 " + interleave::siblingLabPath() +
                               " run hello-threads-and-processes --duration 1ms --speed " + speed);
        EXPECT_EQ(gui.output.find("bad speed") == std::string::npos, c.allowed) << gui.output;
        EXPECT_EQ(lab.output.find("bad speed") == std::string::npos, c.allowed) << lab.output;
        if (!c.allowed) {
            EXPECT_NE(gui.output.find(interleave::speedRangeText()), std::string::npos);
            EXPECT_NE(lab.output.find(interleave::speedRangeText()), std::string::npos);
        }
    }
}

TEST(GuiCommandLine, BadInputExitsWithStatusTwoAndOneLineBeforeAnyWindow) {
    struct Case {
        const char* args;
        const char* mentions;
    } cases[] = {
        {"--frobnicate", "Unknown option 'frobnicate'"},
        {"--speed 9", "bad speed '9'"},
        {"--speed fast", "bad speed 'fast'"},
        {"--theme pink", "light, dark or high-contrast"},
        {"--scenario", "Missing value after '--scenario'"},
        {"--scenario nope", "known scenarios: hello-threads-and-processes, producer-consumer"},
        {"a.ilt b.ilt", "one trace file"},
        {"--trace a.ilt b.ilt", "one trace file"},
        {"--log-level loud", "trace, debug, info, warn, error or off"},
        {"--export-video out.mp4", "needs the saved run to show"},
        {"--export-video out.avi a.ilt", "give a name ending in .mp4 or .gif"},
        {"--export-video out.mp4 --video-size 4k a.ilt", "use 720p or 1080p"},
        {"--export-video out.mp4 --fps 100 a.ilt", "allowed 1 to 60"},
        {"--export-video out.mp4 --fps 2.5 a.ilt", "allowed 1 to 60"},
        {"--export-video out.mp4 --playback 50 a.ilt", "0.1 to 10"},
        {"--export-video out.mp4 --from 2 --to 1 a.ilt", "--to after it"},
        {"--export-video out.mp4 --to soon a.ilt", "bad --to 'soon'"},
        {"--captions a.ilt", "--captions is for --export-video"},
    };
    for (const auto& c : cases) {
        const auto r = runGui(c.args);
        EXPECT_EQ(r.status, 2) << c.args << "\n" << r.output;
        EXPECT_NE(r.output.find(c.mentions), std::string::npos) << c.args << "\n" << r.output;
        EXPECT_EQ(r.output.rfind("interleave: ", 0), 0u) << r.output;
        EXPECT_EQ(lines(r.output), 1u) << r.output;
    }
}

TEST(GuiCommandLine, WithoutADisplayItSaysWhatToDoInstead) {
    const auto r = runGui("--scenario deadlock");
    EXPECT_EQ(r.status, 1) << r.output;
    EXPECT_NE(r.output.find("xvfb-run"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("interleave-lab run"), std::string::npos) << r.output;
}
