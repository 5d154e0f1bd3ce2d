// MainWindow's scheduler mode (a toggle in the transport, a panel of cards, number keys, the
// schedule replayed) and its predictions (a question above the lesson, revealed when a run
// ends).

#include <QAction>
#include <QDockWidget>
#include <QMenuBar>
#include <QScrollArea>
#include <QSplitter>
#include <QStatusBar>
#include <QVBoxLayout>

#include "core/analysis/schedule.h"
#include "core/lesson/try_check.h"
#include "core/scenarios/scenario.h"
#include "ui/lesson/all_orders_dialog.h"
#include "ui/lesson/lesson_panel.h"
#include "ui/lesson/prediction_box.h"
#include "ui/lesson/scheduler_panel.h"
#include "ui/session/run_session.h"
#include "ui/window/main_window.h"

#include "ui/lesson/all_orders_dialog.h"
#include "ui/window/parameter_panel.h"
#include "ui/window/scenario_picker.h"
#include "ui/window/transport_bar.h"

namespace interleave::ui {

namespace {

// What the window knows of the run that has ended, for judging a question or a check on it.
RunForQuestion endedRun(const RunSession& session, const EventStore& store, bool deadlocked) {
    RunForQuestion run;
    // A deadlocked run has reached its end: nothing it could still do would change it.
    run.stoppedEarly = session.stoppedEarly() && !deadlocked;
    run.parameters = session.description().parameters;
    // Any step granted by hand, live or from a replayed schedule, makes the run the
    // student's, not the machine's.
    for (std::size_t i = 0; i < store.size() && !run.scheduledByHand; ++i)
        run.scheduledByHand = store.kind(i) == EventKind::CheckpointPass && store.row(i).a > 0;
    return run;
}

std::vector<std::pair<std::string, std::string>> defaultsOf(const std::string& scenario) {
    std::vector<std::pair<std::string, std::string>> defaults;
    if (const auto* s = findScenario(scenario))
        for (const auto& p : s->params)
            defaults.emplace_back(p.name, p.defaultText());
    return defaults;
}

}  // namespace

void MainWindow::buildScheduler() {
    buildLessonDock();
    buildSchedulerDock();
    buildDigitKeys();
}

void MainWindow::buildLessonDock() {
    // The lesson dock: the question to predict above the lesson's text. At 1280x720 the
    // question and its choices took all but 70-200 px of the dock: they share it with the
    // lesson in a splitter, the lesson getting two thirds, and scroll when they need more.
    auto* lessonBox = new QSplitter(Qt::Vertical, this);
    lessonBox->setObjectName(QStringLiteral("lessonSplitter"));
    lessonBox->setChildrenCollapsible(false);
    auto* predictionScroll = new QScrollArea(lessonBox);
    predictionScroll->setWidgetResizable(true);
    predictionScroll->setFrameShape(QFrame::NoFrame);
    m_prediction = new PredictionBox(predictionScroll);
    predictionScroll->setWidget(m_prediction);
    lessonBox->addWidget(predictionScroll);
    lessonBox->addWidget(m_lesson);
    lessonBox->setStretchFactor(0, 1);
    lessonBox->setStretchFactor(1, 2);
    lessonBox->setSizes({1000, 2000});
    m_lessonDock->setWidget(lessonBox);
    connect(m_prediction, &PredictionBox::settingsWanted, this, [this](const QStringList& values) {
        // A question is about its own values and the defaults: whatever a try-this changed
        // before (a pipe's capacity, say) must not decide the run it is judged on.
        m_params->setReadOnly(false);
        m_params->resetToDefaults();
        m_params->apply(values);
    });
    // A Try this item's Check (as OSTEP's -c): the finished run answers it if it ran with the
    // item's parameters; otherwise they are set over the defaults and a run is started, and the
    // answer shows when it ends. Nothing is measured before the student asks.
    connect(m_lesson, &LessonPanel::checkWanted, this, &MainWindow::checkTryItem);
}

void MainWindow::checkTryItem(int item) {
    const auto* check = m_lesson->quiz().tryItem(item);
    if (!check || !check->checkable()) return;
    if (m_session->active()) {
        m_lesson->showCheck(item,
                            tr("A run is going on: let it end or stop it, then press "
                               "Check again."),
                            false);
        return;
    }
    const auto scenario = m_lesson->scenario().toStdString();
    if (const auto* store = m_session->store();
        store && m_session->description().scenario == scenario &&
        whyRunCannotCheck(*check, endedRun(*m_session, *store, !deadlockNow().isEmpty()),
                          defaultsOf(scenario))
            .empty()) {
        m_lesson->showCheck(item, QString::fromStdString(tryCheckText(*check, *store)));
        return;
    }
    QStringList values;
    for (const auto& a : tryAssignments(*check))
        values << QString::fromStdString(a);
    m_manualAction->setChecked(false);  // a check is about what the machine does
    m_params->setReadOnly(false);
    m_params->resetToDefaults();
    m_params->apply(values);
    m_lesson->setPendingCheck(item);
    m_lesson->showCheck(
        item,
        tr("Running with %1 (every other parameter at its default); the "
           "answer shows when the run ends.")
            .arg(values.isEmpty() ? tr("the defaults") : values.join(QStringLiteral(", "))),
        false);
    runScenario();
}

void MainWindow::buildSchedulerDock() {
    m_schedulerPanel = new SchedulerPanel(m_session, this);
    m_schedulerDock = new QDockWidget(tr("Scheduler"), this);
    m_schedulerDock->setObjectName(QStringLiteral("schedulerDock"));
    m_schedulerDock->setWidget(m_schedulerPanel);
    addDockWidget(Qt::RightDockWidgetArea, m_schedulerDock);
    splitDockWidget(m_schedulerDock, m_lessonDock, Qt::Vertical);
    m_schedulerDock->hide();

    m_manualAction = new QAction(tr("By hand"), this);
    m_manualAction->setCheckable(true);
    m_manualAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_M));
    m_manualAction->setToolTip(
        tr("Scheduler mode (Ctrl+M): every thread stops at each step and waits for you to "
           "choose who goes next"));
    m_transportBar->insertAction(m_transportBar->actions().value(4), m_manualAction);
    connect(m_manualAction, &QAction::toggled, this, [this](bool on) {
        // Run freely in the middle of a run keeps the panel: when the run ends, its schedule
        // can be replayed from there. Without a run, turning the mode off puts it away.
        m_schedulerDock->setVisible(on || m_session->active());
        if (m_session->active()) m_session->setManual(on);
        m_schedulerPanel->refresh();
        updateActions();
    });
    connect(m_schedulerPanel, &SchedulerPanel::runFreely, this,
            [this] { m_manualAction->setChecked(false); });
    connect(m_schedulerPanel, &SchedulerPanel::replayRequested, this, &MainWindow::replaySchedule);
    connect(m_schedulerPanel, &SchedulerPanel::goalReached, this,
            [this](const QString& text) { statusBar()->showMessage(text, 15'000); });

    m_replayScheduleAction = new QAction(tr("Replay this run's &schedule"), this);
    m_replayScheduleAction->setStatusTip(
        tr("Run the scenario again with the same steps, in the same order, on real threads"));
    connect(m_replayScheduleAction, &QAction::triggered, this, &MainWindow::replaySchedule);
    if (auto* file = menuBar()->actions().value(0); file && file->menu())
        file->menu()->insertAction(file->menu()->actions().value(2), m_replayScheduleAction);

    m_allOrdersAction = new QAction(tr("Every &order of the steps..."), this);
    m_allOrdersAction->setStatusTip(
        tr("Run the scenario once for each order its threads' steps can go in, and count the "
           "outcomes"));
    connect(m_allOrdersAction, &QAction::triggered, this, &MainWindow::showAllOrders);
    if (auto* file = menuBar()->actions().value(0); file && file->menu())
        file->menu()->insertAction(m_replayScheduleAction, m_allOrdersAction);
}

AllOrdersDialog* MainWindow::showAllOrders() {
    const auto name = m_picker->current();
    const auto* scenario = findScenario(name.toStdString());
    if (!scenario || scenario->group == "measurements") {
        statusBar()->showMessage(
            tr("Every order is for the thread and process scenarios: choose one first."), 6000);
        return nullptr;
    }
    auto* dialog = new AllOrdersDialog(name, m_params->assignments(), 1000, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &AllOrdersDialog::replayOrder, this, &MainWindow::replayOrder);
    dialog->show();
    return dialog;
}

void MainWindow::replayOrder(const std::vector<ScheduledActor>& steps) {
    const auto name = m_picker->current();
    if (steps.empty() || !findScenario(name.toStdString())) return;
    m_manualAction->setChecked(true);
    if (const auto err = m_session->start(name, m_params->assignments(), m_transportBar->speed(),
                                          ScheduleMode::Manual, steps);
        !err.isEmpty()) {
        statusBar()->showMessage(err, 8000);
        return;
    }
    m_prediction->runStarted();
    statusBar()->showMessage(tr("Replaying one order of the steps, on real threads; then it is "
                                "your turn."),
                             8000);
}

void MainWindow::buildDigitKeys() {
    // The number keys choose cards, only while a run is scheduled by hand (they are digits in
    // the parameter fields otherwise).
    for (int n = 1; n <= 9; ++n) {
        auto* digit = new QAction(tr("Choose that card (scheduler mode)"), this);
        digit->setShortcut(QKeySequence(Qt::Key_0 + n));
        digit->setEnabled(false);
        connect(digit, &QAction::triggered, this, [this, n] {
            if (!m_schedulerPanel->choose(n))
                statusBar()->showMessage(
                    tr("%1 cannot take a step now: it is blocked, running or finished").arg(n),
                    4000);
        });
        addAction(digit);
        m_digitActions.push_back(digit);
    }
}

void MainWindow::lessonChanged(bool schedulable) {
    m_prediction->setQuestions(m_lesson->quiz().questions);
    m_schedulerPanel->setGoals(m_lesson->quiz().goals);
    // A measurement scheduled by hand would measure the student, not the machine.
    if (!schedulable) m_manualAction->setChecked(false);
    m_manualAction->setEnabled(schedulable);
}

void MainWindow::runEnded() {
    if (const auto* store = m_session->store()) {
        const auto scenario = m_session->description().scenario;
        auto run = endedRun(*m_session, *store, !deadlockNow().isEmpty());
        const auto defaults = defaultsOf(scenario);
        // The check asked for before this run, answered by it if it can.
        if (const int item = m_lesson->pendingCheck(); item > 0) {
            m_lesson->setPendingCheck(0);
            if (const auto* check = m_lesson->quiz().tryItem(item);
                check && m_lesson->scenario().toStdString() == scenario) {
                const auto why = whyRunCannotCheck(*check, run, defaults);
                if (why.empty())
                    m_lesson->showCheck(item, QString::fromStdString(tryCheckText(*check, *store)));
                else
                    m_lesson->showCheck(
                        item, tr("This run cannot answer it: %1.").arg(QString::fromStdString(why)),
                        false);
            }
        }
        m_prediction->runEnded(*store, std::move(run), defaults);
    }
    m_schedulerPanel->refresh();
    updateActions();
}

void MainWindow::replaySchedule() {
    const auto* store = m_session->store();
    if (!store || m_session->active()) return;
    auto steps = scheduleFromEvents(*store);
    const auto about = m_session->description();
    const auto name = QString::fromStdString(about.scenario);
    if (steps.empty() || !findScenario(about.scenario)) {
        statusBar()->showMessage(tr("This run was not scheduled by hand: there is no schedule "
                                    "to replay."),
                                 6000);
        return;
    }
    QStringList values;
    for (const auto& [param, value] : about.parameters)
        values << QString::fromStdString(param + "=" + value);
    m_picker->select(name);
    chooseScenario(name);
    m_params->setReadOnly(false);
    m_params->apply(values);
    m_manualAction->setChecked(true);
    if (const auto err = m_session->start(name, values, m_transportBar->speed(),
                                          ScheduleMode::Manual, std::move(steps));
        !err.isEmpty()) {
        statusBar()->showMessage(err, 8000);
        return;
    }
    m_prediction->runStarted();
    statusBar()->showMessage(tr("Replaying the schedule: the same steps in the same order, on "
                                "real threads; then it is your turn again."),
                             8000);
}

}  // namespace interleave::ui
