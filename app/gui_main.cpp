// interleave: the desktop program.

#include <QApplication>
#include <cstdio>
#include <string>
#include <vector>

#include "app/display_probe.h"
#include "app/gui_cli.h"
#include "app/video_cli.h"
#include "core/scenarios/params.h"
#include "core/scenarios/scenario.h"
#include "core/sys/clock.h"
#include "ui/window/main_window.h"

using namespace interleave;

int main(int argc, char** argv) {
    auto parsed = parseGuiArguments(argc, argv);
    if (parsed.exitCode >= 0) return parsed.exitCode;
    ui::LaunchOptions& options = parsed.options;
    options.startNs = processStartMonotonicNs();
    if (!options.scenario.isEmpty()) {
        const auto* s = findScenario(options.scenario.toStdString());
        if (!s)
            return guiUsageError("unknown scenario '" + options.scenario.toStdString() +
                                 "'; known scenarios: " + scenarioNames());
        std::vector<std::string> assignments;
        for (const auto& a : options.assignments)
            assignments.push_back(a.toStdString());
        // Bad values are also explained next to their field; say it here too, for scripts.
        if (const auto r = resolveParams(s->params, assignments); !r.ok())
            std::fprintf(stderr, "interleave: %s (the default is used)\n", r.error.c_str());
    }

    if (parsed.video) return exportVideoHeadless(argc, argv, options, *parsed.video);

    std::string why;
    if (!displayAvailable(why)) {
        std::fprintf(stderr,
                     "interleave: %s.\n"
                     "  Start it from a desktop session, or on a machine without one use\n"
                     "    xvfb-run -a interleave ...\n"
                     "  or the headless runner, which needs no display:\n"
                     "    interleave-lab run producer-consumer --trace out.json\n",
                     why.c_str());
        return 1;
    }

    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Interleave"));
    QApplication::setApplicationName(QStringLiteral("Interleave"));
    QFont f = QApplication::font();
    if (f.pointSizeF() < 11) f.setPointSizeF(11);  // readable from the back of a classroom
    QApplication::setFont(f);

    ui::MainWindow window(options);
    window.show();
    return app.exec();
}
