#pragma once
// A race-condition run short enough to end at once, for window tests that need a finished run.

#include "ui/session/run_session.h"
#include "ui/window/main_window.h"
#include "wait_for.h"

namespace interleave::test {

// Five increments with 1 ms of thinking: the run ends within a second.
inline ui::LaunchOptions shortRace() {
    ui::LaunchOptions options;
    options.scenario = QStringLiteral("race-condition");
    options.assignments = {QStringLiteral("increments=5"), QStringLiteral("think_ms=1")};
    return options;
}

// Runs the window's scenario to its end, and until the window has taken the end in.
[[nodiscard]] inline bool runToTheEnd(ui::MainWindow& window) {
    window.runScenario();
    return waitFor([&] { return !window.session()->active(); }, 20'000) &&
           waitFor([&] { return window.saveAction()->isEnabled(); }, 5'000);
}

}  // namespace interleave::test
