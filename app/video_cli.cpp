#include "app/video_cli.h"

#include <QApplication>
#include <cstdio>

#include "core/sys/stop_request.h"
#include "ui/session/replay_player.h"
#include "ui/window/run_models.h"

namespace interleave {

namespace {
int fail(const QString& message) {
    std::fprintf(stderr, "interleave: %s\n", qPrintable(message));
    return 1;
}
}  // namespace

int exportVideoHeadless(int argc, char** argv, ui::LaunchOptions options,
                        const ui::VideoSettings& settings) {
    if (ui::VideoExporter::ffmpegProgram().isEmpty())
        return fail(ui::VideoExporter::ffmpegMissingHelp());
    // Never a window on screen, display or not: frames are rendered offscreen.
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Interleave"));
    QApplication::setApplicationName(QStringLiteral("Interleave"));
    QFont f = QApplication::font();
    if (f.pointSizeF() < 11) f.setPointSizeF(11);  // as in the window, so the video matches it
    QApplication::setFont(f);

    const auto trace = options.trace;
    options.trace.clear();  // opened below, where a bad file is said on stderr, not in a box
    options.run = false;
    ui::MainWindow window(options);
    window.setAttribute(Qt::WA_DontShowOnScreen);
    window.resize(ui::VideoExporter::kLayoutWidth, ui::VideoExporter::kLayoutHeight);
    window.show();
    QCoreApplication::processEvents();
    if (const auto err = window.loadReplay(trace); !err.isEmpty())
        return fail(QStringLiteral("cannot make a video of '%1': %2").arg(trace, err));
    // A video is watched, not operated: no menus, transport, status line or side panels, and
    // their room goes to the run (the time and the caption are in the band below when asked
    // for); each frame shows the run as far as it had come.
    window.layOutForVideo(settings.wholeRun);
    const auto end = window.player()->endNs();
    if (const auto err = ui::VideoExporter::check(settings, end); !err.isEmpty()) return fail(err);

    catchStopRequests();
    const int total = ui::VideoExporter::frameCount(settings, end);
    std::fprintf(stderr, "interleave: %d frames at %dx%d, %d a second, into %s\n", total,
                 settings.width(), settings.height, settings.framesPerSecond(),
                 qPrintable(settings.output));
    int shownPercent = -1;
    ui::VideoExporter exporter(&window, window.cursor(), window.models()->captions());
    const auto result = exporter.run(settings, end, [&](int frame, int of) {
        // A line each whole percent: enough for a progress bar, few enough for a terminal.
        const int percent = of > 0 ? frame * 100 / of : 100;
        if (percent != shownPercent && frame < of) {
            shownPercent = percent;
            std::fprintf(stderr, "interleave: frame %d of %d\n", frame + 1, of);
        }
        return !stopRequested();
    });
    switch (result.outcome) {
        case ui::VideoExporter::Outcome::Done:
            std::fprintf(stderr, "interleave: wrote %s (%d frames)\n", qPrintable(settings.output),
                         result.frames);
            return 0;
        case ui::VideoExporter::Outcome::Cancelled:
            std::fprintf(stderr, "interleave: video cancelled; no file was written\n");
            return 130;
        case ui::VideoExporter::Outcome::Failed:
            break;
    }
    return fail(result.message);
}

}  // namespace interleave
