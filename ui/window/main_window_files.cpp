// MainWindow's files: opening a saved run as a replay, saving and exporting it (the run in other
// formats, the timeline as a picture), and the notes pinned to it. The File menu itself is in
// main_window_actions.cpp, the live run in main_window.cpp.

#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QProgressDialog>
#include <QStandardPaths>
#include <QStatusBar>

#include "core/scenarios/scenario.h"
#include "ui/export/video_export_dialog.h"
#include "ui/export/video_export_job.h"
#include "ui/session/replay_player.h"
#include "ui/session/run_session.h"
#include "ui/timeline/lane_canvas.h"
#include "ui/timeline/timeline_view.h"
#include "ui/window/main_window.h"
#include "ui/window/parameter_panel.h"
#include "ui/window/recent_runs.h"
#include "ui/window/scenario_picker.h"
#include "ui/window/transport_bar.h"

namespace interleave::ui {

namespace {
// The name the user typed, with `suffix` added when it has none of its own.
QString withSuffix(QString path, const QString& suffix) {
    if (!path.isEmpty() && QFileInfo(path).suffix().isEmpty()) path += suffix;
    return path;
}
}  // namespace

void MainWindow::pinNote(std::uint32_t actor, std::int64_t ns, const QString& text) {
    m_session->addAnnotation(Annotation{ns, actor, text.toStdString()});
    showNotes();
}

void MainWindow::showNotes() {
    std::vector<LaneCanvas::Note> notes;
    for (const auto& a : m_session->description().annotations)
        notes.push_back({a.actor, a.ns, QString::fromStdString(a.text)});
    m_timelineView->canvas()->setNotes(std::move(notes));
}

void MainWindow::openTrace() {
    const auto path = QFileDialog::getOpenFileName(this, tr("Open trace"), {},
                                                   tr("Interleave traces (*.ilt);;All files (*)"));
    if (path.isEmpty()) return;
    openTraceFile(path);
}

void MainWindow::openTraceFile(const QString& path) {
    if (const auto err = loadReplay(path); !err.isEmpty())
        QMessageBox::warning(this, tr("Cannot open trace"), err);
}

QString MainWindow::loadReplay(const QString& path) {
    if (auto err = m_session->loadTrace(path); !err.isEmpty()) return err;
    rememberRun(path);
    m_timelineView->fitAll(true);  // the whole run, as when a live one ends
    offerStepChoices();
    // The replay's own scenario, lesson and parameters, not whatever was selected before.
    const auto& about = m_session->description();
    const auto name = QString::fromStdString(about.scenario);
    if (!findScenario(about.scenario)) return {};  // an older trace, or a scenario since removed
    m_picker->select(name);
    chooseScenario(name);
    QStringList values;
    for (const auto& [param, value] : about.parameters)
        values << QString::fromStdString(param + "=" + value);
    m_params->apply(values);
    m_params->setReadOnly(true);
    m_transportBar->setSpeed(about.speed);
    updateStatus();
    return {};
}

void MainWindow::saveTrace() {
    auto scenario = QString::fromStdString(m_session->description().scenario);
    if (scenario.isEmpty()) scenario = m_picker->current();
    const auto suggested = recent_runs::suggestedPath(
        scenario, QDateTime::currentDateTime(),
        QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation));
    const auto path = withSuffix(QFileDialog::getSaveFileName(this, tr("Save trace"), suggested,
                                                              tr("Interleave traces (*.ilt)")),
                                 QStringLiteral(".ilt"));
    if (path.isEmpty()) return;
    if (const auto err = m_session->saveTrace(path); !err.isEmpty())
        QMessageBox::warning(this, tr("Cannot save trace"), err);
    else
        rememberRun(path);
}

void MainWindow::exportRun(const QString& filter, const QString& suffix) {
    const auto path = withSuffix(
        QFileDialog::getSaveFileName(this, tr("Export"), QStringLiteral("run") + suffix, filter),
        suffix);
    if (path.isEmpty()) return;
    if (const auto err = m_session->saveTrace(path); !err.isEmpty())
        QMessageBox::warning(this, tr("Cannot export"), err);
}

void MainWindow::exportPicture() {
    QString filter;
    auto path = QFileDialog::getSaveFileName(
        this, tr("Export the timeline"), QStringLiteral("timeline.png"),
        tr("PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)"), &filter);
    path = withSuffix(path, filter.contains(QStringLiteral("pdf"))   ? QStringLiteral(".pdf")
                            : filter.contains(QStringLiteral("svg")) ? QStringLiteral(".svg")
                                                                     : QStringLiteral(".png"));
    if (path.isEmpty()) return;
    if (const auto err = m_timelineView->savePicture(path); !err.isEmpty())
        QMessageBox::warning(this, tr("Cannot export"), err);
}

void MainWindow::exportVideo() {
    if (VideoExporter::ffmpegProgram().isEmpty()) {
        QMessageBox::information(this, tr("A video needs ffmpeg"),
                                 VideoExporter::ffmpegMissingHelp());
        return;
    }
    if (m_videoJob && m_videoJob->running()) return;
    VideoExportDialog dialog(m_player->endNs(), this);
    if (dialog.exec() != QDialog::Accepted) return;
    auto settings = dialog.settings();
    const auto suffix = settings.output.mid(settings.output.lastIndexOf(QLatin1Char('.')));
    settings.output = withSuffix(
        QFileDialog::getSaveFileName(
            this, tr("Export a video"), QStringLiteral("run") + suffix,
            suffix == QLatin1String(".gif") ? tr("GIF (*.gif)") : tr("MP4 video (*.mp4)")),
        suffix);
    if (settings.output.isEmpty()) return;
    if (!m_videoJob) m_videoJob = new VideoExportJob(this);
    if (const auto err = m_videoJob->start(*m_session, settings); !err.isEmpty()) {
        QMessageBox::warning(this, tr("Cannot export the video"), err);
        return;
    }
    auto* progress = new QProgressDialog(tr("Making the video…"), tr("Cancel"), 0, 0, this);
    progress->setWindowTitle(tr("Export a video"));
    progress->setWindowModality(Qt::WindowModal);
    progress->setMinimumDuration(0);
    progress->setAttribute(Qt::WA_DeleteOnClose);
    connect(progress, &QProgressDialog::canceled, m_videoJob, &VideoExportJob::cancel);
    connect(m_videoJob, &VideoExportJob::progressed, progress, [progress](int frame, int total) {
        progress->setMaximum(total);
        progress->setValue(frame);
        progress->setLabelText(tr("Making the video: frame %1 of %2").arg(frame).arg(total));
    });
    connect(m_videoJob, &VideoExportJob::finished, progress,
            [this, progress, path = settings.output](VideoExporter::Outcome outcome,
                                                     const QString& message) {
                progress->close();
                m_videoJob->disconnect(progress);
                if (outcome == VideoExporter::Outcome::Done)
                    statusBar()->showMessage(tr("Video written: %1").arg(path), 10'000);
                else if (outcome == VideoExporter::Outcome::Cancelled)
                    statusBar()->showMessage(tr("Video cancelled; no file was written"), 10'000);
                else
                    QMessageBox::warning(this, tr("Cannot export the video"), message);
            });
    progress->show();
}

}  // namespace interleave::ui
