#pragma once
#include <atomic>
#include <cstdint>
#include <mutex>
#include <string_view>

#include "core/primitives/object_link.h"
#include "core/schema/event.h"

namespace interleave {

// A std::mutex that reports request / acquired (and whether it had to wait) / released, and a
// try_lock that found it taken. Lockable, so std::scoped_lock and std::lock work on it (and
// their tries and back-offs are recorded like any other).
class TracedMutex {
  public:
    explicit TracedMutex(std::string_view name, ObjectLink link = {});
    TracedMutex(const TracedMutex&) = delete;
    TracedMutex& operator=(const TracedMutex&) = delete;

    void lock();
    bool try_lock();
    void unlock();
    std::uint32_t id() const { return m_id; }
    // For TracedCondVar, which releases and re-acquires the lock while waiting.
    std::mutex& native() { return m_mutex; }
    void setOwner(std::uint32_t actor) { m_owner.store(actor, std::memory_order_relaxed); }

  private:
    std::mutex m_mutex;
    // Who holds it, for the record of a failed try only: read without the lock, it may be a
    // moment stale, never a thread that did not hold it.
    std::atomic<std::uint32_t> m_owner{kNoActor};
    std::uint32_t m_id;
};

}  // namespace interleave
