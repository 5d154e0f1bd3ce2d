#include "ui/transport_bar.h"

#include <QAction>
#include <QLabel>
#include <QSlider>
#include <QStyle>
#include <cmath>

namespace interleave::ui {
namespace {

// 0.05x .. 4x in 200 steps, 1x in the middle-ish.
constexpr int kSpeedSteps = 200;
constexpr double kMinSpeed = 0.05, kMaxSpeed = 4.0;

}  // namespace

TransportBar::TransportBar(QWidget* parent) : QToolBar(tr("Transport"), parent) {
    setObjectName(QStringLiteral("transport"));
    setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_run = addAction(style()->standardIcon(QStyle::SP_MediaPlay), tr("Run"));
    m_run->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    m_run->setToolTip(tr("Start the scenario with these parameters (Ctrl+R)"));
    m_pause = addAction(style()->standardIcon(QStyle::SP_MediaPause), tr("Pause"));
    m_pause->setShortcut(QKeySequence(Qt::Key_Space));
    m_pause->setToolTip(tr("Pause or resume every thread and process of the run (Space)"));
    m_step = addAction(style()->standardIcon(QStyle::SP_MediaSkipForward), tr("Step"));
    m_step->setShortcut(QKeySequence(Qt::Key_Right));
    m_step->setToolTip(tr("Let exactly one synchronisation step happen (Right arrow)"));
    m_stop = addAction(style()->standardIcon(QStyle::SP_MediaStop), tr("Stop"));
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
}

double TransportBar::speed() const {
    return kMinSpeed *
           std::pow(kMaxSpeed / kMinSpeed, static_cast<double>(m_speed->value()) / kSpeedSteps);
}

void TransportBar::setSpeed(double s) {
    m_speed->setValue(static_cast<int>(
        std::lround(std::log(s / kMinSpeed) / std::log(kMaxSpeed / kMinSpeed) * kSpeedSteps)));
}

void TransportBar::showRunState(bool active, bool paused) {
    m_pause->setEnabled(active);
    m_step->setEnabled(active);
    m_stop->setEnabled(active);
    m_pause->setText(paused ? tr("Resume") : tr("Pause"));
    m_pause->setIcon(style()->standardIcon(paused ? QStyle::SP_MediaPlay : QStyle::SP_MediaPause));
    m_run->setText(active ? tr("Restart") : tr("Run"));
    m_step->setText(tr("Step"));
}

void TransportBar::showReplayState(bool playing) {
    m_pause->setEnabled(true);
    m_step->setEnabled(true);
    m_stop->setEnabled(false);
    m_pause->setText(playing ? tr("Pause") : tr("Play"));
    m_pause->setIcon(style()->standardIcon(playing ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
    m_step->setText(tr("Next event"));
    m_run->setText(tr("Run"));
}

}  // namespace interleave::ui
