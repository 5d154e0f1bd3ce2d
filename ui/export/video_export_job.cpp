#include "ui/export/video_export_job.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QTimer>

#include "ui/base/palette.h"
#include "ui/session/run_session.h"

namespace interleave::ui {

namespace {
// The theme as --theme names it: "Light" is light, "High contrast" is high-contrast.
QString cliTheme(Theme t) {
    return Palette::themeName(t).toLower().replace(QLatin1Char(' '), QLatin1Char('-'));
}
QString seconds(std::int64_t ns) {
    return QString::number(static_cast<double>(ns) / 1e9, 'f', 9);
}
}  // namespace

VideoExportJob::VideoExportJob(QObject* parent) : QObject(parent) {}

VideoExportJob::~VideoExportJob() {
    // A window closed while a video is made: the exporter must not outlive it. Asked to stop
    // (SIGTERM), it removes its unfinished file; only one that does not answer is killed.
    if (running()) {
        m_process->disconnect(this);
        m_process->terminate();
        if (!m_process->waitForFinished(5000)) {
            m_process->kill();
            m_process->waitForFinished(5000);
        }
    }
}

bool VideoExportJob::running() const {
    return m_process && m_process->state() != QProcess::NotRunning;
}

QStringList VideoExportJob::arguments(const VideoSettings& s, const QString& trace) {
    QStringList args{QStringLiteral("--export-video"),
                     s.output,
                     QStringLiteral("--video-size"),
                     s.height == 1080 ? QStringLiteral("1080p") : QStringLiteral("720p"),
                     QStringLiteral("--from"),
                     seconds(s.fromNs),
                     QStringLiteral("--playback"),
                     QString::number(s.speed),
                     QStringLiteral("--theme"),
                     cliTheme(Palette::current())};
    if (s.fps > 0) args << QStringLiteral("--fps") << QString::number(s.fps);
    if (s.toNs >= 0) args << QStringLiteral("--to") << seconds(s.toNs);
    if (s.captions) args << QStringLiteral("--captions");
    if (s.wholeRun) args << QStringLiteral("--whole-run");
    args << trace;
    return args;
}

QString VideoExportJob::start(const RunSession& session, const VideoSettings& settings) {
    if (running()) return tr("A video is being made already");
    const auto program =
        QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("interleave"));
    if (!QFileInfo(program).isExecutable())
        return tr("Cannot find the interleave program beside this one (%1)").arg(program);
    m_dir = std::make_unique<QTemporaryDir>();
    if (!m_dir->isValid())
        return tr("Cannot make a temporary folder: %1").arg(m_dir->errorString());
    const auto trace = m_dir->filePath(QStringLiteral("run.ilt"));
    if (const auto err = session.saveTrace(trace); !err.isEmpty()) return err;

    delete m_process;
    m_process = new QProcess(this);
    m_partial.clear();
    m_said.clear();
    m_cancelled = false;
    m_process->setStandardOutputFile(QProcess::nullDevice());
    connect(m_process, &QProcess::readyReadStandardError, this, &VideoExportJob::readErrors);
    connect(m_process, &QProcess::finished, this,
            [this](int code, QProcess::ExitStatus) { onFinished(code); });
    connect(m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError e) {
        if (e == QProcess::FailedToStart) onFinished(-1);
    });
    m_process->start(program, arguments(settings, trace));
    return {};
}

void VideoExportJob::cancel() {
    if (!running()) return;
    m_cancelled = true;
    m_process->terminate();  // the exporter removes its unfinished file and exits
    // One that does not answer is stopped outright (its unfinished file is hidden, beside the
    // video's name, and would stay).
    QTimer::singleShot(5000, m_process, [p = m_process] {
        if (p->state() != QProcess::NotRunning) p->kill();
    });
}

void VideoExportJob::readErrors() {
    static const QRegularExpression progress(
        QStringLiteral("^interleave: frame (\\d+) of (\\d+)$"));
    m_partial += m_process->readAllStandardError();
    for (int nl; (nl = m_partial.indexOf('\n')) >= 0;) {
        const auto line = QString::fromLocal8Bit(m_partial.left(nl)).trimmed();
        m_partial.remove(0, nl + 1);
        if (const auto m = progress.match(line); m.hasMatch()) {
            emit progressed(m.captured(1).toInt(), m.captured(2).toInt());
        } else if (!line.isEmpty()) {
            auto said = line;
            said.remove(QRegularExpression(QStringLiteral("^interleave: ")));
            m_said << said;
        }
    }
}

void VideoExportJob::onFinished(int exitCode) {
    readErrors();
    const auto said = m_said.isEmpty() ? QString() : m_said.last();
    m_dir.reset();  // the temporary trace
    if (exitCode == 0) {
        emit finished(VideoExporter::Outcome::Done, said);
    } else if (m_cancelled || exitCode == 130) {
        emit finished(VideoExporter::Outcome::Cancelled, {});
    } else {
        emit finished(VideoExporter::Outcome::Failed,
                      exitCode < 0
                          ? tr("Cannot start the video exporter: %1").arg(m_process->errorString())
                          : said);
    }
}

}  // namespace interleave::ui
