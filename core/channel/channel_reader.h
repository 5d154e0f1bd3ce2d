#pragma once
// Drains every actor's ring of a channel into an EventStore and mirrors the actor and object
// tables. Used by the supervisor's reader thread; one instance per channel, one thread. The
// store's time base must be the channel's, set before any reader of the store starts.

#include <cstdint>
#include <vector>

#include "core/channel/channel.h"
#include "core/channel/event_store.h"
#include "core/channel/ring.h"

namespace interleave {

class ChannelReader {
  public:
    ChannelReader(const Channel& channel, EventStore& store);

    // Copies every published record into the store, refreshes metadata when the tables grew,
    // publishes, and returns the number of records moved.
    // `settled`: a process that has exited (its records are all published), so its
    // re-parenting need not wait; kAllSettled at the end of a run, when every writer has
    // stopped: a gap of dropped events still open is then closed with lost_begin/lost_end.
    static constexpr int kAllSettled = -1;
    std::size_t drainOnce(int settled = 0);
    std::uint64_t totalDropped() const;
    // Sleeps until a writer rings (its ring is full) or timeoutNs passes; for an idle reader.
    bool waitForWork(std::int64_t timeoutNs);  // true: woken by the doorbell

  private:
    void refreshTables();
    void takeReparents(int settled);
    void takeLosses();
    void closeOpenLosses();  // at the end of the run: marks gaps no writer could mark

    const Channel& m_channel;
    EventStore& m_store;
    std::vector<RingReader> m_rings;  // index = actor; invalid until the actor is published
    std::vector<std::uint64_t> m_dropped;
    std::vector<bool> m_reparentTaken;
    // When each actor's re-parenting was first seen (steady clock ns; 0: not yet).
    std::vector<std::int64_t> m_reparentSeen;
    std::vector<std::uint64_t> m_lastTicks;  // stamp of each actor's newest drained record
    std::uint32_t m_doorbellSeen = 0;
    std::uint32_t m_readyActors = 0;
    std::uint32_t m_knownObjects = 0;
    bool m_tablesDirty = true;
};

}  // namespace interleave
