// interleave: the desktop program.

#include <QApplication>
#include <QCommandLineParser>
#include <cstdio>
#include <string>

#include "app/display_probe.h"
#include "core/scenarios/params.h"
#include "core/scenarios/scenario.h"
#include "core/sys/clock.h"
#include "ui/main_window.h"

using namespace interleave;

namespace {

int usageError(const std::string& message) {
    std::fprintf(stderr, "interleave: %s (see interleave --help)\n", message.c_str());
    return 2;
}

// Options are parsed before QApplication exists, so a typo is reported even where no window
// can open; Qt's own -platform and -style are accepted here and left for QApplication.
struct Parsed {
    ui::LaunchOptions options;
    int exitCode = -1;  // >= 0: exit now with this code
};

Parsed parseArguments(int argc, char** argv) {
    Parsed out;
    auto& options = out.options;
    QCoreApplication::setApplicationName(QStringLiteral("interleave"));
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Watch concurrency happen: scenarios run on real threads and real processes, and every "
        "synchronisation step is drawn as it happens."));
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help and exit."));
    const QCommandLineOption scenario(
        QStringLiteral("scenario"),
        QStringLiteral("Scenario to select (default: producer-consumer; see interleave-lab "
                       "list)."),
        QStringLiteral("name"));
    const QCommandLineOption set(
        QStringLiteral("set"),
        QStringLiteral("Set a parameter of the scenario; repeat for more (default: each "
                       "parameter's own, see interleave-lab describe NAME)."),
        QStringLiteral("name=value"));
    const QCommandLineOption run(QStringLiteral("run"),
                                 QStringLiteral("Start the scenario at once (default: wait for "
                                                "Run)."));
    const QCommandLineOption speed(QStringLiteral("speed"),
                                   QStringLiteral("Speed of simulated work, 0.05 to 4 "
                                                  "(default: 1)."),
                                   QStringLiteral("x"), QStringLiteral("1"));
    const QCommandLineOption theme(
        QStringLiteral("theme"),
        QStringLiteral("light, dark or high-contrast (default: the desktop's, or the last one "
                       "chosen)."),
        QStringLiteral("theme"));
    const QCommandLineOption trace(QStringLiteral("trace"),
                                   QStringLiteral("Open a saved native trace (.ilt) instead of "
                                                  "running (same as giving FILE)."),
                                   QStringLiteral("file"));
    const QCommandLineOption logLevel(
        QStringLiteral("log-level"),
        QStringLiteral("What each run's lab reports in the Lab log panel: trace, debug, info, "
                       "warn, error or off (default: warn)."),
        QStringLiteral("level"), QStringLiteral("warn"));
    const QCommandLineOption timings(QStringLiteral("timings"),
                                     QStringLiteral("Print start-up and Run-to-first-event times "
                                                    "to stderr."));
    QCommandLineOption platform(QStringLiteral("platform"), QStringLiteral("Qt's platform plugin."),
                                QStringLiteral("name"));
    QCommandLineOption style(QStringLiteral("style"), QStringLiteral("Qt's widget style."),
                             QStringLiteral("name"));
    platform.setFlags(QCommandLineOption::HiddenFromHelp);
    style.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOptions(
        {help, scenario, set, run, speed, theme, trace, logLevel, timings, platform, style});
    parser.addPositionalArgument(QStringLiteral("FILE"),
                                 QStringLiteral("A saved native trace (.ilt) to open."),
                                 QStringLiteral("[FILE]"));

    QStringList args;
    for (int i = 0; i < argc; ++i)
        args << QString::fromLocal8Bit(argv[i]);
    if (!parser.parse(args)) {
        out.exitCode = usageError(parser.errorText().toStdString());
        return out;
    }
    if (parser.isSet(help)) {
        // Without a QCoreApplication, Qt cannot know the program's name.
        std::fputs(qPrintable(parser.helpText().replace(QLatin1String("<executable_name>"),
                                                        QLatin1String("interleave"))),
                   stdout);
        out.exitCode = 0;
        return out;
    }
    options.scenario = parser.value(scenario);
    options.assignments = parser.values(set);
    options.run = parser.isSet(run);
    options.timings = parser.isSet(timings);
    bool ok = false;
    options.speed = parser.value(speed).toDouble(&ok);
    if (!ok || !(options.speed >= 0.05 && options.speed <= 4.0)) {
        out.exitCode =
            usageError("bad speed '" + parser.value(speed).toStdString() + "': allowed 0.05 to 4");
        return out;
    }
    if (parser.isSet(theme)) {
        const auto t = parser.value(theme);
        if (t == QLatin1String("light")) {
            options.theme = ui::Theme::Light;
        } else if (t == QLatin1String("dark")) {
            options.theme = ui::Theme::Dark;
        } else if (t == QLatin1String("high-contrast")) {
            options.theme = ui::Theme::HighContrast;
        } else {
            out.exitCode = usageError("unknown theme '" + t.toStdString() +
                                      "': use light, dark or high-contrast");
            return out;
        }
    }
    if (const auto level = parseLogLevel(parser.value(logLevel).toStdString())) {
        options.logLevel = *level;
    } else {
        out.exitCode = usageError("unknown log level '" + parser.value(logLevel).toStdString() +
                                  "': use " + kLogLevelNames);
        return out;
    }
    const auto files = parser.positionalArguments();
    if (files.size() > 1 || (files.size() == 1 && parser.isSet(trace))) {
        out.exitCode = usageError("give one trace file to open, not " +
                                  std::to_string(files.size() + parser.isSet(trace)));
        return out;
    }
    options.trace = files.size() == 1 ? files.front() : parser.value(trace);
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    auto parsed = parseArguments(argc, argv);
    if (parsed.exitCode >= 0) return parsed.exitCode;
    ui::LaunchOptions& options = parsed.options;
    options.startNs = processStartMonotonicNs();
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
