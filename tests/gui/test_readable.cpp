// Readable in every theme (issue 26, section 4): high contrast is its own palette, with WCAG AAA
// text and 3:1 between the fills a lane goes between; the tool bar's icons show on dark bars;
// the theme menu says which theme is on.

#include <gtest/gtest.h>

#include <QAction>
#include <QApplication>
#include <QImage>
#include <QLabel>
#include <QMenuBar>
#include <QSettings>
#include <QStatusBar>
#include <QTest>
#include <cmath>
#include <memory>
#include <set>

#include "core/scenarios/scenario.h"
#include "ui/base/palette.h"
#include "ui/charts/distribution_view.h"
#include "ui/window/main_window.h"
#include "ui/window/parameter_panel.h"
#include "ui/window/scenario_picker.h"
#include "ui/window/transport_bar.h"
#include "wait_for.h"

using namespace interleave;
using namespace interleave::ui;

namespace {

// WCAG 2.x relative luminance and contrast ratio.
double luminance(const QColor& c) {
    auto channel = [](double v) {
        return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}
double contrast(const QColor& a, const QColor& b) {
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}
QColor over(const QColor& veil, const QColor& under) {
    const double a = veil.alphaF();
    return QColor::fromRgbF(static_cast<float>(veil.redF() * a + under.redF() * (1 - a)),
                            static_cast<float>(veil.greenF() * a + under.greenF() * (1 - a)),
                            static_cast<float>(veil.blueF() * a + under.blueF() * (1 - a)));
}
// The average colour of an icon's visible pixels, drawn over `background`.
QColor iconInk(const QIcon& icon, const QColor& background) {
    const QImage image = icon.pixmap(24, 24).toImage().convertToFormat(QImage::Format_ARGB32);
    double r = 0, g = 0, b = 0, weight = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            if (c.alphaF() < 0.5) continue;
            const QColor shown = over(c, background);
            r += shown.redF();
            g += shown.greenF();
            b += shown.blueF();
            weight += 1;
        }
    if (weight == 0) return background;
    return QColor::fromRgbF(static_cast<float>(r / weight), static_cast<float>(g / weight),
                            static_cast<float>(b / weight));
}

// A lane changes between doing something and waiting for something: those fills meet.
constexpr ActorState kDoing[] = {ActorState::Running, ActorState::Working, ActorState::Spinning};
constexpr ActorState kWaiting[] = {
    ActorState::BlockedOnLock, ActorState::WaitingOnCondition, ActorState::WaitingOnSemaphore,
    ActorState::WaitingJoin,   ActorState::CaptureWait,        ActorState::WaitingOnIpc,
    ActorState::Zombie,        ActorState::WaitingForGil,      ActorState::WaitingForTurn};

}  // namespace

// High contrast is WCAG AAA: 7:1 for text on its background (every palette role and the
// timeline's own text), 3:1 for each fill against the background, 3:1 between fills that meet
// on a lane, and a paused stretch darker by 3:1 than what it covers (it read as working before).
// And it is not the dark theme with another name: no fill is the same.
TEST(Palette, HighContrastIsAaaForTextAndThreeToOneBetweenNeighbouringStates) {
    Palette::apply(Theme::HighContrast, *qApp);
    const QPalette p = QApplication::palette();
    const std::pair<QPalette::ColorRole, QPalette::ColorRole> pairs[] = {
        {QPalette::WindowText, QPalette::Window},
        {QPalette::Text, QPalette::Base},
        {QPalette::ButtonText, QPalette::Button},
        {QPalette::HighlightedText, QPalette::Highlight},
        {QPalette::ToolTipText, QPalette::ToolTipBase},
        {QPalette::PlaceholderText, QPalette::Base},
        {QPalette::Link, QPalette::Base},
        {QPalette::Text, QPalette::AlternateBase}};
    for (const auto& [fg, bg] : pairs)
        EXPECT_GE(contrast(p.color(fg), p.color(bg)), 7.0) << fg << " on " << bg;
    EXPECT_GE(contrast(Palette::text(), Palette::background()), 7.0);
    EXPECT_GE(contrast(Palette::labelInk(), Palette::labelBox()), 7.0);
    for (int s = 0; s < kActorStateCount; ++s) {
        if (static_cast<ActorState>(s) == ActorState::Exited) continue;
        const auto& style = Palette::state(static_cast<ActorState>(s));
        EXPECT_GE(contrast(style.color, Palette::background()), 3.0) << style.label.toStdString();
    }
    for (const auto doing : kDoing)
        for (const auto waiting : kWaiting)
            EXPECT_GE(contrast(Palette::state(doing).color, Palette::state(waiting).color), 3.0)
                << Palette::state(doing).label.toStdString() << " next to "
                << Palette::state(waiting).label.toStdString();
    for (const auto doing : kDoing) {
        const QColor fill = Palette::state(doing).color;
        EXPECT_GE(contrast(over(Palette::pausedVeil(), fill), fill), 3.0)
            << "paused over " << Palette::state(doing).label.toStdString();
    }
    std::vector<QColor> highContrast;
    for (int s = 0; s < kActorStateCount; ++s)
        highContrast.push_back(Palette::state(static_cast<ActorState>(s)).color);
    Palette::apply(Theme::Dark, *qApp);
    int same = 0;
    for (int s = 0; s < kActorStateCount; ++s)
        if (static_cast<ActorState>(s) != ActorState::Exited &&
            Palette::state(static_cast<ActorState>(s)).color == highContrast[s])
            ++same;
    EXPECT_EQ(same, 0) << "high contrast has fills of its own";
    Palette::apply(Theme::Light, *qApp);
}

// The charts' series colours (one definition, ui/base/palette) keep 3:1 on the chart's background
// in both dark themes; the dark Okabe-Ito blue did not (2.8:1 on the dark theme).
TEST(Palette, ChartSeriesStandOutOnTheDarkThemes) {
    for (const auto theme : {Theme::Dark, Theme::HighContrast}) {
        Palette::apply(theme, *qApp);
        for (std::size_t i = 0; i < Palette::kSeriesCount; ++i)
            EXPECT_GE(contrast(Palette::series(i), Palette::background()), 3.0)
                << Palette::themeName(theme).toStdString() << " series " << i;
        EXPECT_GE(contrast(Palette::baselineSeries(), Palette::background()), 3.0);
        std::set<QRgb> distinct;
        for (std::size_t i = 0; i < Palette::kSeriesCount; ++i)
            distinct.insert(Palette::series(i).rgb());
        EXPECT_EQ(distinct.size(), Palette::kSeriesCount);
    }
    Palette::apply(Theme::Light, *qApp);
}

// On both dark themes the transport's icons are light on the dark bar (they were dark grey on
// it), and the View menu checks the theme that is on.
TEST(MainWindowOffscreen, IconsShowOnDarkBarsAndTheThemeMenuChecksTheThemeOn) {
    LaunchOptions options;
    options.scenario = QStringLiteral("deadlock");
    for (const auto theme : {Theme::Dark, Theme::HighContrast, Theme::Light}) {
        options.theme = theme;
        MainWindow window(options);
        auto* bar = window.findChild<TransportBar*>();
        ASSERT_NE(bar, nullptr);
        const QColor barColor = QApplication::palette().color(QPalette::Window);
        for (auto* action :
             {bar->runAction(), bar->stepAction(), bar->stopAction(), bar->pauseAction()})
            EXPECT_GE(contrast(iconInk(action->icon(), barColor), barColor), 3.0)
                << Palette::themeName(theme).toStdString() << ": " << action->text().toStdString();
        int checked = 0;
        for (auto* action : window.menuBar()->findChildren<QAction*>()) {
            if (!action->text().endsWith(QStringLiteral(" theme"))) continue;
            if (!action->isChecked()) continue;
            ++checked;
            EXPECT_EQ(action->text(), QStringLiteral("%1 theme").arg(Palette::themeName(theme)));
        }
        EXPECT_EQ(checked, 1) << Palette::themeName(theme).toStdString();
    }
    QSettings().setValue(QStringLiteral("view/theme"), static_cast<int>(Theme::Light));
}

namespace {
QStringList g_messages;
void keepMessage(QtMsgType, const QMessageLogContext&, const QString& message) {
    g_messages << message;
}
}  // namespace

// A window prints nothing from its charts, from its start through a video frame to its end: a
// video's frames printed a dozen of QCustomPlot's "paint buffer returned inactive painter" lines
// (the hidden measurement charts, resized by the frame's render before they were ever drawn).
TEST(MainWindowOffscreen, AWindowAndItsVideoFramesPrintNoPainterWarnings) {
    for (const auto* scenario : {"deadlock", "ipc-compare"}) {
        g_messages.clear();
        const auto previous = qInstallMessageHandler(keepMessage);
        {
            LaunchOptions options;
            options.scenario = QString::fromLatin1(scenario);
            options.run = true;
            MainWindow window(options);
            window.setAttribute(Qt::WA_DontShowOnScreen);
            window.resize(1280, 720);
            window.show();
            QTest::qWait(800);
            window.stopRun();
            window.layOutForVideo(false);
            window.resize(1280, 680);
            QCoreApplication::sendPostedEvents();
            QImage frame(1280, 680, QImage::Format_RGB32);
            window.render(&frame);
            window.close();
        }
        QTest::qWait(50);
        qInstallMessageHandler(previous);
        QStringList painter;
        for (const auto& m : g_messages)
            if (m.contains(QStringLiteral("painter"), Qt::CaseInsensitive)) painter << m;
        EXPECT_TRUE(painter.isEmpty()) << scenario << ": " << painter.join(u'\n').toStdString();
    }
}

// The box plots' log axis has at least three ticks whatever the span (one or two before, for
// most runs, which span less than two decades), never a crowd; and the series' names break into
// short lines, so that ipc-compare's two shared-memory names no longer run into each other.
TEST(DistributionView, AtLeastThreeLogTicksAndNamesInShortLines) {
    const std::pair<double, double> spans[] = {
        {6.0 / 1.6, 14 * 1.6}, {7.9 / 1.6, 16 * 1.6}, {4.1 / 1.6, 4.3 * 1.6}, {0.3, 900}, {2, 2e6}};
    for (const auto& [low, high] : spans) {
        const auto ticks = DistributionView::logTicks(low, high);
        EXPECT_GE(ticks.size(), 3u) << low << " .. " << high;
        EXPECT_LE(ticks.size(), 9u) << low << " .. " << high;
        for (const double t : ticks) {
            EXPECT_GE(t, low);
            EXPECT_LE(t, high);
            EXPECT_LE(QString::number(t, 'g', 6).size(), 7) << t;  // 0.3, 20, 1.5e+06
        }
    }
    EXPECT_EQ(DistributionView::wrapName(QStringLiteral("threads: shared memory")),
              QStringLiteral("threads:\nshared\nmemory"));
    EXPECT_EQ(DistributionView::wrapName(QStringLiteral("shared memory")),
              QStringLiteral("shared\nmemory"));
    EXPECT_EQ(DistributionView::wrapName(QStringLiteral("pipe")), QStringLiteral("pipe"));
    EXPECT_EQ(DistributionView::wrapName(QStringLiteral("UNIX socket")),
              QStringLiteral("UNIX\nsocket"));
}

// At 1280x720 the status line's sentence (scheduling by hand, the longest) ends before the run's
// numbers begin, cut with "…" and whole in its tool tip, rather than running under them.
TEST(MainWindowOffscreen, TheStatusSentenceNeverRunsIntoTheNumbersAt1280x720) {
    LaunchOptions options;
    options.scenario = QStringLiteral("race-condition");
    options.byHand = true;
    options.run = true;
    MainWindow window(options);
    window.resize(1280, 720);
    window.show();
    ASSERT_TRUE(interleave::test::waitFor(
        [&] { return window.stateLine().contains(QStringLiteral("by hand")); }));

    window.statusBar()->showMessage(QString());
    QTest::qWait(50);
    QLabel* state = nullptr;
    std::vector<QLabel*> numbers;
    for (auto* label : window.statusBar()->findChildren<QLabel*>()) {
        if (!label->isVisible()) continue;
        if (label->text() == window.stateLine())
            state = label;
        else
            numbers.push_back(label);
    }
    ASSERT_NE(state, nullptr);
    ASSERT_FALSE(numbers.empty());
    EXPECT_GT(QFontMetrics(state->font()).horizontalAdvance(state->text()), 0);
    for (const auto* n : numbers) {
        EXPECT_LE(state->geometry().right(), n->geometry().left()) << n->text().toStdString();
        EXPECT_LE(n->geometry().right(), window.statusBar()->width()) << n->text().toStdString();
        // Each number has the room its text needs (they were squeezed to 8 px, over each other).
        EXPECT_GE(n->width(), QFontMetrics(n->font()).horizontalAdvance(n->text()))
            << n->text().toStdString();
    }
    EXPECT_EQ(state->toolTip(), window.stateLine());
    window.stopRun();
}

// At 1280x720 every parameter's help is shown whole in every scenario: each help label is as
// tall as its wrapped text needs at its width (about five scenarios cut the last line off).
TEST(MainWindowOffscreen, EveryParametersHelpIsWholeAt1280x720) {
    QSettings().setValue(QStringLiteral("view/fontScale"), 1.0);
    LaunchOptions options;
    options.theme = Theme::Light;
    MainWindow window(options);
    window.resize(1280, 720);
    window.show();
    auto* panel = window.findChild<ParameterPanel*>();
    ASSERT_NE(panel, nullptr);
    QStringList clipped;
    for (const auto& s : allScenarios()) {
        window.findChild<ScenarioPicker*>()->select(QString::fromStdString(s.name));
        QTest::qWait(30);
        for (auto* label : panel->findChildren<QLabel*>()) {
            if (!label->isVisible() || !label->wordWrap() || label->text().isEmpty()) continue;
            const int needed = label->heightForWidth(label->width());
            if (label->height() < needed)
                clipped << QStringLiteral("%1: %2 (%3 of %4 px)")
                               .arg(QString::fromStdString(s.name), label->text().left(30))
                               .arg(label->height())
                               .arg(needed);
        }
    }
    EXPECT_TRUE(clipped.isEmpty()) << clipped.join(u'\n').toStdString();
}
