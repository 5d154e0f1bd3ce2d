#include "ui/window/status_line.h"

#include <QLabel>
#include <QPainter>
#include <QStatusBar>
#include <algorithm>

#include "ui/base/palette.h"
#include "ui/session/run_session.h"

namespace interleave::ui {
namespace {

// The state sentence, cut with "…" where the window is too narrow for it (a 1280x720 projector
// with a deadlock named) rather than running under the numbers beside it; the whole sentence
// is its tool tip.
class ElidedLabel : public QLabel {
  public:
    using QLabel::QLabel;

  protected:
    void paintEvent(QPaintEvent*) override {
        QPainter p(this);
        p.setPen(palette().color(QPalette::WindowText));
        const QRect r = contentsRect();
        p.drawText(r, Qt::AlignLeft | Qt::AlignVCenter,
                   fontMetrics().elidedText(text(), Qt::ElideRight, r.width()));
    }
};

}  // namespace

StatusLine::StatusLine(QStatusBar* bar, QObject* parent)
    : QObject(parent),
      m_state(new ElidedLabel(bar)),
      m_elapsed(new QLabel(bar)),
      m_events(new QLabel(bar)),
      m_rate(new QLabel(bar)),
      m_dropped(new QLabel(bar)) {
    // It takes the room the numbers leave, never more.
    m_state->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_state->setMinimumWidth(0);
    bar->addWidget(m_state, 1);
    for (auto* l : {m_elapsed, m_events, m_rate, m_dropped})
        bar->addPermanentWidget(l);
    m_clock.start();
}

QString StatusLine::state() const {
    return m_state->text();
}

void StatusLine::show(const RunSession& session, const QString& state) {
    const auto* store = session.store();
    const std::uint64_t events = store ? store->size() : 0;
    const double dt = std::max<double>(1, m_clock.restart()) / 1000.0;
    const double rate = static_cast<double>(events - std::min(events, m_eventsBefore)) / dt;
    m_eventsBefore = events;
    // On the clock of the time axis and the captions; the pauses in it are said, not left out.
    const double paused = session.pausedSeconds();
    m_elapsed->setText(paused >= 0.05
                           ? tr("elapsed %1 s (%2 s of it paused)")
                                 .arg(session.elapsedSeconds(), 0, 'f', 1)
                                 .arg(paused, 0, 'f', 1)
                           : tr("elapsed %1 s").arg(session.elapsedSeconds(), 0, 'f', 1));
    m_events->setText(tr("%1 events").arg(events));
    m_rate->setText(tr("%1 events/s").arg(session.active() ? rate : 0.0, 0, 'f', 0));
    const auto dropped = session.dropped();
    const auto waits = store ? store->losses().ringWaits : 0;
    m_dropped->setText(waits && !dropped
                           ? tr("0 lost (the recorder made threads wait %1 times)").arg(waits)
                           : tr("%1 lost").arg(dropped));
    // Never hidden, and loud when non-zero: a trace with holes must not pass for a whole one.
    m_dropped->setStyleSheet(dropped ? Palette::warningStyle(true) : QString());
    m_state->setText(state);
    m_state->setToolTip(state);
}

}  // namespace interleave::ui
