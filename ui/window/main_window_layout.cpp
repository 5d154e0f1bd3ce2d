// MainWindow's layout: the timeline over the views in the middle, the scenario and its
// parameters on the left, the lesson (and the scheduler) on the right, the lab's log below, and
// View > Panels to bring any of them back.

#include <QDockWidget>
#include <QLabel>
#include <QMenu>
#include <QScrollArea>
#include <QSplitter>
#include <QStatusBar>
#include <QVBoxLayout>

#include "ui/lesson/code_panel.h"
#include "ui/lesson/lesson_panel.h"
#include "ui/lesson/scheduler_panel.h"
#include "ui/session/run_session.h"
#include "ui/timeline/timeline_view.h"
#include "ui/window/log_panel.h"
#include "ui/window/main_window.h"
#include "ui/window/parameter_panel.h"
#include "ui/window/run_models.h"
#include "ui/window/scenario_picker.h"
#include "ui/window/status_line.h"
#include "ui/window/view_shelf.h"

namespace interleave::ui {

void MainWindow::buildLayout() {
    m_timelineView = new TimelineView(m_models->timeline(), m_cursor, this);
    m_shelf = new ViewShelf(m_models, m_cursor, this);
    m_center = new QSplitter(Qt::Vertical, this);
    m_center->addWidget(m_timelineView);
    m_center->addWidget(m_shelf);
    m_center->setStretchFactor(0, 3);
    m_center->setStretchFactor(1, 2);
    m_center->setSizes({560, 340});
    setCentralWidget(m_center);

    buildScenarioDock();
    m_lesson = new LessonPanel(this);
    m_lessonDock = new QDockWidget(tr("Lesson"), this);
    m_lessonDock->setObjectName(QStringLiteral("lessonDock"));
    addDockWidget(Qt::RightDockWidgetArea, m_lessonDock);
    buildScheduler();  // the prediction box goes above the lesson, the scheduler beside it
    buildLogDock();
    buildCodeDock();

    for (auto* dock : {m_scenarioDock, m_lessonDock, m_codeDock, m_schedulerDock, m_logDock})
        m_panelsMenu->addAction(dock->toggleViewAction());
    // And the views under the timeline: the scenario picks them, any can be brought back.
    m_panelsMenu->addSeparator();
    m_panelsMenu->addActions(m_shelf->viewActions());

    m_status = new StatusLine(statusBar(), this);
}

void MainWindow::buildScenarioDock() {
    auto* left = new QWidget(this);
    auto* leftLayout = new QVBoxLayout(left);
    m_picker = new ScenarioPicker(left);
    m_params = new ParameterPanel(left);
    leftLayout->addWidget(new QLabel(tr("<b>Scenario</b>"), left));
    leftLayout->addWidget(m_picker, 2);
    leftLayout->addWidget(new QLabel(tr("<b>Parameters</b>"), left));
    // In a scroll area: at 1280x720 or with large text, fields and their wrapped help keep
    // their height and the panel scrolls, instead of squashing them into each other.
    auto* paramScroll = new QScrollArea(left);
    paramScroll->setWidget(m_params);
    paramScroll->setWidgetResizable(true);
    paramScroll->setFrameShape(QFrame::NoFrame);
    paramScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    leftLayout->addWidget(paramScroll, 3);
    m_scenarioDock = new QDockWidget(tr("Scenario"), this);
    m_scenarioDock->setObjectName(QStringLiteral("scenarioDock"));
    m_scenarioDock->setWidget(left);
    addDockWidget(Qt::LeftDockWidgetArea, m_scenarioDock);
    connect(m_picker, &ScenarioPicker::scenarioChosen, this, &MainWindow::chooseScenario);
}

void MainWindow::buildCodeDock() {
    // Under the lesson: the scenario's Python program, each actor's line at the cursor. A click
    // on a marked line, by hand, grants that actor's step as its card does.
    m_code = new CodePanel(m_session, m_cursor, this);
    m_codeDock = new QDockWidget(tr("Code"), this);
    m_codeDock->setObjectName(QStringLiteral("codeDock"));
    m_codeDock->setWidget(m_code);
    addDockWidget(Qt::RightDockWidgetArea, m_codeDock);
    splitDockWidget(m_lessonDock, m_codeDock, Qt::Vertical);
    resizeDocks({m_lessonDock, m_codeDock}, {1, 1}, Qt::Vertical);
    connect(m_code, &CodePanel::actorChosen, m_schedulerPanel, &SchedulerPanel::chooseActor);
}

void MainWindow::buildLogDock() {
    // The lab's log: hidden until something is worth reading, then shown and named in the
    // status bar; always back from the View menu.
    m_log = new LogPanel(this);
    m_logDock = new QDockWidget(tr("Lab log"), this);
    m_logDock->setObjectName(QStringLiteral("logDock"));
    m_logDock->setWidget(m_log);
    // Under the views only: the side panels keep their full height.
    setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
    setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);
    addDockWidget(Qt::BottomDockWidgetArea, m_logDock);
    m_logDock->hide();
    connect(m_session, &RunSession::labLogged, m_log, &LogPanel::append);
    connect(m_log, &LogPanel::problem, this, [this](const QString& text) {
        if (!m_logDock->isVisible()) {
            m_logDock->show();
            resizeDocks({m_logDock}, {fontMetrics().height() * 6}, Qt::Vertical);
        }
        statusBar()->showMessage(tr("The lab reported: %1 (see Lab log)").arg(text), 10'000);
    });
}

}  // namespace interleave::ui
