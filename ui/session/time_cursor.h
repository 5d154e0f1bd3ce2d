#pragma once
// The one time cursor every view observes. Live: it follows "now" of the run. Fixed: it stays
// at a chosen time (pause-and-look, scrubbing, replay of a saved trace): views show the state
// at that time, so live and replay are one code path.

#include <QObject>
#include <cstdint>

namespace interleave::ui {

class TimeCursor : public QObject {
    Q_OBJECT
  public:
    explicit TimeCursor(QObject* parent = nullptr) : QObject(parent) {}

    bool live() const { return m_live; }
    std::int64_t time() const { return m_time; }

    // Live mode: the run's clock reached `now`.
    void follow(std::int64_t now) {
        if (!m_live || now == m_time) return;
        m_time = now;
        emit changed(m_time);
    }
    void setTime(std::int64_t t) {
        const bool wasLive = m_live;
        m_live = false;
        if (t == m_time && !wasLive) return;
        m_time = t;
        if (wasLive) emit liveChanged(false);
        emit changed(m_time);
    }
    void setLive(bool live) {
        if (live == m_live) return;
        m_live = live;
        emit liveChanged(live);
    }
    void resetTo(std::int64_t t) {
        m_time = t;
        emit changed(m_time);
    }

  signals:
    void changed(std::int64_t time);
    void liveChanged(bool live);

  private:
    bool m_live = true;
    std::int64_t m_time = 0;
};

}  // namespace interleave::ui
