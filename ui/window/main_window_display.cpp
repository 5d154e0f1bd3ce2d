// MainWindow's look: the View menu, presenter mode, the text size, the theme, and how much room the
// side panels take. The window's layout is in main_window_layout.cpp, its other menus and the
// transport in main_window_actions.cpp, the live run in main_window.cpp, its files in
// main_window_files.cpp.

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QDockWidget>
#include <QMenuBar>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QToolBar>
#include <algorithm>

#include "ui/base/palette.h"
#include "ui/charts/distribution_view.h"
#include "ui/charts/speedup_view.h"
#include "ui/lesson/code_panel.h"
#include "ui/session/replay_player.h"
#include "ui/session/time_cursor.h"
#include "ui/timeline/timeline_view.h"
#include "ui/window/main_window.h"
#include "ui/window/pointer_highlight.h"
#include "ui/window/transport_bar.h"
#include "ui/window/view_shelf.h"

namespace interleave::ui {

void MainWindow::buildViewMenu() {
    auto* view = menuBar()->addMenu(tr("&View"));
    view->addAction(tr("Larger text"), QKeySequence::ZoomIn, this,
                    [this] { setFontScale(m_fontScale * 1.15); });
    view->addAction(tr("Smaller text"), QKeySequence::ZoomOut, this,
                    [this] { setFontScale(m_fontScale / 1.15); });
    view->addAction(tr("Normal text size"), QKeySequence(Qt::CTRL | Qt::Key_0), this,
                    [this] { setFontScale(1.0); });
    view->addSeparator();
    // One theme checked at a time: the menu shows which one is on.
    auto* themes = new QActionGroup(this);
    for (auto theme : {Theme::Light, Theme::Dark, Theme::HighContrast}) {
        auto* action = view->addAction(tr("%1 theme").arg(Palette::themeName(theme)), this,
                                       [this, theme] { setTheme(theme); });
        action->setCheckable(true);
        action->setData(static_cast<int>(theme));
        action->setActionGroup(themes);
        m_themeActions.push_back(action);
    }
    view->addSeparator();
    m_presenterAction = view->addAction(tr("Presenter mode"), QKeySequence(Qt::Key_F5), this,
                                        [this] { setPresenterMode(!m_presenter); });
    m_presenterAction->setShortcutContext(Qt::ApplicationShortcut);
    auto* showsProcesses = view->addAction(tr("Presenter mode shows the processes"));
    showsProcesses->setCheckable(true);
    connect(showsProcesses, &QAction::toggled, this, [this](bool on) {
        m_presenterShowsProcesses = on;
        updateViewBoxes();
    });
    m_panelsMenu = view->addMenu(tr("Panels"));
    view->addSeparator();
    auto* full = view->addAction(tr("Full screen"), QKeySequence(Qt::Key_F11), this,
                                 [this] { isFullScreen() ? showNormal() : showFullScreen(); });
    full->setShortcutContext(Qt::ApplicationShortcut);
    auto* fold = view->addAction(tr("Fold each process's threads into one lane"));
    fold->setCheckable(true);
    fold->setToolTip(tr("Or click the name of a process's first lane"));
    connect(fold, &QAction::toggled, this,
            [this](bool on) { m_timelineView->setAllCollapsed(on); });
    view->addAction(tr("Fit the whole run"), QKeySequence(Qt::CTRL | Qt::Key_F), this,
                    [this] { m_timelineView->fitAll(); });
    m_wholeRunAction = view->addAction(tr("Show the whole run"));
    m_wholeRunAction->setCheckable(true);
    m_wholeRunAction->setChecked(QSettings().value(QStringLiteral("view/wholeRun"), true).toBool());
    m_wholeRunAction->setToolTip(
        tr("A finished run shows all of it when the cursor is placed; unchecked, only what "
           "had happened by the cursor. A replay that plays always unfolds as the run did."));
    connect(m_wholeRunAction, &QAction::triggered, this,
            [](bool on) { QSettings().setValue(QStringLiteral("view/wholeRun"), on); });
    connect(m_wholeRunAction, &QAction::toggled, this, [this] {
        m_unfoldedByPlay = false;  // the choice made now holds, whatever played before
        updateUnfolding();
    });
}

void MainWindow::setShowWholeRun(bool on) {
    m_wholeRunAction->setChecked(on);
}

bool MainWindow::unfolding() const {
    return m_timelineView->unfolding();
}

void MainWindow::updateUnfolding() {
    if (!m_wholeRunAction || !m_timelineView) return;  // still being built
    if (m_player && m_player->playing()) m_unfoldedByPlay = true;
    const bool unfold = !m_wholeRunAction->isChecked() || m_unfoldedByPlay;
    m_timelineView->setUnfolding(unfold);
    m_shelf->setUnfolding(unfold && !m_cursor->live());
}

void MainWindow::layOutForVideo(bool wholeRun) {
    setShowWholeRun(wholeRun);
    menuBar()->hide();
    for (auto* bar : findChildren<QToolBar*>())
        bar->hide();
    statusBar()->hide();
    // Every side panel but the code panel, whose markers move with the frames' cursor.
    for (auto* dock : findChildren<QDockWidget*>())
        if (dock != m_codeDock || !m_code->hasProgram()) dock->hide();
    // Wide enough for the program's lines, up to two fifths of the frame.
    if (m_code->hasProgram())
        resizeDocks({m_codeDock},
                    {std::min(m_code->view()->sizeHint().width() + 24, width() * 2 / 5)},
                    Qt::Horizontal);
    // The lanes over the views, across the whole width: most of the height to the lanes, the
    // views (the scenario's own, and the captions) in a band under them.
    const int h = std::max(1, m_center->height());
    m_center->setSizes({h * 3 / 5, h - h * 3 / 5});
}

void MainWindow::setPresenterMode(bool on) {
    if (on == m_presenter) return;
    m_presenter = on;
    if (on) {
        m_statePresenterLeft = saveState();
        m_fontScalePresenterLeft = m_fontScale;
        // The scheduler's cards stay while the run is scheduled by hand: the class watches
        // the teacher choose, and the cards say what each choice will do.
        for (auto* dock : findChildren<QDockWidget*>())
            if (dock != m_schedulerDock || !m_manualAction->isChecked()) dock->hide();
        m_transportBar->hide();
        menuBar()->hide();
        // Lane labels at least 14 px at 1280x720: 8.5 pt x 1.7 = 14.5 pt, about 19 px.
        setFontScale(std::max(m_fontScale, 1.7), false);
        updateViewBoxes();
        showFullScreen();
        m_pointer->setActive(true);
        // The timeline is what the class looks at: most of the height goes to it.
        m_centerSizesPresenterLeft = m_center->sizes();
        const int h = std::max(1, m_center->height());
        m_center->setSizes({h * 7 / 10, h - h * 7 / 10});
        updateStatus();
    } else {
        m_pointer->setActive(false);
        setFontScale(m_fontScalePresenterLeft, false);
        menuBar()->show();
        restoreState(m_statePresenterLeft);
        m_center->setSizes(m_centerSizesPresenterLeft);
        updateViewBoxes();
        showNormal();
    }
}

void MainWindow::setFontScale(double scale, bool remember) {
    m_fontScale = std::clamp(scale, 0.6, 3.0);
    QFont f = QApplication::font();
    f.setPointSizeF(m_baseFontPt * m_fontScale);
    QApplication::setFont(f);
    setFont(f);
    for (auto* w : findChildren<QWidget*>()) {
        const QVariant ratio = w->property(kFontRatioProperty);
        if (!ratio.isValid()) {
            w->setFont(f);
            continue;
        }
        QFont scaled = f;
        scaled.setPointSizeF(f.pointSizeF() * ratio.toDouble());
        w->setFont(scaled);
    }
    m_timelineView->setFontScale(m_fontScale);
    holdSidePanels();
    if (remember) QSettings().setValue(QStringLiteral("view/fontScale"), m_fontScale);
}

void MainWindow::holdSidePanels() {
    // Larger text widens the side panels; past a quarter of the window they take it from the
    // timeline, so they are held there (their contents wrap or scroll).
    if (!m_scenarioDock || width() <= 0) return;
    const int most = std::max(240, width() / 4);
    QList<QDockWidget*> docks;
    QList<int> widths;
    for (auto* dock : {m_scenarioDock, m_lessonDock})
        if (dock->isVisible() && dock->width() > most) {
            docks.push_back(dock);
            widths.push_back(most);
        }
    if (!docks.isEmpty()) resizeDocks(docks, widths, Qt::Horizontal);
}

void MainWindow::setTheme(Theme theme) {
    Palette::apply(theme, *qApp);
    m_timelineView->applyTheme();
    m_transportBar->applyTheme();
    speedupView()->applyTheme();
    distributionView()->applyTheme();
    for (auto* action : m_themeActions)
        action->setChecked(action->data().toInt() == static_cast<int>(theme));
    update();
    QSettings().setValue(QStringLiteral("view/theme"), static_cast<int>(theme));
}

}  // namespace interleave::ui
