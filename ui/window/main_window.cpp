// MainWindow itself: what it is built from, the run it drives (run, pause, step, stop), the
// frame tick that follows it, and which views show. Its menus, layout, look, files, status line
// and scheduler mode are in the other main_window_*.cpp files.

#include "ui/window/main_window.h"

#include <qcustomplot.h>
#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QInputDialog>
#include <QLineEdit>
#include <QMessageBox>
#include <QScreen>
#include <QSettings>
#include <QShortcut>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTimer>
#include <array>
#include <cstdio>

#include "core/analysis/wait_for.h"
#include "core/scenarios/scenario.h"
#include "core/sys/clock.h"
#include "ui/base/palette.h"
#include "ui/charts/speedup_view.h"
#include "ui/lesson/code_panel.h"
#include "ui/lesson/lesson_panel.h"
#include "ui/lesson/prediction_box.h"
#include "ui/lesson/scheduler_panel.h"
#include "ui/session/replay_player.h"
#include "ui/session/run_session.h"
#include "ui/session/time_cursor.h"
#include "ui/timeline/timeline_model.h"
#include "ui/timeline/timeline_view.h"
#include "ui/window/log_panel.h"
#include "ui/window/parameter_panel.h"
#include "ui/window/pointer_highlight.h"
#include "ui/window/run_models.h"
#include "ui/window/scenario_picker.h"
#include "ui/window/status_line.h"
#include "ui/window/transport_bar.h"
#include "ui/window/transport_keys.h"
#include "ui/window/view_shelf.h"

namespace interleave::ui {

MainWindow::MainWindow(const LaunchOptions& options, QWidget* parent)
    : QMainWindow(parent),
      m_options(options),
      m_session(new RunSession(this)),
      m_cursor(new TimeCursor(this)),
      m_models(new RunModels(m_session, this)) {
    setWindowTitle(tr("Interleave"));
    // The application font before any window scaled it: a second window in the same process
    // (tests, tools) must not scale an already scaled font again.
    if (!qApp->property("interleaveBaseFontPt").isValid())
        qApp->setProperty("interleaveBaseFontPt",
                          std::max(11.0, QApplication::font().pointSizeF()));
    m_baseFontPt = qApp->property("interleaveBaseFontPt").toDouble();
    buildActions();
    buildLayout();
    buildKeys();
    // Each run's lab also writes its log beside the program's other data, replaced by the
    // next run; without a writable place the panel still shows everything.
    const auto dataDir = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
    m_session->setLogging(options.logLevel, QDir().mkpath(dataDir)
                                                ? dataDir + QStringLiteral("/last-run.log")
                                                : QString());
    followSession();
    followCursor();
    followTimeline();

    m_frameTimer = new QTimer(this);
    m_frameTimer->setInterval(16);
    connect(m_frameTimer, &QTimer::timeout, this, &MainWindow::tick);
    m_frameTimer->start();

    restoreWindow();
    startAsAsked();
    updateActions();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildKeys() {
    connect(speedupView(), &SpeedupView::stopRequested, this, &MainWindow::stopRun);
    m_timelineView->setFocusPolicy(Qt::StrongFocus);
    new TransportKeys(this, m_pauseAction, m_stepAction, m_timelineView);
    m_pointer = new PointerHighlight(this);
    auto* leave = new QShortcut(QKeySequence(Qt::Key_Escape), this);
    leave->setContext(Qt::ApplicationShortcut);
    leave->setWhatsThis(tr("Stop the run; leave presenter mode"));  // for the key sheet
    connect(leave, &QShortcut::activated, this, [this] {
        // Esc stops the run, except in presenter mode, which it leaves.
        if (m_presenter)
            setPresenterMode(false);
        else if (m_stopAction->isEnabled())
            m_stopAction->trigger();
    });
    m_stopAction->setShortcut(QKeySequence());  // Esc is the shortcut above, shown in the tip
}

void MainWindow::followSession() {
    connect(m_session, &RunSession::storeReset, this, &MainWindow::onStoreReset);
    // New rows go from the session to the models once; the window only shows the views that
    // now have something.
    connect(m_models, &RunModels::rowsTaken, this, [this] { updateViewBoxes(); });
    connect(m_session, &RunSession::stateChanged, this, [this] {
        // When a run ends, show all of it.
        if (m_wasActive && !m_session->active()) {
            m_timelineView->fitAll(true);
            offerStepChoices();
            runEnded();
        }
        m_wasActive = m_session->active();
        speedupView()->setRunning(m_session->active());
        updateActions();
        updateStatus();
    });
}

void MainWindow::followCursor() {
    connect(m_cursor, &TimeCursor::changed, this, [this](std::int64_t t) {
        m_models->setCursorTime(t);
        if (!m_session->active() && m_player)
            if (const auto end = m_player->endNs(); end > 0)
                m_transportBar->setScrubPosition(static_cast<double>(t) / static_cast<double>(end));
        // Following a live run, captions change with nearly every event: ten times a second is
        // as fast as anyone reads them, and each change lays out wrapped text again. The tree's
        // states and fades likewise: a frame's worth of change there is not worth a repaint.
        // The frame tick takes a due update along, so that it is painted with that frame.
        if (!m_cursor->live() || !m_captionClock.isValid() || m_captionClock.elapsed() >= 100)
            followCaptions();
        else
            m_captionDue = true;
    });
    connect(m_cursor, &TimeCursor::liveChanged, this, [this](bool live) {
        m_liveAction->setChecked(live);
        if (live) m_unfoldedByPlay = false;
        updateUnfolding();
    });
}

void MainWindow::followTimeline() {
    connect(m_timelineView, &TimelineView::cursorPlaced, this, [this] {
        m_unfoldedByPlay = false;
        updateUnfolding();
    });
    connect(m_timelineView, &TimelineView::noteRequested, this,
            [this](std::uint32_t actor, std::int64_t ns) {
                if (!m_session->store()) return;
                bool ok = false;
                const auto text = QInputDialog::getText(
                    this, tr("Pin a note"),
                    tr("A note at %1 ms on this lane (saved with the run, shown in pictures):")
                        .arg(static_cast<double>(ns) / 1e6, 0, 'f', 1),
                    QLineEdit::Normal, {}, &ok);
                if (ok && !text.trimmed().isEmpty()) pinNote(actor, ns, text.trimmed());
            });
    connect(m_timelineView, &TimelineView::firstMarksDrawn, this, [this] {
        if (m_options.timings && m_runClick.isValid())
            std::fprintf(stderr, "timing: run click to first event drawn: %.1f ms\n",
                         m_runClick.nsecsElapsed() / 1e6);
    });
}

void MainWindow::restoreWindow() {
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    setFontScale(settings.value(QStringLiteral("view/fontScale"), 1.0).toDouble());
    setTheme(m_options.theme.value_or(
        static_cast<Theme>(settings.value(QStringLiteral("view/theme"), 0).toInt())));
    if (settings.contains(QStringLiteral("window/geometry"))) return;
    // The screen the window is on, all of it that is free for windows: a 1920x1080
    // monitor gets the room its class needs, a 1280x720 projector no panel cut off.
    QSize size(1500, 920);
    if (const auto* onScreen = screen()) {
        size = initialSize(onScreen->availableGeometry());
        move(onScreen->availableGeometry().topLeft());
    }
    resize(size);
    if (size.width() < 1400) {
        // Narrow (a projector): the lesson shares the left column as a tab, so the timeline
        // gets the width instead of a third of it.
        tabifyDockWidget(m_scenarioDock, m_lessonDock);
        m_scenarioDock->raise();
    }
}

void MainWindow::startAsAsked() {
    // The scenario asked for, else the last one chosen, else producer-consumer.
    QString scenario = m_options.scenario;
    if (scenario.isEmpty())
        scenario = QSettings()
                       .value(QStringLiteral("scenario/last"), QStringLiteral("producer-consumer"))
                       .toString();
    if (!findScenario(scenario.toStdString())) scenario = QStringLiteral("producer-consumer");
    m_picker->select(scenario);
    chooseScenario(scenario);
    if (!m_options.assignments.isEmpty()) m_params->apply(m_options.assignments);
    m_transportBar->setSpeed(m_options.speed);
    if (m_options.byHand && m_manualAction->isEnabled()) m_manualAction->setChecked(true);
    if (m_options.timings) m_timelineView->plot()->installEventFilter(this);

    if (!m_options.trace.isEmpty()) {
        QTimer::singleShot(0, this, [this] { openTraceFile(m_options.trace); });
    } else if (m_options.run) {
        QTimer::singleShot(0, this, &MainWindow::runScenario);
    }
}

void MainWindow::chooseScenario(const QString& name) {
    const auto* s = findScenario(name.toStdString());
    if (!s) return;
    m_params->setScenario(s);
    m_lesson->showLesson(name);
    // The code dock goes with a scenario that has a program, and comes back with the next one
    // only if it went for want of one (not if it was closed).
    const bool hasProgram = m_code->setScenario(name);
    m_codeDock->toggleViewAction()->setEnabled(hasProgram);
    if (!hasProgram && !m_codeDock->isHidden()) {
        m_codeDock->hide();
        m_codeDock->setProperty("hiddenForNoProgram", true);
    } else if (hasProgram && m_codeDock->property("hiddenForNoProgram").toBool()) {
        m_codeDock->show();
        m_codeDock->setProperty("hiddenForNoProgram", false);
    }
    lessonChanged(s->group != "measurements");
    updateViewBoxes();
    QSettings().setValue(QStringLiteral("scenario/last"), name);
}

void MainWindow::runScenario() {
    const auto name = m_picker->current();
    if (!findScenario(name.toStdString())) {
        statusBar()->showMessage(tr("Choose a scenario in the list first."), 6000);
        return;
    }
    m_params->setReadOnly(false);  // a replay's values become this run's, to change next time
    m_runClick.start();
    m_log->startRun(m_session->logFile());
    const auto mode = m_manualAction->isChecked() && m_manualAction->isEnabled()
                          ? ScheduleMode::Manual
                          : ScheduleMode::Free;
    if (const auto err =
            m_session->start(name, m_params->assignments(), m_transportBar->speed(), mode);
        !err.isEmpty()) {
        QMessageBox::warning(this, tr("Cannot run"), err);
        return;
    }
    m_prediction->runStarted();
    m_timelineView->startLive();
}

void MainWindow::togglePause() {
    if (!m_session->active()) {
        if (m_session->store()) {
            m_player->setSpeed(m_transportBar->speed());
            m_player->toggle();
        }
        return;
    }
    m_session->paused() ? m_session->resume() : m_session->pause();
    m_settleClock.start();
    pace();
}

void MainWindow::step() {
    if (!m_session->active()) {  // a finished run: to its next event (of the chosen actor, kind)
        m_player->stepEvent(+1, m_transportBar->stepActor(), m_transportBar->stepKind());
        return;
    }
    // Stepping a deadlock lets a thread through its next checkpoint, but every thread of the
    // cycle is already blocked: say why nothing moves rather than seem broken.
    if (m_session->active() && !deadlockNow().isEmpty())
        statusBar()->showMessage(tr("Step: every thread of the deadlock waits for a lock another "
                                    "one holds, so nothing can move. Esc stops the run."),
                                 6000);
    m_session->step();
    m_settleClock.start();
    pace();
}

void MainWindow::pace() {
    // Paused, nothing moves but for a step: once the last steps under way have come in (a
    // moment after the pause or the step), ten frames a second are enough, and the window
    // then costs next to nothing. Resumed, the next frame comes at once.
    const bool settled =
        m_session->paused() && m_settleClock.isValid() && m_settleClock.elapsed() > 300;
    const int interval = settled ? 100 : 16;
    if (m_frameTimer->interval() == interval) return;
    m_frameTimer->setInterval(interval);
    tick();  // at once: the view takes the pause (or the resume) now, not a frame later
}

void MainWindow::stopRun() {
    m_session->stop();
}

void MainWindow::onStoreReset() {
    const auto* store = m_session->store();
    if (m_player) m_player->setStore(store);
    showNotes();  // a replay's own, or none for a new run
    m_waitsNow.reset(store);
    m_lostUpdateFound = false;
    m_lostUpdatesSearched = m_lostUpdateCount = 0;
    m_timelineView->setLostUpdate(std::nullopt, nullptr);
    m_models->reset(store);
    updateViewBoxes();
    m_cursor->setLive(true);
    m_cursor->resetTo(0);
    m_unfoldedByPlay = false;
    updateUnfolding();
    m_status->restart();
}

void MainWindow::offerStepChoices() {
    std::vector<std::pair<std::uint32_t, QString>> actors;
    std::vector<EventKind> kinds;
    if (const auto* store = m_session->store()) {
        for (const auto& a : store->actors())
            actors.emplace_back(a.id, m_models->timeline()->actorName(a.id));
        std::array<bool, static_cast<std::size_t>(EventKind::Count_)> seen{};
        for (std::size_t i = 0, n = store->size(); i < n; ++i)
            seen[static_cast<std::size_t>(store->kind(i))] = true;
        for (std::size_t k = 0; k < seen.size(); ++k)
            if (seen[k]) kinds.push_back(static_cast<EventKind>(k));
    }
    m_transportBar->setStepChoices(actors, kinds);
}

void MainWindow::followCaptions() {
    m_captionDue = false;
    m_captionClock.start();
    m_models->followCursorSlowly(m_cursor->time());
}

void MainWindow::tick() {
    m_models->takePending();
    pace();
    // Paused, "now" holds at the pause; a step moves it to the step's last event.
    const auto now = m_session->paused()
                         ? std::max(m_session->nowNs(), m_models->timeline()->lastNs())
                         : m_session->nowNs();
    std::vector<std::pair<std::int64_t, std::int64_t>> pauses;
    for (const auto& p : m_session->pauses())
        pauses.emplace_back(p.beginNs, p.endNs);
    m_timelineView->setPauses(pauses, m_session->active() ? m_session->heldSinceNs() : -1);
    if (m_session->active()) {
        m_cursor->follow(now);
        m_timelineView->setNow(now);
    } else if (m_cursor->live() && m_cursor->time() != now) {
        m_cursor->follow(now);
        m_timelineView->setNow(now);
    }
    // A deadlock is said the frame it is seen, not at the next of the four updates a second.
    const bool deadlocked = m_session->active() && !deadlockNow().isEmpty();
    if (m_captionDue && m_captionClock.elapsed() >= 100) followCaptions();
    if (m_schedulerDock->isVisible()) m_schedulerPanel->refresh();
    if (m_status->due() || deadlocked != m_deadlockShown) {
        m_deadlockShown = deadlocked;
        updateStatus();
    }
}

BufferView* MainWindow::bufferView() const {
    return m_shelf->bufferView();
}

DistributionView* MainWindow::distributionView() const {
    return m_shelf->distributionView();
}

SpeedupView* MainWindow::speedupView() const {
    return m_shelf->speedupView();
}

QWidget* MainWindow::pipesBox() const {
    return m_shelf->pipesBox();
}

QWidget* MainWindow::processTreeBox() const {
    return m_shelf->treeBox();
}

QWidget* MainWindow::waitForBox() const {
    return m_shelf->waitsBox();
}

QWidget* MainWindow::sharedVariableBox() const {
    return m_shelf->sharedBox();
}

void MainWindow::updateViewBoxes() {
    // Before its first run, a scenario shows the views its runs will fill, empty. A run shows
    // its own scenario's views, a replay too: its scenario is the one its trace names (the
    // session calls a replay "replay of NAME (FILE)", which names no scenario).
    const bool run = m_session->store() != nullptr;
    const auto name = run ? m_session->description().scenario : m_picker->current().toStdString();
    m_shelf->choose(findScenario(name), run, m_presenter, m_presenterShowsProcesses);
}

void MainWindow::updateActions() {
    if (!m_session->active() && m_session->store())
        m_transportBar->showReplayState(m_player && m_player->playing());
    else
        m_transportBar->showRunState(m_session->active(), m_session->paused());
    // Save is offered only when it can be done, rather than refused after the dialog.
    const bool canSave = m_session->store() && !m_session->active();
    m_saveAction->setEnabled(canSave);
    m_exportCsvAction->setEnabled(canSave);
    m_exportVideoAction->setEnabled(canSave);
    m_exportChromeAction->setEnabled(canSave);
    m_exportPerfettoAction->setEnabled(canSave);
    m_exportPictureAction->setEnabled(m_session->store() != nullptr);
    m_replayScheduleAction->setEnabled(m_schedulerPanel->hasSchedule() && !m_session->active());
    // Scheduled by hand, every step is the student's to give: the run-wide pause and step would
    // only stop what the cards already hold.
    if (m_session->manual()) {
        m_pauseAction->setEnabled(false);
        m_stepAction->setEnabled(false);
    }
    for (auto* digit : m_digitActions)
        digit->setEnabled(m_session->manual());
    m_saveAction->setStatusTip(canSave ? tr("Save this run to a trace file")
                               : m_session->active()
                                   ? tr("Stop the run to save it")
                                   : tr("Run a scenario first: then it can be saved"));
}

QSize MainWindow::initialSize(const QRect& available) {
    // Less a margin for the window manager's frame and title, which the geometry leaves out.
    return (available.size() - QSize(16, 40)).expandedTo(QSize(640, 480));
}

void MainWindow::showEvent(QShowEvent* event) {
    QMainWindow::showEvent(event);
    // A start with large text (remembered) sized the panels before the window had its size.
    if (!std::exchange(m_shownOnce, true)) {
        QTimer::singleShot(0, this, &MainWindow::holdSidePanels);
        QTimer::singleShot(0, this, &MainWindow::showHelpAsAsked);
    }
}

void MainWindow::closeEvent(QCloseEvent* event) {
    m_session->stop();
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    event->accept();
}

bool MainWindow::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() == QEvent::Paint && !m_firstFramePrinted) {
        m_firstFramePrinted = true;
        std::fprintf(stderr, "timing: process start to first painted frame: %.1f ms\n",
                     static_cast<double>(monotonicNs() - m_options.startNs) / 1e6);
    }
    return QMainWindow::eventFilter(watched, event);
}

}  // namespace interleave::ui
