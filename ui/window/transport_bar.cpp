#include "ui/window/transport_bar.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QSignalBlocker>
#include <QSlider>
#include <QStyle>
#include <algorithm>
#include <cmath>

#include "ui/base/palette.h"

namespace interleave::ui {
namespace {

// 0.05x .. 4x for a run's simulated work, 0.1x .. 10x for playing a finished one, in 200
// logarithmic steps.
constexpr int kSpeedSteps = 200;
constexpr double kRunMin = kMinSpeed, kRunMax = kMaxSpeed, kPlayMin = 0.1, kPlayMax = 10.0;
constexpr int kScrubSteps = 10000;

}  // namespace

TransportBar::TransportBar(QWidget* parent) : QToolBar(tr("Transport"), parent) {
    setObjectName(QStringLiteral("transport"));
    setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_run = addAction(Palette::icon(QStyle::SP_MediaPlay), tr("Run"));
    m_run->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    m_run->setToolTip(tr("Start the scenario with these parameters (Ctrl+R)"));
    m_pause = addAction(Palette::icon(QStyle::SP_MediaPause), tr("Pause"));
    m_pause->setShortcut(QKeySequence(Qt::Key_Space));
    m_pause->setToolTip(tr("Pause or resume every thread and process of the run (Space)"));
    m_step = addAction(Palette::icon(QStyle::SP_MediaSkipForward), tr("Step"));
    m_step->setShortcut(QKeySequence(Qt::Key_Right));
    m_step->setToolTip(tr("Let exactly one synchronisation step happen (Right arrow)"));
    m_stop = addAction(Palette::icon(QStyle::SP_MediaStop), tr("Stop"));
    m_stop->setShortcut(QKeySequence(Qt::Key_Escape));
    m_stop->setToolTip(tr("End the run now, even when it is deadlocked (Esc)"));
    addSeparator();
    addWidget(new QLabel(tr(" Speed "), this));
    m_speed = new QSlider(Qt::Horizontal, this);
    m_speed->setRange(0, kSpeedSteps);
    m_speed->setFixedWidth(180);
    m_speed->setToolTip(tr("Simulated work runs at this speed: 0.05x (slow motion) to 4x"));
    m_speedLabel = new QLabel(this);
    m_speedLabel->setMinimumWidth(60);
    addWidget(m_speed);
    addWidget(m_speedLabel);
    auto shown = [this] { m_speedLabel->setText(QStringLiteral("%1x").arg(speed(), 0, 'g', 2)); };
    connect(m_speed, &QSlider::valueChanged, this, [this, shown] {
        shown();
        emit speedChanged(speed());
    });
    shown();
    addSeparator();
    m_live = addAction(tr("Live"));
    m_live->setCheckable(true);
    m_live->setChecked(true);
    m_live->setToolTip(
        tr("Follow the run as it happens; click the timeline to look at one moment"));
    // A finished run: anywhere in it, by dragging.
    m_scrub = new QSlider(Qt::Horizontal, this);
    m_scrub->setRange(0, kScrubSteps);
    m_scrub->setMinimumWidth(160);
    m_scrub->setToolTip(tr("Drag to any moment of the run (Left and Right step event by event)"));
    m_scrubAction = addWidget(m_scrub);
    m_scrubAction->setVisible(false);
    connect(m_scrub, &QSlider::valueChanged, this,
            [this](int v) { emit scrubbed(static_cast<double>(v) / kScrubSteps); });
    m_stepActor = new QComboBox(this);
    m_stepActor->setToolTip(
        tr("Next event and Previous (Right, Left) step through this "
           "thread's or process's events only"));
    m_stepKind = new QComboBox(this);
    m_stepKind->setToolTip(
        tr("Next event and Previous (Right, Left) stop only at events of "
           "this kind"));
    m_replayOnly.push_back(addWidget(new QLabel(tr(" Step through "), this)));
    for (auto* box : {m_stepActor, m_stepKind}) {
        box->setSizeAdjustPolicy(QComboBox::AdjustToContents);
        box->setFocusPolicy(Qt::ClickFocus);  // arrows keep stepping, not changing the choice
        m_replayOnly.push_back(addWidget(box));
    }
    setStepChoices({}, {});
    for (auto* a : m_replayOnly)
        a->setVisible(false);
}

void TransportBar::setStepChoices(const std::vector<std::pair<std::uint32_t, QString>>& actors,
                                  const std::vector<EventKind>& kinds) {
    // The choice stays when the new run has it too (a replay of the same scenario).
    const auto actor = m_stepActor->currentData();
    const auto kind = m_stepKind->currentData();
    m_stepActor->clear();
    m_stepActor->addItem(tr("every thread"));
    for (const auto& [id, name] : actors)
        m_stepActor->addItem(name, id);
    m_stepKind->clear();
    m_stepKind->addItem(tr("every event"));
    for (const auto k : kinds)
        m_stepKind->addItem(
            QString::fromLatin1(kindInfo(k).name.data(), static_cast<int>(kindInfo(k).name.size()))
                .replace(QLatin1Char('_'), QLatin1Char(' ')),
            static_cast<int>(k));
    m_stepActor->setCurrentIndex(std::max(0, m_stepActor->findData(actor)));
    m_stepKind->setCurrentIndex(std::max(0, m_stepKind->findData(kind)));
}

std::optional<std::uint32_t> TransportBar::stepActor() const {
    const auto d = m_stepActor->currentData();
    if (!d.isValid()) return std::nullopt;
    return d.toUInt();
}

std::optional<EventKind> TransportBar::stepKind() const {
    const auto d = m_stepKind->currentData();
    if (!d.isValid()) return std::nullopt;
    return static_cast<EventKind>(d.toInt());
}

bool TransportBar::scrubShown() const {
    return m_scrubAction->isVisible();
}

void TransportBar::setScrubPosition(double fraction) {
    const QSignalBlocker quiet(m_scrub);  // a position shown, not one asked for
    m_scrub->setValue(static_cast<int>(std::lround(std::clamp(fraction, 0.0, 1.0) * kScrubSteps)));
}

void TransportBar::setSpeedRange(double lowest, double highest) {
    if (lowest == m_min && highest == m_max) return;
    const double now = std::clamp(speed(), lowest, highest);
    m_min = lowest;
    m_max = highest;
    m_speed->setToolTip(m_max > kRunMax
                            ? tr("The run plays at this speed: 0.1x (slow motion) to 10x")
                            : tr("Simulated work runs at this speed: 0.05x (slow motion) to 4x"));
    setSpeed(now);
}

double TransportBar::speed() const {
    // The speed the label shows (two significant digits), so a run saved at "1x" says 1, not
    // the 1.0233 of the slider step nearest to it.
    const double raw =
        m_min * std::pow(m_max / m_min, static_cast<double>(m_speed->value()) / kSpeedSteps);
    const double scale = std::pow(10.0, 1.0 - std::floor(std::log10(raw)));
    return std::round(raw * scale) / scale;
}

void TransportBar::setSpeed(double s) {
    s = std::clamp(s, m_min, m_max);
    m_speed->setValue(
        static_cast<int>(std::lround(std::log(s / m_min) / std::log(m_max / m_min) * kSpeedSteps)));
}

void TransportBar::applyTheme() {
    m_run->setIcon(Palette::icon(QStyle::SP_MediaPlay));
    m_step->setIcon(Palette::icon(QStyle::SP_MediaSkipForward));
    m_stop->setIcon(Palette::icon(QStyle::SP_MediaStop));
    const bool playNext = m_pause->text() == tr("Resume") || m_pause->text() == tr("Play");
    m_pause->setIcon(Palette::icon(playNext ? QStyle::SP_MediaPlay : QStyle::SP_MediaPause));
}

void TransportBar::showRunState(bool active, bool paused) {
    setSpeedRange(kRunMin, kRunMax);
    m_scrubAction->setVisible(false);
    for (auto* a : m_replayOnly)
        a->setVisible(false);
    m_live->setVisible(true);
    m_pause->setEnabled(active);
    m_step->setEnabled(active);
    m_stop->setEnabled(active);
    m_pause->setText(paused ? tr("Resume") : tr("Pause"));
    m_pause->setIcon(Palette::icon(paused ? QStyle::SP_MediaPlay : QStyle::SP_MediaPause));
    m_run->setText(active ? tr("Restart") : tr("Run"));
    m_step->setText(tr("Step"));
}

void TransportBar::showReplayState(bool playing) {
    setSpeedRange(kPlayMin, kPlayMax);
    m_scrubAction->setVisible(true);
    for (auto* a : m_replayOnly)
        a->setVisible(true);
    m_live->setVisible(false);  // a finished run has no "now" to follow
    m_pause->setEnabled(true);
    m_step->setEnabled(true);
    m_stop->setEnabled(false);
    m_pause->setText(playing ? tr("Pause") : tr("Play"));
    m_pause->setIcon(Palette::icon(playing ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
    m_step->setText(tr("Next event"));
    m_run->setText(tr("Run"));
}

}  // namespace interleave::ui
