// interleave: the desktop program.

#include <QApplication>
#include <QCommandLineParser>
#include <cmath>
#include <cstdio>
#include <limits>
#include <optional>
#include <string>

#include "app/display_probe.h"
#include "app/video_cli.h"
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
    std::optional<ui::VideoSettings> video;  // --export-video: no window, a video of FILE
    int exitCode = -1;                       // >= 0: exit now with this code
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
    const QCommandLineOption byHand(
        QStringLiteral("by-hand"),
        QStringLiteral("Scheduler mode: every thread waits at each step for you to choose who "
                       "goes next (as the By hand button)."));
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
    const QCommandLineOption exportVideo(
        QStringLiteral("export-video"),
        QStringLiteral("Make a video (.mp4 or .gif, with ffmpeg) of the saved run FILE, with no "
                       "window, and exit."),
        QStringLiteral("out"));
    const QCommandLineOption videoSize(QStringLiteral("video-size"),
                                       QStringLiteral("With --export-video: 720p or 1080p "
                                                      "(default: 720p)."),
                                       QStringLiteral("size"), QStringLiteral("720p"));
    const QCommandLineOption fps(QStringLiteral("fps"),
                                 QStringLiteral("With --export-video: frames a second, 1 to 60 "
                                                "(default: 30 for MP4, 15 for GIF)."),
                                 QStringLiteral("n"));
    const QCommandLineOption from(QStringLiteral("from"),
                                  QStringLiteral("With --export-video: where the video starts in "
                                                 "the run, in seconds (default: 0)."),
                                  QStringLiteral("s"), QStringLiteral("0"));
    const QCommandLineOption to(QStringLiteral("to"),
                                QStringLiteral("With --export-video: where it ends, in seconds "
                                               "(default: the run's end)."),
                                QStringLiteral("s"));
    const QCommandLineOption playback(
        QStringLiteral("playback"),
        QStringLiteral("With --export-video: run time per video time, 0.1 to 10 (default: 1)."),
        QStringLiteral("x"), QStringLiteral("1"));
    const QCommandLineOption captions(
        QStringLiteral("captions"),
        QStringLiteral("With --export-video: burn the newest caption into every frame."));
    const QCommandLineOption wholeRun(
        QStringLiteral("whole-run"),
        QStringLiteral("With --export-video: every frame shows the whole run and only the time "
                       "cursor moves (default: each frame shows the run up to its time)."));
    QCommandLineOption platform(QStringLiteral("platform"), QStringLiteral("Qt's platform plugin."),
                                QStringLiteral("name"));
    QCommandLineOption style(QStringLiteral("style"), QStringLiteral("Qt's widget style."),
                             QStringLiteral("name"));
    platform.setFlags(QCommandLineOption::HiddenFromHelp);
    style.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOptions({help,  scenario, set,      run,         byHand,    speed, theme,
                       trace, logLevel, timings,  exportVideo, videoSize, fps,   from,
                       to,    playback, captions, wholeRun,    platform,  style});
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
    options.byHand = parser.isSet(byHand);
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
    for (const auto* o : {&videoSize, &fps, &from, &to, &playback, &captions, &wholeRun})
        if (parser.isSet(*o) && !parser.isSet(exportVideo)) {
            out.exitCode =
                usageError("--" + o->names().front().toStdString() + " is for --export-video");
            return out;
        }
    if (parser.isSet(exportVideo)) {
        ui::VideoSettings v;
        v.output = parser.value(exportVideo);
        const auto number = [&](const QCommandLineOption& o, const char* what, double& value) {
            bool good = false;
            value = parser.value(o).toDouble(&good);
            if (!good || !std::isfinite(value)) {
                out.exitCode = usageError(std::string("bad ") + what + " '" +
                                          parser.value(o).toStdString() + "': give a number");
                return false;
            }
            return true;
        };
        double fromS = 0, toS = -1, rate = 0;
        if (!number(from, "--from", fromS) || !number(playback, "--playback", v.speed) ||
            (parser.isSet(to) && !number(to, "--to", toS)) ||
            (parser.isSet(fps) && !number(fps, "--fps", rate)))
            return out;
        v.fromNs = static_cast<std::int64_t>(fromS * 1e9);
        v.toNs = parser.isSet(to) ? static_cast<std::int64_t>(toS * 1e9) : -1;
        v.fps = static_cast<int>(rate);
        v.captions = parser.isSet(captions);
        v.wholeRun = parser.isSet(wholeRun);
        const auto size = parser.value(videoSize);
        v.height = size == QLatin1String("720p") ? 720 : size == QLatin1String("1080p") ? 1080 : 0;
        QString why;
        if (options.trace.isEmpty())
            why = QStringLiteral(
                "--export-video needs the saved run to show: interleave "
                "--export-video OUT.mp4 FILE.ilt");
        else if (v.height == 0)
            why = QStringLiteral("bad video size '%1': use 720p or 1080p").arg(size);
        else if (parser.isSet(fps) && (rate != v.fps || v.fps < 1 || v.fps > 60))
            why = QStringLiteral("bad --fps '%1': allowed 1 to 60").arg(parser.value(fps));
        else if (fromS < 0 || (parser.isSet(to) && toS <= fromS))
            why = QStringLiteral("bad stretch: --from must be 0 or more and --to after it");
        else  // the range against the run is checked once the run is open
            why = ui::VideoExporter::check(v, std::numeric_limits<std::int64_t>::max());
        if (!why.isEmpty()) {
            out.exitCode = usageError(why.toStdString());
            return out;
        }
        out.video = v;
    }
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
