// interleave: the desktop program.

#include <QApplication>
#include <QCommandLineParser>
#include <cstdio>
#include <string>

#include "core/sys/clock.h"
#include "app/display_probe.h"
#include "core/scenarios/params.h"
#include "core/scenarios/scenario.h"
#include "ui/main_window.h"

using namespace interleave;

namespace {

const char* kUsage =
    "usage: interleave [--scenario NAME] [--set NAME=VALUE]... [--run] [--speed X]\n"
    "                  [--theme light|dark|high-contrast] [--trace FILE.ilt] [--timings]\n";

int usageError(const std::string& message) {
    std::fprintf(stderr, "interleave: %s\n", message.c_str());
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    ui::LaunchOptions options;
    options.startNs = processStartMonotonicNs();
    // Arguments first, so a typo is reported even where no window can open.
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        const bool hasValue = i + 1 < argc;
        if (a == "--scenario" && hasValue) {
            options.scenario = QString::fromLocal8Bit(argv[++i]);
        } else if (a == "--set" && hasValue) {
            options.assignments << QString::fromLocal8Bit(argv[++i]);
        } else if (a == "--run") {
            options.run = true;
        } else if (a == "--timings") {
            options.timings = true;
        } else if (a == "--speed" && hasValue) {
            char* end = nullptr;
            options.speed = std::strtod(argv[++i], &end);
            if (*end != '\0' || !(options.speed >= 0.05 && options.speed <= 4.0))
                return usageError(std::string("bad speed '") + argv[i] + "': allowed 0.05 to 4");
        } else if (a == "--theme" && hasValue) {
            const std::string t = argv[++i];
            if (t == "light")
                options.theme = ui::Theme::Light;
            else if (t == "dark")
                options.theme = ui::Theme::Dark;
            else if (t == "high-contrast")
                options.theme = ui::Theme::HighContrast;
            else
                return usageError("unknown theme '" + t + "': use light, dark or high-contrast");
        } else if (a == "--trace" && hasValue) {
            options.trace = QString::fromLocal8Bit(argv[++i]);
        } else if (a == "--help" || a == "-h") {
            std::fputs(kUsage, stdout);
            return 0;
        } else if (a.rfind("-platform", 0) == 0 || a.rfind("-style", 0) == 0) {
            if (hasValue) ++i;  // Qt's own options
        } else {
            return usageError("unknown or incomplete option '" + a + "'\n" + kUsage);
        }
    }
    if (!options.scenario.isEmpty()) {
        const auto* s = findScenario(options.scenario.toStdString());
        if (!s)
            return usageError("unknown scenario '" + options.scenario.toStdString() +
                              "'; known scenarios: " + scenarioNames());
        std::vector<std::string> assignments;
        for (const auto& a : options.assignments)
            assignments.push_back(a.toStdString());
        // Bad values are also explained next to their field; say it here too, for scripts.
        if (const auto r = resolveParams(s->params, assignments); !r.ok())
            std::fprintf(stderr, "interleave: %s (the default is used)\n", r.error.c_str());
    }

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
