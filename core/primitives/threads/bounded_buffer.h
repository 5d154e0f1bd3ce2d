#pragma once
#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/primitives/threads/traced_condvar.h"
#include "core/primitives/threads/traced_mutex.h"
#include "core/primitives/threads/traced_semaphore.h"

namespace interleave {

// The bounded buffer of producer/consumer, built from the traced primitives in one of the two
// textbook ways, so the timeline shows the mechanism and not just the outcome; or the way not to:
// busy waiting, where a thread that finds the buffer full (or empty) polls it in a loop.
class BoundedBuffer {
  public:
    enum class Variant { CondVar, Semaphore, BusyWait };

    BoundedBuffer(const std::string& name, std::uint32_t capacity, Variant variant);

    void put(std::int64_t item);
    // Empty once the buffer is closed and drained.
    std::optional<std::int64_t> get();
    // No more puts will come: wakes consumers so they drain what is left and stop.
    void close();

    std::uint32_t id() const { return m_id; }
    std::uint32_t capacity() const { return static_cast<std::uint32_t>(m_slots.size()); }

  private:
    void store(std::int64_t item);  // with m_lock held
    std::int64_t take();            // with m_lock held
    // Busy waiting: polls, without the lock, until `ready` may hold (the caller then checks
    // again under the lock). a = 0: waits for room; 1: for an item.
    template <class Ready>
    void spin(std::int64_t forItem, Ready ready);

    Variant m_variant;
    std::uint32_t m_id;
    TracedMutex m_lock;
    std::unique_ptr<TracedCondVar> m_notFull, m_notEmpty;
    std::unique_ptr<TracedSemaphore> m_freeSlots, m_filledSlots;
    std::vector<std::int64_t> m_slots;
    std::size_t m_head = 0, m_tail = 0, m_count = 0;
    bool m_closed = false;
    // Mirrors of m_count and m_closed that a spinning thread reads without the lock.
    std::atomic<std::size_t> m_countSeen{0};
    std::atomic<bool> m_closedSeen{false};
};

}  // namespace interleave
