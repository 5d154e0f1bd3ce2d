// Videos of a finished run: the arithmetic of frames and settings, real MP4 and GIF files read
// back with ffprobe (frame count and size), cancelling in the window's process and in the
// background exporter, and a missing or broken ffmpeg; nothing is left behind when a video is
// not made. The test command installs ffmpeg, so these never skip there.

#include <gtest/gtest.h>
#include <signal.h>

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <string>

#include "core/supervise/supervisor.h"
#include "shell.h"
#include "short_run.h"
#include "ui/export/video_export_job.h"
#include "ui/export/video_exporter.h"
#include "ui/session/replay_player.h"
#include "ui/session/run_session.h"
#include "ui/session/time_cursor.h"
#include "ui/views/caption_model.h"
#include "ui/window/main_window.h"
#include "ui/window/run_models.h"
#include "wait_for.h"

using namespace interleave;
using namespace interleave::ui;
using interleave::test::runToTheEnd;
using interleave::test::shell;
using interleave::test::shortRace;
using interleave::test::waitFor;

namespace {

constexpr std::int64_t kSecond = 1'000'000'000;

struct Probe {
    int width = 0, height = 0, frames = 0;
};
// What ffprobe finds in the file's video stream (frames counted by decoding them all).
Probe probe(const QString& path) {
    const auto r = shell(
        "ffprobe -v error -count_frames -select_streams v:0 -show_entries "
        "stream=width,height,nb_read_frames -of csv=p=0 '" +
        path.toStdString() + "'");
    Probe p;
    std::sscanf(r.output.c_str(), "%d,%d,%d", &p.width, &p.height, &p.frames);
    return p;
}

// Files in `dir`, hidden ones too (an unfinished video is hidden).
QStringList filesIn(const QString& dir) {
    return QDir(dir).entryList(QDir::Files | QDir::Hidden);
}

// Processes whose command line names `text` (a folder their files go to).
int processesNaming(const QString& text) {
    int n = 0;
    for (const auto& pid : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs)) {
        QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(pid));
        if (cmdline.open(QIODevice::ReadOnly) && cmdline.readAll().contains(text.toUtf8())) ++n;
    }
    return n;
}

// Sets an environment variable for one scope.
class ScopedEnv {
  public:
    ScopedEnv(const char* name, const QByteArray& value)
        : m_name(name), m_had(qEnvironmentVariableIsSet(name)), m_old(qgetenv(name)) {
        qputenv(name, value);
    }
    ~ScopedEnv() { m_had ? qputenv(m_name, m_old) : qunsetenv(m_name); }

  private:
    const char* m_name;
    bool m_had;
    QByteArray m_old;
};

std::string guiProgram() {
    auto path = interleave::siblingLabPath();
    return path.substr(0, path.rfind('/') + 1) + "interleave";
}

class VideoExport : public ::testing::Test {
  protected:
    void SetUp() override {
        ASSERT_FALSE(VideoExporter::ffmpegProgram().isEmpty())
            << "ffmpeg is missing: bash .ci/quickstart test installs it";
        ASSERT_TRUE(m_dir.isValid());
    }
    QString path(const char* name) const { return m_dir.filePath(QLatin1String(name)); }
    QTemporaryDir m_dir;
};

}  // namespace

TEST(VideoSettings, FramesFollowTheStretchRateAndSpeed) {
    VideoSettings s;
    s.output = QStringLiteral("a.mp4");
    EXPECT_EQ(s.framesPerSecond(), 30);
    EXPECT_EQ(s.width(), 1280);
    // A 3 s run at its own pace, 30 a second: a frame at 0 and one every 1/30 s up to 3 s.
    EXPECT_EQ(VideoExporter::frameCount(s, 3 * kSecond), 91);
    s.speed = 2;  // twice as fast: half the frames
    EXPECT_EQ(VideoExporter::frameCount(s, 3 * kSecond), 46);
    s.speed = 0.5;
    s.fromNs = kSecond;
    s.toNs = 2 * kSecond;  // one second of run, shown over two seconds
    EXPECT_EQ(VideoExporter::frameCount(s, 3 * kSecond), 61);
    s.output = QStringLiteral("a.GIF");
    EXPECT_TRUE(s.gif());
    EXPECT_EQ(s.framesPerSecond(), 15) << "a GIF's own rate";
    s.fps = 24;
    EXPECT_EQ(s.framesPerSecond(), 24);
    s.height = 1080;
    EXPECT_EQ(s.width(), 1920);
}

TEST(VideoSettings, FfmpegIsAskedForRawFramesAtTheVideosSizeAndFormat) {
    VideoSettings s;
    s.output = QStringLiteral("a.mp4");
    s.height = 1080;
    const auto mp4 = VideoExporter::ffmpegArguments(s, QStringLiteral("/x/.a.mp4.1.part"));
    EXPECT_EQ(mp4.last(), QStringLiteral("/x/.a.mp4.1.part"));
    for (const char* a : {"rawvideo", "bgra", "1920x1080", "pipe:0", "libx264", "yuv420p", "mp4"})
        EXPECT_TRUE(mp4.contains(QLatin1String(a))) << a;
    s.output = QStringLiteral("a.gif");
    const auto gif = VideoExporter::ffmpegArguments(s, QStringLiteral("p"));
    EXPECT_TRUE(gif.contains(QStringLiteral("gif")));
    EXPECT_FALSE(gif.contains(QStringLiteral("libx264")));
    EXPECT_TRUE(gif.join(QLatin1Char(' ')).contains(QStringLiteral("palettegen")));
}

TEST(VideoSettings, BadChoicesAreRefusedWithTheirReason) {
    VideoSettings s;
    s.output = QStringLiteral("a.mp4");
    EXPECT_EQ(VideoExporter::check(s, kSecond), QString());
    const auto refused = [&](VideoSettings bad, std::int64_t end, const char* says) {
        const auto why = VideoExporter::check(bad, end);
        EXPECT_TRUE(why.contains(QLatin1String(says))) << says << ": " << why.toStdString();
    };
    auto bad = s;
    bad.output = QStringLiteral("a.avi");
    refused(bad, kSecond, ".mp4 or .gif");
    bad = s;
    bad.height = 480;
    refused(bad, kSecond, "720p or 1080p");
    bad = s;
    bad.fps = 61;
    refused(bad, kSecond, "1 to 60");
    bad = s;
    bad.speed = 20;
    refused(bad, kSecond, "0.1 to 10");
    refused(s, 0, "no events");
    bad = s;
    bad.fromNs = 2 * kSecond;
    refused(bad, kSecond, "the run lasts 1.000 s");
    bad = s;
    bad.fromNs = kSecond / 2;
    bad.toNs = kSecond / 4;
    refused(bad, kSecond, "the start before the end");
}

TEST_F(VideoExport, AFinishedRunBecomesAnMp4WithEveryFrameAtItsSize) {
    MainWindow window(shortRace());
    window.show();
    ASSERT_TRUE(runToTheEnd(window));
    VideoSettings s;
    s.output = path("run.mp4");
    s.fps = 60;
    s.speed = 0.1;  // a short run, slowed down: enough frames to count
    s.captions = true;
    const auto end = window.player()->endNs();
    const int expected = VideoExporter::frameCount(s, end);
    ASSERT_GE(expected, 3);
    VideoExporter exporter(&window, window.cursor(), window.models()->captions());
    window.cursor()->setTime(end / 2);
    int calls = 0;
    const auto result = exporter.run(s, end, [&](int frame, int total) {
        EXPECT_EQ(total, expected);
        EXPECT_LE(frame, total);
        ++calls;
        return true;
    });
    ASSERT_EQ(result.outcome, VideoExporter::Outcome::Done) << result.message.toStdString();
    EXPECT_EQ(result.frames, expected);
    EXPECT_GE(calls, expected);
    EXPECT_EQ(window.cursor()->time(), end / 2) << "the cursor goes back where it was";
    const auto p = probe(s.output);
    EXPECT_EQ(p.width, 1280);
    EXPECT_EQ(p.height, 720);
    EXPECT_EQ(p.frames, expected);
    EXPECT_EQ(filesIn(m_dir.path()), QStringList{QStringLiteral("run.mp4")}) << "no part left";
}

TEST_F(VideoExport, CancellingMidwayLeavesNoFile) {
    MainWindow window(shortRace());
    window.show();
    ASSERT_TRUE(runToTheEnd(window));
    VideoSettings s;
    s.output = path("run.mp4");
    s.fps = 60;
    s.speed = 0.1;
    VideoExporter exporter(&window, window.cursor(), window.models()->captions());
    const auto result =
        exporter.run(s, window.player()->endNs(), [](int frame, int) { return frame < 2; });
    EXPECT_EQ(result.outcome, VideoExporter::Outcome::Cancelled);
    EXPECT_EQ(result.frames, 2);
    EXPECT_TRUE(filesIn(m_dir.path()).isEmpty())
        << filesIn(m_dir.path()).join(QLatin1Char(' ')).toStdString();
}

TEST_F(VideoExport, AMissingOrBrokenFfmpegIsSaidAndLeavesNoFile) {
    MainWindow window(shortRace());
    window.show();
    ASSERT_TRUE(runToTheEnd(window));
    VideoSettings s;
    s.output = path("run.mp4");
    VideoExporter exporter(&window, window.cursor(), window.models()->captions());
    {
        ScopedEnv none("INTERLEAVE_FFMPEG", "/nonexistent/ffmpeg");
        const auto r = exporter.run(s, window.player()->endNs(), {});
        EXPECT_EQ(r.outcome, VideoExporter::Outcome::Failed);
        EXPECT_TRUE(r.message.contains(QStringLiteral("apt install ffmpeg")))
            << r.message.toStdString();
    }
    {
        // An ffmpeg that exits at once: the frames have nowhere to go.
        ScopedEnv broken("INTERLEAVE_FFMPEG", "/bin/false");
        const auto r = exporter.run(s, window.player()->endNs(), {});
        EXPECT_EQ(r.outcome, VideoExporter::Outcome::Failed);
        EXPECT_TRUE(r.message.contains(QStringLiteral("ffmpeg"))) << r.message.toStdString();
    }
    EXPECT_TRUE(filesIn(m_dir.path()).isEmpty())
        << filesIn(m_dir.path()).join(QLatin1Char(' ')).toStdString();
}

TEST_F(VideoExport, TheWindowMakesAGifInTheBackgroundWithProgress) {
    MainWindow window(shortRace());
    window.show();
    ASSERT_TRUE(runToTheEnd(window));
    window.pinNote(1, window.player()->endNs() / 2, QStringLiteral("here"));
    VideoSettings s;
    s.output = path("run.gif");
    s.height = 1080;
    s.speed = 0.5;
    VideoExportJob job;
    QSignalSpy progressed(&job, &VideoExportJob::progressed);
    QSignalSpy finished(&job, &VideoExportJob::finished);
    ASSERT_EQ(job.start(*window.session(), s), QString());
    ASSERT_TRUE(waitFor([&] { return finished.size() == 1; }, 60'000));
    ASSERT_EQ(finished[0][0].value<VideoExporter::Outcome>(), VideoExporter::Outcome::Done)
        << finished[0][1].toString().toStdString();
    const int expected = VideoExporter::frameCount(s, window.player()->endNs());
    ASSERT_FALSE(progressed.isEmpty());
    EXPECT_EQ(progressed.last()[0].toInt(), expected) << "the last frame is reported";
    EXPECT_EQ(progressed.last()[1].toInt(), expected);
    const auto p = probe(s.output);
    EXPECT_EQ(p.width, 1920);
    EXPECT_EQ(p.height, 1080);
    EXPECT_EQ(p.frames, expected);
    EXPECT_EQ(filesIn(m_dir.path()), QStringList{QStringLiteral("run.gif")});
}

TEST_F(VideoExport, CancellingTheBackgroundExportStopsItAndLeavesNoFile) {
    auto longer = shortRace();
    longer.assignments = {QStringLiteral("increments=40"), QStringLiteral("think_ms=5")};
    MainWindow window(longer);
    window.show();
    ASSERT_TRUE(runToTheEnd(window));
    VideoSettings s;
    s.output = path("run.mp4");
    s.height = 1080;
    s.fps = 60;
    s.speed = 0.1;
    // Enough frames that the cancel, sent at the first, arrives long before the last.
    ASSERT_GE(VideoExporter::frameCount(s, window.player()->endNs()), 50);
    VideoExportJob job;
    QSignalSpy finished(&job, &VideoExportJob::finished);
    QObject::connect(&job, &VideoExportJob::progressed, &job, [&job] { job.cancel(); });
    ASSERT_EQ(job.start(*window.session(), s), QString());
    ASSERT_TRUE(waitFor([&] { return finished.size() == 1; }, 60'000));
    EXPECT_EQ(finished[0][0].value<VideoExporter::Outcome>(), VideoExporter::Outcome::Cancelled);
    EXPECT_FALSE(job.running());
    EXPECT_TRUE(filesIn(m_dir.path()).isEmpty())
        << filesIn(m_dir.path()).join(QLatin1Char(' ')).toStdString();
}

TEST_F(VideoExport, TheCommandLineMakesAVideoOrSaysWhyNot) {
    const QString trace = path("run.ilt");
    {
        MainWindow window(shortRace());
        window.show();
        ASSERT_TRUE(runToTheEnd(window));
        ASSERT_EQ(window.session()->saveTrace(trace), QString());
    }
    const auto program = guiProgram();
    const auto out = path("cli.mp4").toStdString();
    auto r = shell(program + " --export-video " + out + " --fps 10 --video-size 1080p --captions " +
                   trace.toStdString());
    ASSERT_EQ(r.status, 0) << r.output;
    EXPECT_NE(r.output.find("frame 1 of"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("wrote"), std::string::npos) << r.output;
    const auto p = probe(QString::fromStdString(out));
    EXPECT_EQ(p.width, 1920);
    EXPECT_GE(p.frames, 1);
    QFile::remove(QString::fromStdString(out));

    // A file that is not a trace: said, exit 1, nothing written.
    const QString junk = path("junk.ilt");
    QFile f(junk);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write("this is not a trace");
    f.close();
    r = shell(program + " --export-video " + out + " " + junk.toStdString());
    EXPECT_EQ(r.status, 1) << r.output;
    EXPECT_NE(r.output.find("cannot make a video of"), std::string::npos) << r.output;
    // A stretch outside the run.
    r = shell(program + " --export-video " + out + " --from 500 " + trace.toStdString());
    EXPECT_EQ(r.status, 1) << r.output;
    EXPECT_NE(r.output.find("the run lasts"), std::string::npos) << r.output;
    // No ffmpeg.
    r = shell("env INTERLEAVE_FFMPEG=/nonexistent " + program + " --export-video " + out + " " +
              trace.toStdString());
    EXPECT_EQ(r.status, 1) << r.output;
    EXPECT_NE(r.output.find("apt install ffmpeg"), std::string::npos) << r.output;
    QFile::remove(junk);
    QFile::remove(trace);
    EXPECT_TRUE(filesIn(m_dir.path()).isEmpty())
        << filesIn(m_dir.path()).join(QLatin1Char(' ')).toStdString();
}

TEST_F(VideoExport, AJobDestroyedMidwayStopsTheExporterAndLeavesNoFile) {
    auto longer = shortRace();
    longer.assignments = {QStringLiteral("increments=40"), QStringLiteral("think_ms=5")};
    MainWindow window(longer);
    window.show();
    ASSERT_TRUE(runToTheEnd(window));
    VideoSettings s;
    s.output = path("run.mp4");
    s.height = 1080;
    s.fps = 60;
    s.speed = 0.1;
    ASSERT_GE(VideoExporter::frameCount(s, window.player()->endNs()), 50);
    {
        VideoExportJob job;  // as when the window is closed during an export
        QSignalSpy progressed(&job, &VideoExportJob::progressed);
        ASSERT_EQ(job.start(*window.session(), s), QString());
        ASSERT_TRUE(waitFor([&] { return !progressed.isEmpty(); }, 60'000));
    }
    // Once nothing runs that writes into the folder (the exporter, its ffmpeg), nothing is left.
    EXPECT_TRUE(waitFor([&] { return processesNaming(m_dir.path()) == 0; }, 10'000));
    EXPECT_TRUE(filesIn(m_dir.path()).isEmpty())
        << filesIn(m_dir.path()).join(QLatin1Char(' ')).toStdString();
}
