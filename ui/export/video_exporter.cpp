#include "ui/export/video_exporter.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QPainter>
#include <QProcess>
#include <QStandardPaths>
#include <QWidget>
#include <cmath>
#include <filesystem>

#include "ui/session/time_cursor.h"
#include "ui/views/caption_model.h"

namespace interleave::ui {

namespace {
constexpr std::int64_t kNsPerSecond = 1'000'000'000;

QString tr(const char* text) {
    return QCoreApplication::translate("VideoExporter", text);
}

std::int64_t endOf(const VideoSettings& s, std::int64_t runEndNs) {
    return s.toNs < 0 ? runEndNs : s.toNs;
}

// Run time between two frames.
double stepNs(const VideoSettings& s) {
    return s.speed * static_cast<double>(kNsPerSecond) / s.framesPerSecond();
}
}  // namespace

bool VideoSettings::gif() const {
    return output.endsWith(QStringLiteral(".gif"), Qt::CaseInsensitive);
}

int VideoSettings::framesPerSecond() const {
    return fps > 0 ? fps : gif() ? 15 : 30;
}

QString VideoExporter::ffmpegProgram() {
    const auto forced = qEnvironmentVariable("INTERLEAVE_FFMPEG");
    if (!forced.isEmpty()) return QFileInfo(forced).isExecutable() ? forced : QString();
    return QStandardPaths::findExecutable(QStringLiteral("ffmpeg"));
}

QString VideoExporter::ffmpegMissingHelp() {
    return tr(
        "Videos are made with ffmpeg, which is not installed: install it (on Debian or "
        "Ubuntu: sudo apt install ffmpeg) and try again.");
}

QString VideoExporter::check(const VideoSettings& s, std::int64_t runEndNs) {
    if (!s.output.endsWith(QStringLiteral(".mp4"), Qt::CaseInsensitive) && !s.gif())
        return tr("'%1': give a name ending in .mp4 or .gif").arg(s.output);
    if (s.height != 720 && s.height != 1080)
        return tr("video size %1: use 720p or 1080p").arg(s.height);
    if (s.fps != 0 && (s.fps < 1 || s.fps > 60))
        return tr("%1 frames a second: allowed 1 to 60").arg(s.fps);
    if (!(s.speed >= 0.1 && s.speed <= 10))
        return tr("playback speed %1: allowed 0.1 to 10").arg(s.speed);
    if (runEndNs <= 0) return tr("the run has no events to show");
    const auto to = endOf(s, runEndNs);
    const auto seconds = [](std::int64_t ns) { return static_cast<double>(ns) / kNsPerSecond; };
    if (s.fromNs < 0 || s.fromNs >= runEndNs || to <= s.fromNs || to > runEndNs)
        return tr("from %1 s to %2 s: the run lasts %3 s; give a stretch inside it, the start "
                  "before the end")
            .arg(seconds(s.fromNs), 0, 'f', 3)
            .arg(seconds(to), 0, 'f', 3)
            .arg(seconds(runEndNs), 0, 'f', 3);
    return {};
}

double VideoExporter::suggestedSpeed(std::int64_t stretchNs) {
    // A short run at its own pace is over before anyone has read a lane: slowed down to a
    // speed easy to say, the slowest still at least kSuggestedSeconds long.
    const double seconds = static_cast<double>(stretchNs) / kNsPerSecond;
    for (const double speed : {1.0, 0.5, 0.25, 0.2})
        if (seconds / speed >= kSuggestedSeconds) return speed;
    return 0.1;
}

int VideoExporter::frameCount(const VideoSettings& s, std::int64_t runEndNs) {
    const auto span = static_cast<double>(endOf(s, runEndNs) - s.fromNs);
    return static_cast<int>(std::floor(span / stepNs(s) + 1e-9)) + 1;
}

QStringList VideoExporter::ffmpegArguments(const VideoSettings& s, const QString& partPath) {
    // Raw frames as QImage keeps them (Format_RGB32 is B, G, R, 0xff in memory), one after the
    // other on standard input.
    QStringList args{
        QStringLiteral("-hide_banner"), QStringLiteral("-loglevel"),
        QStringLiteral("error"),        QStringLiteral("-y"),
        QStringLiteral("-f"),           QStringLiteral("rawvideo"),
        QStringLiteral("-pix_fmt"),     QStringLiteral("bgra"),
        QStringLiteral("-s"),           QStringLiteral("%1x%2").arg(s.width()).arg(s.height),
        QStringLiteral("-framerate"),   QString::number(s.framesPerSecond()),
        QStringLiteral("-i"),           QStringLiteral("pipe:0"),
        QStringLiteral("-an")};
    if (s.gif()) {
        // One palette for the whole video, from the frames' differences: flat UI colours stay
        // flat instead of dithering into noise.
        args << QStringLiteral("-vf")
             << QStringLiteral("split[a][b];[a]palettegen=stats_mode=diff[p];[b][p]paletteuse")
             << QStringLiteral("-loop") << QStringLiteral("0") << QStringLiteral("-f")
             << QStringLiteral("gif");
    } else {
        // yuv420p is what every player plays; +faststart lets a browser start before the end.
        args << QStringLiteral("-c:v") << QStringLiteral("libx264") << QStringLiteral("-preset")
             << QStringLiteral("veryfast") << QStringLiteral("-crf") << QStringLiteral("18")
             << QStringLiteral("-pix_fmt") << QStringLiteral("yuv420p")
             << QStringLiteral("-movflags") << QStringLiteral("+faststart") << QStringLiteral("-f")
             << QStringLiteral("mp4");
    }
    args << partPath;
    return args;
}

VideoExporter::VideoExporter(QWidget* window, TimeCursor* cursor, const CaptionModel* captions)
    : m_window(window), m_cursor(cursor), m_captions(captions) {}

void VideoExporter::drawCaption(QImage& frame, std::int64_t ns) const {
    QPainter p(&frame);  // in layout pixels: the frame's pixel ratio scales to the video's size
    p.setRenderHint(QPainter::Antialiasing);
    const QRect band(0, kLayoutHeight - kCaptionBand, kLayoutWidth, kCaptionBand);
    p.fillRect(band, QColor(20, 20, 20));
    QFont font = m_window->font();
    font.setPixelSize(24);
    p.setFont(font);
    const auto time = QStringLiteral("%1 s").arg(static_cast<double>(ns) / kNsPerSecond, 0, 'f', 3);
    const auto timeWidth = p.fontMetrics().horizontalAdvance(QStringLiteral("00.000 s"));
    p.setPen(QColor(190, 190, 190));
    p.drawText(band.adjusted(20, 0, 0, 0), Qt::AlignVCenter | Qt::AlignLeft, time);
    if (!m_captions || m_captions->rowCount() == 0) return;
    const auto text = m_captions->data(m_captions->index(0), CaptionModel::TextRole).toString();
    font.setBold(true);
    p.setFont(font);
    p.setPen(Qt::white);
    const auto textRect = band.adjusted(20 + timeWidth + 24, 0, -20, 0);
    p.drawText(textRect, Qt::AlignVCenter | Qt::AlignLeft,
               p.fontMetrics().elidedText(text, Qt::ElideRight, textRect.width()));
}

QString VideoExporter::whyCannotStart(const VideoSettings& s, std::int64_t runEndNs) {
    if (const auto why = check(s, runEndNs); !why.isEmpty()) return why;
    if (ffmpegProgram().isEmpty()) return ffmpegMissingHelp();
    const QFileInfo target(s.output);
    if (!QFileInfo(target.absolutePath()).isDir() || !QFileInfo(target.absolutePath()).isWritable())
        return tr("Cannot write '%1': its folder does not exist or is not writable").arg(s.output);
    return {};
}

VideoExporter::Result VideoExporter::run(const VideoSettings& s, std::int64_t runEndNs,
                                         const Progress& progress) {
    Result result;
    if (const auto why = whyCannotStart(s, runEndNs); !why.isEmpty()) {
        result.message = why;
        return result;
    }
    const auto ffmpeg = ffmpegProgram();
    const QFileInfo target(s.output);
    // Beside the final name (so the rename stays on one file system), hidden, and named after
    // this process so that two exports never share it.
    const auto part = target.absoluteDir().filePath(QStringLiteral(".%1.%2.part")
                                                        .arg(target.fileName())
                                                        .arg(QCoreApplication::applicationPid()));

    QProcess ffmpegProcess;
    ffmpegProcess.setProcessChannelMode(QProcess::SeparateChannels);
    ffmpegProcess.setStandardOutputFile(QProcess::nullDevice());
    ffmpegProcess.start(ffmpeg, ffmpegArguments(s, part));
    if (!ffmpegProcess.waitForStarted()) {
        result.message =
            tr("Cannot start ffmpeg (%1): %2").arg(ffmpeg, ffmpegProcess.errorString());
        return result;
    }
    const auto failedWith = [&](const QString& what) {
        ffmpegProcess.kill();
        ffmpegProcess.waitForFinished();
        QFile::remove(part);
        const auto said = QString::fromLocal8Bit(ffmpegProcess.readAllStandardError()).trimmed();
        result.outcome = Outcome::Failed;
        result.message = said.isEmpty() ? what : what + QStringLiteral(": ") + said;
        return result;
    };
    const auto cancelled = [&] {
        ffmpegProcess.kill();
        ffmpegProcess.waitForFinished();
        QFile::remove(part);
        result.outcome = Outcome::Cancelled;
        return result;
    };

    const int total = frameCount(s, runEndNs);
    switch (writeFrames(s, total, progress, ffmpegProcess, result.frames)) {
        case Frames::Cancelled:
            return cancelled();
        case Frames::Refused:
            return failedWith(tr("ffmpeg stopped taking frames at frame %1 of %2")
                                  .arg(result.frames + 1)
                                  .arg(total));
        case Frames::Written:
            break;
    }
    ffmpegProcess.closeWriteChannel();
    while (!ffmpegProcess.waitForFinished(200)) {
        if (ffmpegProcess.state() == QProcess::NotRunning) break;
        if (progress && !progress(total, total)) return cancelled();
    }
    if (ffmpegProcess.exitStatus() != QProcess::NormalExit || ffmpegProcess.exitCode() != 0)
        return failedWith(tr("ffmpeg could not make the video"));
    std::error_code ec;
    std::filesystem::rename(part.toStdString(), target.absoluteFilePath().toStdString(), ec);
    if (ec) {
        QFile::remove(part);
        result.message =
            tr("Cannot write '%1': %2").arg(s.output, QString::fromStdString(ec.message()));
        return result;
    }
    result.outcome = Outcome::Done;
    return result;
}

VideoExporter::Frames VideoExporter::writeFrames(const VideoSettings& s, int total,
                                                 const Progress& progress, QProcess& ffmpeg,
                                                 int& written) {
    const auto before = m_cursor->time();
    const bool wasLive = m_cursor->live();
    m_window->resize(kLayoutWidth, kLayoutHeight - (s.captions ? kCaptionBand : 0));
    const double step = stepNs(s);
    QImage frame(s.width(), s.height, QImage::Format_RGB32);
    frame.setDevicePixelRatio(static_cast<double>(s.height) / kLayoutHeight);
    for (int i = 0; i < total; ++i) {
        if (progress && !progress(i, total)) {
            m_cursor->setTime(before);
            m_cursor->setLive(wasLive);
            return Frames::Cancelled;
        }
        const auto ns = s.fromNs + static_cast<std::int64_t>(std::llround(i * step));
        m_cursor->setTime(ns);
        // Layout and the views' own deferred work (a replot, a refreshed canvas) before drawing.
        QCoreApplication::sendPostedEvents();
        frame.fill(m_window->palette().window().color());
        m_window->render(&frame);
        if (s.captions) drawCaption(frame, ns);
        const auto* bits = reinterpret_cast<const char*>(frame.constBits());
        ffmpeg.write(bits, frame.sizeInBytes());
        while (ffmpeg.bytesToWrite() > 0)
            if (!ffmpeg.waitForBytesWritten(30'000)) {
                m_cursor->setTime(before);
                return Frames::Refused;
            }
        written = i + 1;
    }
    m_cursor->setTime(before);
    m_cursor->setLive(wasLive);
    return Frames::Written;
}

}  // namespace interleave::ui
