#pragma once
// A video made in the background while the window stays usable: the run is saved to a private
// temporary trace and `interleave --export-video` (the program beside this one) renders it
// offscreen into ffmpeg. Its stderr says which frame it is at; Cancel sends it SIGTERM, which it
// answers by stopping ffmpeg and removing its unfinished file. The temporary trace goes with
// the job.

#include <QObject>
#include <QTemporaryDir>

#include "ui/export/video_exporter.h"

class QProcess;

namespace interleave::ui {

class RunSession;

class VideoExportJob : public QObject {
    Q_OBJECT
  public:
    explicit VideoExportJob(QObject* parent = nullptr);
    ~VideoExportJob() override;

    // Starts making `settings.output` from `session`'s run; returns why it cannot (empty:
    // started, and finished() will follow).
    QString start(const RunSession& session, const VideoSettings& settings);
    void cancel();
    bool running() const;

    // The command line given to the exporter, for tests and for the log.
    static QStringList arguments(const VideoSettings& settings, const QString& trace);

  signals:
    void progressed(int frame, int total);
    void finished(VideoExporter::Outcome outcome, const QString& message);

  private:
    void readErrors();
    void onFinished(int exitCode);

    QProcess* m_process = nullptr;
    std::unique_ptr<QTemporaryDir> m_dir;
    QByteArray m_partial;  // stderr not yet ended by a newline
    QStringList m_said;    // stderr lines that are not progress
    bool m_cancelled = false;
};

}  // namespace interleave::ui
