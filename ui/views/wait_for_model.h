#pragma once
// Who holds and who waits for each lock at the time cursor, for the wait-for graph view: the
// threads that take locks and the locks (nodes, in a stable order for the run) and the graph
// between them at the cursor (WaitForTracker: the cost of the events passed, not of the run).

#include <QObject>
#include <QString>
#include <cstdint>
#include <vector>

#include "core/analysis/wait_for.h"
#include "core/channel/event_store.h"
#include "ui/base/event_text.h"
#include "ui/session/run_follower.h"

namespace interleave::ui {

class WaitForModel : public QObject, public RunFollower {
    Q_OBJECT
  public:
    WaitForModel(Names names, QObject* parent = nullptr);

    void reset(const EventStore* store) override;
    void append(std::size_t first, std::size_t last) override;  // GUI thread
    void setCursorTime(std::int64_t t) override;

    // Threads that have asked for a lock, and the run's locks, by id: a view lays them out once.
    const std::vector<std::uint32_t>& threads() const { return m_threads; }
    const std::vector<std::uint32_t>& locks() const { return m_locks; }
    const WaitForGraph& graph() const { return m_graph; }
    const std::vector<std::uint32_t>& cycle() const { return m_cycle; }
    // One sentence: the cycle, else who waits for whom, else that nobody waits.
    QString sentence() const;
    // The same in a line or two, for when the whole sentence would not leave room for the graph
    // (sixteen philosophers): its first and last steps, and how many threads are caught.
    QString briefSentence() const;
    const Names& names() const { return m_names; }

  signals:
    void changed();

  private:
    // "A waits for L, held by B" (or "A asks for L" while nobody keeps it out).
    QString heldBy(std::uint32_t actor) const;
    void refresh();

    Names m_names;
    const EventStore* m_store = nullptr;
    WaitForTracker m_tracker;
    std::int64_t m_time = 0;
    std::vector<std::uint32_t> m_threads, m_locks;
    WaitForGraph m_graph;
    std::vector<std::uint32_t> m_cycle;
};

}  // namespace interleave::ui
