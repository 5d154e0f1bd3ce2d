// MainWindow's menus and transport: the File menu (open, save, export), and the transport bar
// with the replay player it drives. The View menu is in main_window_display.cpp,
// scheduler mode's actions in main_window_scheduler.cpp, the Help menu and Recent runs in
// main_window_help.cpp.

#include <QAction>
#include <QMenuBar>

#include "ui/export/video_exporter.h"
#include "ui/session/replay_player.h"
#include "ui/session/run_session.h"
#include "ui/session/time_cursor.h"
#include "ui/timeline/timeline_view.h"
#include "ui/window/main_window.h"
#include "ui/window/transport_bar.h"

namespace interleave::ui {

void MainWindow::buildActions() {
    buildFileMenu();
    buildTransport();
    buildViewMenu();
    buildHelpMenu();
}

void MainWindow::buildFileMenu() {
    auto* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Open trace…"), QKeySequence::Open, this, &MainWindow::openTrace);
    m_saveAction =
        file->addAction(tr("&Save trace…"), QKeySequence::Save, this, &MainWindow::saveTrace);
    m_recentMenu = file->addMenu(tr("&Recent runs"));  // main_window_help.cpp
    refreshRecentRuns();
    auto* exportMenu = file->addMenu(tr("&Export"));
    m_exportPictureAction = exportMenu->addAction(tr("Timeline as a &picture (PNG, SVG or PDF)…"),
                                                  this, &MainWindow::exportPicture);
    m_exportVideoAction =
        exportMenu->addAction(tr("&Video (MP4 or GIF)…"), this, &MainWindow::exportVideo);
    // Whether ffmpeg is there is asked each time the menu opens: installed meanwhile, it counts.
    connect(exportMenu, &QMenu::aboutToShow, this, [this] {
        const bool have = !VideoExporter::ffmpegProgram().isEmpty();
        m_exportVideoAction->setText(have ? tr("&Video (MP4 or GIF)…")
                                          : tr("&Video (MP4 or GIF): needs ffmpeg, "
                                               "sudo apt install ffmpeg"));
        m_exportVideoAction->setStatusTip(have ? tr("Make a video of this run for a lesson")
                                               : VideoExporter::ffmpegMissingHelp());
    });
    m_exportCsvAction = exportMenu->addAction(tr("Events as &CSV…"), this, [this] {
        exportRun(tr("Events (*.csv)"), QStringLiteral(".csv"));
    });
    m_exportPerfettoAction = exportMenu->addAction(
        tr("Perfetto trace (&protobuf, smaller)…"), this,
        [this] { exportRun(tr("Perfetto trace (*.pftrace)"), QStringLiteral(".pftrace")); });
    m_exportChromeAction = exportMenu->addAction(
        tr("Chrome trace for Perfetto (&JSON)…"), this,
        [this] { exportRun(tr("Chrome trace (*.json)"), QStringLiteral(".json")); });
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
}

void MainWindow::buildTransport() {
    m_transportBar = new TransportBar(this);
    addToolBar(m_transportBar);
    m_runAction = m_transportBar->runAction();
    m_pauseAction = m_transportBar->pauseAction();
    m_stepAction = m_transportBar->stepAction();
    m_stopAction = m_transportBar->stopAction();
    m_liveAction = m_transportBar->liveAction();
    connect(m_runAction, &QAction::triggered, this, &MainWindow::runScenario);
    connect(m_pauseAction, &QAction::triggered, this, &MainWindow::togglePause);
    connect(m_stepAction, &QAction::triggered, this, &MainWindow::step);
    connect(m_stopAction, &QAction::triggered, this, &MainWindow::stopRun);
    connect(m_transportBar, &TransportBar::speedChanged, m_session, &RunSession::setSpeed);
    // A finished run plays again on the time cursor: Space plays and pauses, Right and Left
    // step from event to event, at the transport's speed.
    m_player = new ReplayPlayer(m_cursor, this);
    connect(m_transportBar, &TransportBar::speedChanged, m_player, &ReplayPlayer::setSpeed);
    connect(m_transportBar, &TransportBar::scrubbed, this, [this](double fraction) {
        // Scrubbing is looking around: the whole run, unless View > Show the whole run is off.
        m_unfoldedByPlay = false;
        m_player->pause();
        updateUnfolding();
        m_cursor->setTime(
            static_cast<std::int64_t>(fraction * static_cast<double>(m_player->endNs())));
    });
    connect(m_player, &ReplayPlayer::playingChanged, this, [this] {
        updateUnfolding();
        updateActions();
        updateStatus();
    });
    auto* previous = new QAction(tr("Previous event"), this);
    previous->setShortcut(QKeySequence(Qt::Key_Left));
    connect(previous, &QAction::triggered, this, [this] {
        if (!m_session->active())
            m_player->stepEvent(-1, m_transportBar->stepActor(), m_transportBar->stepKind());
    });
    addAction(previous);
    // The timeline is built after the actions (buildLayout): it is looked up only when toggled.
    connect(m_liveAction, &QAction::toggled, this, [this](bool on) {
        if (on) {
            m_cursor->setLive(true);
            m_timelineView->fitAll();
        } else if (m_cursor->live()) {
            m_cursor->setTime(m_cursor->time());
        }
    });
}

}  // namespace interleave::ui
