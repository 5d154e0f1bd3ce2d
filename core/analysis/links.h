#pragma once
// The arrows between lanes: each pair of events where one actor's step is the cause of
// another's (the kind table's `link` column): an item put -> taken, a message sent -> received,
// a signal sent -> handled, a notify -> the thread it woke, a semaphore raised -> the blocked
// thread it let through. Fed rows in any order across actors (each actor's ring is drained on
// its own), so each end waits for the other, whichever comes first.

#include <cstdint>
#include <map>
#include <utility>
#include <vector>

#include "core/channel/event_store.h"

namespace interleave {

struct Link {
    enum class Kind { Wake, Item };
    std::int64_t t0, t1;
    std::uint32_t fromActor, toActor;
    Kind kind;
    std::int64_t value;  // the item, message or signal number, for Item links
    bool operator==(const Link&) const = default;
};

class LinkPairer {
  public:
    void reset() { *this = LinkPairer(); }
    void feed(const Row& r);
    const std::vector<Link>& links() const { return m_links; }  // sorted by t0
    // Every link in the order it was made: what a view that has drawn the first N must add.
    const std::vector<Link>& arrivals() const { return m_arrivals; }

  private:
    using Key = std::pair<std::uint32_t, std::int64_t>;  // (object or kNoObject, number)
    using End = std::pair<std::int64_t, std::uint32_t>;  // (ns, actor)
    using Ends = std::map<Key, End>;
    void add(const Link& l);
    void pairNumbered(const Row& r, bool from, Key key, Ends& mine, Ends& other);
    void pairWake(const Row& r, bool from, std::uint32_t target);
    void pairSemaphore(const Row& r, bool from);

    std::vector<Link> m_links, m_arrivals;
    // Per family: ends not yet paired, by key.
    std::map<int, std::pair<Ends, Ends>> m_numbered;
    // Per woken actor: notifies and wake-ups not yet paired, oldest first.
    std::map<std::uint32_t, std::pair<std::vector<End>, std::vector<End>>> m_wakes;
    // Per semaphore: releases with threads blocked, and blocked threads' passes, not yet paired.
    std::map<std::uint32_t, std::pair<std::vector<End>, std::vector<End>>> m_semaphores;
};

// Every link of a stored run, in time order of their causes (the Perfetto export's flows).
std::vector<Link> allLinks(const EventStore& store);

}  // namespace interleave
