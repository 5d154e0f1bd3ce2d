#pragma once
// The latest events before the time cursor, in plain language, newest first.

#include <QAbstractListModel>
#include <map>
#include <vector>

#include "ui/timeline/timeline_model.h"

namespace interleave::ui {

class CaptionModel : public QAbstractListModel {
    Q_OBJECT
  public:
    static constexpr int TimeRole = Qt::UserRole + 1;  // ns of the event
    static constexpr int TextRole = Qt::UserRole + 2;  // the caption without its time

    explicit CaptionModel(const TimelineModel* timeline, int shown = 8, QObject* parent = nullptr);

    void reset();
    void append(std::size_t first, std::size_t last);
    void setCursorTime(std::int64_t ns);
    // Stepping a paused run: each step is one move a person watches, so what it did is said
    // even when it is bookkeeping otherwise left to the timeline (work begun or ended, a lock
    // asked for and not yet known to wait).
    void setStepping(bool on) { m_stepping = on; }

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;

  private:
    // A caption is built when shown, never stored: what is kept per captioned event is its row
    // in the store (4 bytes), in time order. A lock_request row is kept only once it is known
    // that the thread had to wait, and is then said as such.
    using Entry = std::uint32_t;
    void refresh();
    std::int64_t nsOf(Entry e) const;
    QString textOf(Entry e) const;
    void insert(Entry e);
    void flushBlockedRequests(std::int64_t now);

    const TimelineModel* m_timeline;
    int m_shown;
    std::vector<Entry> m_all;  // sorted by time
    std::vector<Entry> m_visibleRows;
    std::vector<QString> m_visibleText;
    std::int64_t m_cursor = 0;
    std::size_t m_consumed = 0;
    // Lock requests not yet granted: said only if the thread really has to wait for the lock.
    std::map<std::uint32_t, Entry> m_pendingRequests;
    bool m_stepping = false;
    std::vector<Entry> m_steppedRequests;  // said at once while stepping, sorted
};

}  // namespace interleave::ui
