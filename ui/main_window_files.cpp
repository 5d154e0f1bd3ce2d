// MainWindow's files: opening a saved run as a replay, saving and exporting it (the run in other
// formats, the timeline as a picture), and the notes pinned to it. The window's layout, the
// transport and the live run are in main_window.cpp.

#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>

#include "core/scenarios/scenario.h"
#include "ui/lane_canvas.h"
#include "ui/main_window.h"
#include "ui/parameter_panel.h"
#include "ui/run_session.h"
#include "ui/scenario_picker.h"
#include "ui/timeline_view.h"
#include "ui/transport_bar.h"

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
    m_timelineView->fitAll(true);  // the whole run, as when a live one ends
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
    const auto path = QFileDialog::getSaveFileName(
        this, tr("Save trace"), QStringLiteral("run.ilt"), tr("Interleave traces (*.ilt)"));
    if (path.isEmpty()) return;
    if (const auto err = m_session->saveTrace(path); !err.isEmpty())
        QMessageBox::warning(this, tr("Cannot save trace"), err);
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
        tr("PNG image (*.png);;PDF document (*.pdf)"), &filter);
    path = withSuffix(path, filter.contains(QStringLiteral("pdf")) ? QStringLiteral(".pdf")
                                                                   : QStringLiteral(".png"));
    if (path.isEmpty()) return;
    if (const auto err = m_timelineView->savePicture(path); !err.isEmpty())
        QMessageBox::warning(this, tr("Cannot export"), err);
}

}  // namespace interleave::ui
