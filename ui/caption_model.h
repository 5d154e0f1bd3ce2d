#pragma once
// The latest events before the time cursor, in plain language, newest first.

#include <QAbstractListModel>
#include <map>
#include <vector>

#include "ui/timeline_model.h"

namespace interleave::ui {

class CaptionModel : public QAbstractListModel {
    Q_OBJECT
  public:
    static constexpr int TimeRole = Qt::UserRole + 1;  // ns of the event

    explicit CaptionModel(const TimelineModel* timeline, int shown = 8, QObject* parent = nullptr);

    void reset();
    void append(std::size_t first, std::size_t last);
    void setCursorTime(std::int64_t ns);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;

  private:
    struct Caption {
        std::int64_t ns;
        QString text;
        bool operator==(const Caption&) const = default;
    };
    void refresh();

    const TimelineModel* m_timeline;
    int m_shown;
    std::vector<Caption> m_all;      // sorted by time
    std::vector<Caption> m_visible;  // copies: m_all reallocates
    std::int64_t m_cursor = 0;
    std::size_t m_consumed = 0;
    // Lock requests not yet granted: said only if the thread really has to wait for the lock.
    std::map<std::uint32_t, Caption> m_pendingRequests;
    void insert(Caption c);
    void flushBlockedRequests(std::int64_t now);
};

}  // namespace interleave::ui
