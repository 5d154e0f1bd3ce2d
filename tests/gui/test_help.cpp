// Help inside the window: the bundled user guide with its screenshots, the sheet of every key
// (and `?`, which a text field still types), the welcome of a first start, File > Recent runs
// and the name Save suggests.

#include <gtest/gtest.h>

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QImageReader>
#include <QLineEdit>
#include <QMenu>
#include <QSettings>
#include <QShortcut>
#include <QSpinBox>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextDocument>

#include "short_run.h"
#include "ui/timeline/timeline_view.h"
#include "ui/window/help_dialogs.h"
#include "ui/window/main_window.h"
#include "ui/window/recent_runs.h"
#include "wait_for.h"

using namespace interleave;
using namespace interleave::ui;
using interleave::test::runToTheEnd;
using interleave::test::shortRace;
using interleave::test::waitFor;

namespace {

template <class Dialog>
Dialog* shown(const MainWindow& window) {
    for (auto* d : window.findChildren<Dialog*>())
        if (d->isVisible()) return d;
    return nullptr;
}

// The images of the guide's document: their names and the width each is laid out at.
std::vector<std::pair<QString, double>> images(const QTextDocument* doc) {
    std::vector<std::pair<QString, double>> found;
    for (auto block = doc->begin(); block.isValid(); block = block.next())
        for (auto it = block.begin(); !it.atEnd(); ++it)
            if (const auto f = it.fragment().charFormat(); f.isImageFormat())
                found.emplace_back(f.toImageFormat().name(), f.toImageFormat().width());
    return found;
}

}  // namespace

TEST(Help, TheUserGuideOpensInsideTheWindowWithItsScreenshots) {
    MainWindow window{LaunchOptions{}};
    window.show();
    window.showUserGuide();
    GuideDialog* guide = nullptr;
    ASSERT_TRUE(waitFor([&] { return (guide = shown<GuideDialog>(window)) != nullptr; }));
    EXPECT_TRUE(
        guide->browser()->toPlainText().startsWith(QStringLiteral("Interleave user guide")));
    EXPECT_TRUE(guide->browser()->toPlainText().contains(QStringLiteral("Saving and replaying")));
    const auto pictures = images(guide->browser()->document());
    ASSERT_GE(pictures.size(), 20u) << "the guide's screenshots are in it";
    for (const auto& [name, width] : pictures)
        EXPECT_TRUE(QImageReader(QStringLiteral(":/guide/") + name).canRead())
            << name.toStdString() << " is bundled, at the path the guide gives";
    // Every picture fits the page, whatever the dialog's width.
    guide->resize(700, 600);
    EXPECT_TRUE(waitFor([&] {
        const auto room = guide->browser()->viewport()->width();
        for (const auto& [name, width] : images(guide->browser()->document()))
            if (width <= 0 || width > room) return false;
        return true;
    }));
    // Esc closes the guide, and only the guide.
    QTest::keyClick(guide->browser(), Qt::Key_Escape);
    EXPECT_TRUE(waitFor([&] { return shown<GuideDialog>(window) == nullptr; }));
    EXPECT_TRUE(window.isVisible());
}

TEST(Help, TheKeySheetListsEveryKeyTheWindowDefines) {
    MainWindow window{LaunchOptions{}};
    window.show();
    window.showShortcuts();
    ShortcutSheet* sheet = nullptr;
    ASSERT_TRUE(waitFor([&] { return (sheet = shown<ShortcutSheet>(window)) != nullptr; }));
    const auto text = sheet->text();
    int keys = 0;
    const auto listed = [&](const QKeySequence& key) {
        ++keys;
        const auto name = key.toString(QKeySequence::NativeText);
        EXPECT_TRUE(text.contains(name)) << name.toStdString() << " is not on the sheet\n"
                                         << text.toStdString();
    };
    for (const auto* action : window.findChildren<QAction*>())
        for (const auto& key : action->shortcuts())
            listed(key);
    for (const auto* shortcut : window.findChildren<QShortcut*>())
        for (const auto& key : shortcut->keys())
            listed(key);
    EXPECT_GE(keys, 20);
    for (const char* row : {"Space", "Ctrl+R", "F5", "Esc", "?", "Keyboard shortcuts"})
        EXPECT_TRUE(text.contains(QString::fromLatin1(row))) << row;
    for (const auto& [key, what] : ShortcutSheet::collect(&window))
        EXPECT_FALSE(what.isEmpty()) << key.toStdString() << " says what it does";
}

TEST(Help, QuestionMarkOpensTheSheetExceptInATextField) {
    MainWindow window{LaunchOptions{}};
    auto* field = new QLineEdit(window.timelineView());
    window.show();
    window.activateWindow();
    ASSERT_TRUE(QTest::qWaitForWindowActive(&window));
    // Typed into a field, ? is text: a shortcut fires synchronously, so none has by now.
    field->setFocus();
    QTest::keyClick(field, '?');
    EXPECT_EQ(field->text(), QStringLiteral("?"));
    auto* spin = window.findChild<QSpinBox*>();
    ASSERT_NE(spin, nullptr);
    spin->setFocus();
    QTest::keyClick(spin, '?');
    EXPECT_EQ(shown<ShortcutSheet>(window), nullptr) << "? in a field opened the sheet";
    // Anywhere else in the window, ? opens the sheet.
    window.timelineView()->setFocus();
    QTest::keyClick(window.timelineView(), '?');
    EXPECT_TRUE(waitFor([&] { return shown<ShortcutSheet>(window) != nullptr; }));
}

TEST(Help, TheWelcomeShowsOnceOnAPlainStartOnly) {
    QSettings().remove(QStringLiteral("help/welcomeShown"));
    EXPECT_FALSE(MainWindow::welcomeDue(LaunchOptions{})) << "tests and tools never greet";
    LaunchOptions plain;
    plain.welcome = true;
    ASSERT_TRUE(MainWindow::welcomeDue(plain));
    {
        MainWindow window(plain);
        window.show();
        WelcomeDialog* welcome = nullptr;
        ASSERT_TRUE(waitFor([&] { return (welcome = shown<WelcomeDialog>(window)) != nullptr; }));
        const auto text = welcome->text();
        for (const char* s : {"hello-threads-and-processes", "race-condition", "Ctrl+R", "Space",
                              "F5", "presenter mode"})
            EXPECT_TRUE(text.contains(QString::fromLatin1(s))) << s << "\n" << text.toStdString();
    }
    EXPECT_FALSE(MainWindow::welcomeDue(plain)) << "once, and never again unless asked";
}

TEST(Help, SaveSuggestsTheScenarioAndTheDateInTheDocumentsFolder) {
    const QDateTime when(QDate(2026, 12, 7), QTime(10, 41, 30));
    EXPECT_EQ(recent_runs::suggestedPath(QStringLiteral("race-condition"), when,
                                         QStringLiteral("/home/ada/Documents")),
              QStringLiteral("/home/ada/Documents/race-condition 2026-12-07 10-41.ilt"));
    EXPECT_EQ(recent_runs::suggestedPath({}, when, QStringLiteral("/tmp")),
              QStringLiteral("/tmp/run 2026-12-07 10-41.ilt"));
}

TEST(Help, RecentRunsKeepTheLastEightNewestFirst) {
    QSettings().remove(QStringLiteral("files/recentRuns"));
    for (int i = 0; i < 10; ++i)
        recent_runs::add(QStringLiteral("/tmp/run%1.ilt").arg(i));
    recent_runs::add(QStringLiteral("/tmp/run5.ilt"));
    const auto paths = recent_runs::list();
    ASSERT_EQ(paths.size(), recent_runs::kMaxRuns);
    EXPECT_EQ(paths.front(), QStringLiteral("/tmp/run5.ilt")) << "opened again: on top, once";
    EXPECT_EQ(paths.count(QStringLiteral("/tmp/run5.ilt")), 1);
    EXPECT_FALSE(paths.contains(QStringLiteral("/tmp/run0.ilt"))) << "the oldest dropped";
}

TEST(Help, ARecentRunOpensAndAMissingOneIsRemovedWithAMessage) {
    QSettings().remove(QStringLiteral("files/recentRuns"));
    QTemporaryDir dir;
    const auto path = dir.filePath(QStringLiteral("race.ilt"));
    {
        MainWindow window(shortRace());
        window.show();
        ASSERT_TRUE(runToTheEnd(window));
        ASSERT_EQ(window.session()->saveTrace(path), QString());
    }
    MainWindow window{LaunchOptions{}};
    window.show();
    const auto entry = [&]() -> QAction* {
        for (auto* a : window.recentMenu()->actions())
            if (a->text().endsWith(QStringLiteral("race.ilt"))) return a;
        return nullptr;
    };
    ASSERT_EQ(entry(), nullptr);
    ASSERT_EQ(window.loadReplay(path), QString());
    ASSERT_NE(entry(), nullptr) << "an opened run is in File > Recent runs";
    EXPECT_EQ(recent_runs::list().value(0), QFileInfo(path).absoluteFilePath());
    // From the menu it opens again; once the file is gone, it leaves the menu with a word why.
    entry()->trigger();
    EXPECT_TRUE(window.session()->isReplay());
    ASSERT_TRUE(QFile::remove(path));
    entry()->trigger();
    EXPECT_EQ(entry(), nullptr);
    EXPECT_FALSE(recent_runs::list().contains(QFileInfo(path).absoluteFilePath()));
    EXPECT_TRUE(window.statusBar()->currentMessage().contains(QStringLiteral("no longer there")));
}
