#include "app/gui_cli.h"

#include <QCommandLineParser>
#include <cmath>
#include <cstdio>
#include <limits>

#include "core/channel/speed_range.h"
#include "core/supervise/lab_log.h"

namespace interleave {
namespace {

QCommandLineOption flag(const char* name, const char* help) {
    return QCommandLineOption(QString::fromLatin1(name), QString::fromUtf8(help));
}

QCommandLineOption valued(const char* name, const char* help, const char* valueName,
                          const char* defaultValue = nullptr) {
    return QCommandLineOption(QString::fromLatin1(name), QString::fromUtf8(help),
                              QString::fromLatin1(valueName),
                              defaultValue ? QString::fromLatin1(defaultValue) : QString());
}

// Every option of the window's command line, in the order --help lists them.
struct GuiOptions {
    QCommandLineOption help{QStringList{QStringLiteral("h"), QStringLiteral("help")},
                            QStringLiteral("Show this help and exit.")};
    QCommandLineOption scenario =
        valued("scenario",
               "Scenario to select (default: producer-consumer; see interleave-lab list).", "name");
    QCommandLineOption set = valued("set",
                                    "Set a parameter of the scenario; repeat for more (default: "
                                    "each parameter's own, see interleave-lab describe NAME).",
                                    "name=value");
    QCommandLineOption run = flag("run", "Start the scenario at once (default: wait for Run).");
    QCommandLineOption byHand =
        flag("by-hand",
             "Scheduler mode: every thread waits at each step for you to choose who goes next (as "
             "the By hand button).");
    QCommandLineOption speed =
        valued("speed", "Speed of simulated work, 0.05 to 4 (default: 1).", "x", "1");
    QCommandLineOption theme = valued(
        "theme", "light, dark or high-contrast (default: the desktop's, or the last one chosen).",
        "theme");
    QCommandLineOption trace = valued(
        "trace", "Open a saved native trace (.ilt) instead of running (same as giving FILE).",
        "file");
    QCommandLineOption logLevel =
        valued("log-level",
               ("What each run's lab reports in the Lab log panel: " + logLevelChoiceText() +
                " (default: warn).")
                   .c_str(),
               "level", "warn");
    QCommandLineOption timings =
        flag("timings", "Print start-up and Run-to-first-event times to stderr.");
    QCommandLineOption noWelcome =
        flag("no-welcome",
             "Do not show the welcome of a first start (it shows once, when the window is started "
             "with no scenario, run or file; Help > Welcome brings it back).");
    QCommandLineOption showHelp =
        valued("show-help",
               "Open a help page at start: guide (the user guide), shortcuts (every key) or "
               "welcome.",
               "page");
    QCommandLineOption exportVideo = valued("export-video",
                                            "Make a video (.mp4 or .gif, with ffmpeg) of the "
                                            "saved run FILE, with no window, and exit.",
                                            "out");
    QCommandLineOption videoSize =
        valued("video-size", "With --export-video: 720p or 1080p (default: 720p).", "size", "720p");
    QCommandLineOption fps = valued(
        "fps", "With --export-video: frames a second, 1 to 60 (default: 30 for MP4, 15 for GIF).",
        "n");
    QCommandLineOption from = valued(
        "from", "With --export-video: where the video starts in the run, in seconds (default: 0).",
        "s", "0");
    QCommandLineOption to = valued(
        "to", "With --export-video: where it ends, in seconds (default: the run's end).", "s");
    QCommandLineOption playback =
        valued("playback", "With --export-video: run time per video time, 0.1 to 10 (default: 1).",
               "x", "1");
    QCommandLineOption captions =
        flag("captions", "With --export-video: burn the newest caption into every frame.");
    QCommandLineOption wholeRun = flag("whole-run",
                                       "With --export-video: every frame shows the whole run and "
                                       "only the time cursor moves (default: each frame shows "
                                       "the run up to its time).");
    QCommandLineOption platform = valued("platform", "Qt's platform plugin.", "name");
    QCommandLineOption style = valued("style", "Qt's widget style.", "name");

    void addTo(QCommandLineParser& parser) {
        platform.setFlags(QCommandLineOption::HiddenFromHelp);
        style.setFlags(QCommandLineOption::HiddenFromHelp);
        parser.addOptions({help,        scenario,  set,      run,     byHand,    speed,
                           theme,       trace,     logLevel, timings, noWelcome, showHelp,
                           exportVideo, videoSize, fps,      from,    to,        playback,
                           captions,    wholeRun,  platform, style});
        parser.addPositionalArgument(QStringLiteral("FILE"),
                                     QStringLiteral("A saved native trace (.ilt) to open."),
                                     QStringLiteral("[FILE]"));
    }
};

// --theme, when given; returns what is wrong, or an empty string.
std::string readTheme(const QCommandLineParser& parser, const GuiOptions& o,
                      ui::LaunchOptions& options) {
    if (!parser.isSet(o.theme)) return {};
    const auto t = parser.value(o.theme);
    if (t == QLatin1String("light"))
        options.theme = ui::Theme::Light;
    else if (t == QLatin1String("dark"))
        options.theme = ui::Theme::Dark;
    else if (t == QLatin1String("high-contrast"))
        options.theme = ui::Theme::HighContrast;
    else
        return "unknown theme '" + t.toStdString() + "': use light, dark or high-contrast";
    return {};
}

// What the window starts with; returns what is wrong, or an empty string.
std::string readLaunchOptions(const QCommandLineParser& parser, const GuiOptions& o,
                              ui::LaunchOptions& options) {
    options.scenario = parser.value(o.scenario);
    options.assignments = parser.values(o.set);
    options.run = parser.isSet(o.run);
    options.byHand = parser.isSet(o.byHand);
    options.timings = parser.isSet(o.timings);
    bool ok = false;
    options.speed = parser.value(o.speed).toDouble(&ok);
    if (!ok || !speedAllowed(options.speed))
        return badSpeedMessage(parser.value(o.speed).toStdString());
    if (auto error = readTheme(parser, o, options); !error.empty()) return error;
    const auto level = parseLogLevel(parser.value(o.logLevel).toStdString());
    if (!level)
        return "unknown log level '" + parser.value(o.logLevel).toStdString() + "': use " +
               logLevelChoiceText();
    options.logLevel = *level;
    const auto files = parser.positionalArguments();
    if (files.size() > 1 || (files.size() == 1 && parser.isSet(o.trace)))
        return "give one trace file to open, not " +
               std::to_string(files.size() + parser.isSet(o.trace));
    options.trace = files.size() == 1 ? files.front() : parser.value(o.trace);
    options.showHelp = parser.value(o.showHelp);
    if (parser.isSet(o.showHelp) &&
        !QStringList{QStringLiteral("guide"), QStringLiteral("shortcuts"),
                     QStringLiteral("welcome")}
             .contains(options.showHelp))
        return "unknown help page '" + options.showHelp.toStdString() +
               "': use guide, shortcuts or welcome";
    // Only a plain start may greet: a script, a screenshot or a lesson's command line asks
    // for something, and a welcome over it would be in the way (and in the picture).
    options.welcome = !parser.isSet(o.noWelcome) && !parser.isSet(o.showHelp) &&
                      options.scenario.isEmpty() && options.trace.isEmpty() && !options.run &&
                      !options.byHand && !parser.isSet(o.exportVideo);
    for (const auto* v :
         {&o.videoSize, &o.fps, &o.from, &o.to, &o.playback, &o.captions, &o.wholeRun})
        if (parser.isSet(*v) && !parser.isSet(o.exportVideo))
            return "--" + v->names().front().toStdString() + " is for --export-video";
    return {};
}

// The video's numbers, read in the order of the messages; returns what is wrong, or empty.
std::string readVideoNumbers(const QCommandLineParser& parser, const GuiOptions& o,
                             ui::VideoSettings& v, double& fromS, double& toS, double& rate) {
    std::string error;
    const auto number = [&](const QCommandLineOption& option, const char* what, double& value) {
        bool good = false;
        value = parser.value(option).toDouble(&good);
        if (!good || !std::isfinite(value)) {
            error = std::string("bad ") + what + " '" + parser.value(option).toStdString() +
                    "': give a number";
            return false;
        }
        return true;
    };
    const bool ok = number(o.from, "--from", fromS) && number(o.playback, "--playback", v.speed) &&
                    (!parser.isSet(o.to) || number(o.to, "--to", toS)) &&
                    (!parser.isSet(o.fps) || number(o.fps, "--fps", rate));
    return ok ? std::string() : error;
}

// --export-video and its options; returns what is wrong, or an empty string.
std::string readVideoSettings(const QCommandLineParser& parser, const GuiOptions& o,
                              const QString& trace, ui::VideoSettings& v) {
    v.output = parser.value(o.exportVideo);
    double fromS = 0, toS = -1, rate = 0;
    if (auto error = readVideoNumbers(parser, o, v, fromS, toS, rate); !error.empty()) return error;
    v.fromNs = static_cast<std::int64_t>(fromS * 1e9);
    v.toNs = parser.isSet(o.to) ? static_cast<std::int64_t>(toS * 1e9) : -1;
    v.fps = static_cast<int>(rate);
    v.captions = parser.isSet(o.captions);
    v.wholeRun = parser.isSet(o.wholeRun);
    const auto size = parser.value(o.videoSize);
    v.height = size == QLatin1String("720p") ? 720 : size == QLatin1String("1080p") ? 1080 : 0;
    QString why;
    if (trace.isEmpty())
        why = QStringLiteral(
            "--export-video needs the saved run to show: interleave "
            "--export-video OUT.mp4 FILE.ilt");
    else if (v.height == 0)
        why = QStringLiteral("bad video size '%1': use 720p or 1080p").arg(size);
    else if (parser.isSet(o.fps) && (rate != v.fps || v.fps < 1 || v.fps > 60))
        why = QStringLiteral("bad --fps '%1': allowed 1 to 60").arg(parser.value(o.fps));
    else if (fromS < 0 || (parser.isSet(o.to) && toS <= fromS))
        why = QStringLiteral("bad stretch: --from must be 0 or more and --to after it");
    else  // the range against the run is checked once the run is open
        why = ui::VideoExporter::check(v, std::numeric_limits<std::int64_t>::max());
    return why.toStdString();
}

}  // namespace

int guiUsageError(const std::string& message) {
    std::fprintf(stderr, "interleave: %s (see interleave --help)\n", message.c_str());
    return 2;
}

GuiArguments parseGuiArguments(int argc, char** argv) {
    GuiArguments out;
    QCoreApplication::setApplicationName(QStringLiteral("interleave"));
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Watch concurrency happen: scenarios run on real threads and real processes, and every "
        "synchronisation step is drawn as it happens."));
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    GuiOptions o;
    o.addTo(parser);
    QStringList args;
    for (int i = 0; i < argc; ++i)
        args << QString::fromLocal8Bit(argv[i]);
    if (!parser.parse(args)) {
        out.exitCode = guiUsageError(parser.errorText().toStdString());
        return out;
    }
    if (parser.isSet(o.help)) {
        // Without a QCoreApplication, Qt cannot know the program's name.
        std::fputs(qPrintable(parser.helpText().replace(QLatin1String("<executable_name>"),
                                                        QLatin1String("interleave"))),
                   stdout);
        out.exitCode = 0;
        return out;
    }
    std::string error = readLaunchOptions(parser, o, out.options);
    if (error.empty() && parser.isSet(o.exportVideo)) {
        ui::VideoSettings v;
        error = readVideoSettings(parser, o, out.options.trace, v);
        if (error.empty()) out.video = v;
    }
    if (!error.empty()) out.exitCode = guiUsageError(error);
    return out;
}

}  // namespace interleave
