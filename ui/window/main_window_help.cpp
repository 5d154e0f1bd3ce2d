// MainWindow's help and recent runs: the Help menu (the user guide, the keys, the welcome of a
// first start, About) and File > Recent runs. The rest of the File menu is in
// main_window_actions.cpp, saving and opening in main_window_files.cpp.

#include <QAction>
#include <QFileInfo>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPointer>
#include <QSettings>
#include <QStatusBar>
#include <QTimer>

#include "ui/window/help_dialogs.h"
#include "ui/window/main_window.h"
#include "ui/window/recent_runs.h"
#include "ui/window/scenario_picker.h"

namespace interleave::ui {

namespace {
const QString kWelcomeShown = QStringLiteral("help/welcomeShown");

// A help dialog over the window: modal to it, so Esc closes the dialog instead of stopping the
// run (the window's Esc is an application-wide shortcut), and deleted when closed.
void present(QDialog* dialog) {
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    dialog->show();
    dialog->raise();
    dialog->activateWindow();
}
}  // namespace

void MainWindow::buildHelpMenu() {
    auto* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&User guide"), QKeySequence::HelpContents, this,
                    &MainWindow::showUserGuide);
    // `?` as in Perfetto; a text field takes it as text first (it accepts the shortcut override
    // of a printable key), so typing ? in a field still types it.
    help->addAction(tr("&Keyboard shortcuts"), QKeySequence(Qt::Key_Question), this,
                    &MainWindow::showShortcuts);
    help->addAction(tr("&Welcome"), this, &MainWindow::showWelcome);
    help->addSeparator();
    help->addAction(tr("About Interleave"), this, [this] {
        QMessageBox::about(
            this, tr("About Interleave"),
            tr("<b>Interleave</b><p>Real threads and real processes, recorded step by step "
               "and drawn as they happen.</p><p>Every key: Help ▸ Keyboard shortcuts, or ?.</p>"));
    });
}

void MainWindow::showUserGuide() {
    present(new GuideDialog(this));
}

void MainWindow::showShortcuts() {
    present(new ShortcutSheet(this, this));
}

void MainWindow::showWelcome() {
    const auto key = [](const QAction* a) {
        return a->shortcut().toString(QKeySequence::NativeText);
    };
    auto* welcome =
        new WelcomeDialog(key(m_runAction), key(m_pauseAction), key(m_presenterAction), this);
    connect(welcome, &WelcomeDialog::guideRequested, this, &MainWindow::showUserGuide);
    connect(welcome, &WelcomeDialog::scenarioRequested, this, [this](const QString& name) {
        m_picker->select(name);
        chooseScenario(name);
    });
    present(welcome);
}

bool MainWindow::welcomeDue(const LaunchOptions& options) {
    return options.welcome && !QSettings().value(kWelcomeShown, false).toBool();
}

void MainWindow::showHelpAsAsked() {
    if (m_options.showHelp == QLatin1String("guide"))
        showUserGuide();
    else if (m_options.showHelp == QLatin1String("shortcuts"))
        showShortcuts();
    else if (m_options.showHelp == QLatin1String("welcome"))
        showWelcome();
    else if (welcomeDue(m_options)) {
        QSettings().setValue(kWelcomeShown, true);  // once: Help > Welcome brings it back
        showWelcome();
    }
}

void MainWindow::refreshRecentRuns() {
    // Later, not now: this may run from one of these actions' own triggered().
    for (auto* old : m_recentMenu->actions()) {
        m_recentMenu->removeAction(old);
        old->deleteLater();
    }
    const auto paths = recent_runs::list();
    int n = 0;
    for (const auto& path : paths) {
        ++n;
        auto* action =
            m_recentMenu->addAction(QStringLiteral("&%1 %2").arg(n).arg(QFileInfo(path).fileName()),
                                    this, [this, path] { openRecentRun(path); });
        action->setStatusTip(path);
        action->setToolTip(path);
    }
    if (paths.isEmpty())
        m_recentMenu->addAction(tr("No runs saved or opened yet"))->setEnabled(false);
}

void MainWindow::rememberRun(const QString& path) {
    recent_runs::add(path);
    refreshRecentRuns();
}

void MainWindow::openRecentRun(const QString& path) {
    if (!QFileInfo::exists(path)) {
        recent_runs::remove(path);
        refreshRecentRuns();
        statusBar()->showMessage(tr("%1 is no longer there: removed from Recent runs").arg(path),
                                 10'000);
        return;
    }
    openTraceFile(path);
}

}  // namespace interleave::ui
