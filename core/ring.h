#pragma once
// Single-writer / single-reader ring over a RingHeader and its slots in the shared channel.
// The writer fills a slot, then publishes it with a release store of head; the reader acquires
// head, copies the slots, then hands them back with a release store of tail. No locks, no
// syscalls, no allocation: a writer killed at any point loses at most the unpublished record.

#include <atomic>
#include <cstdint>

#include "core/channel.h"
#include "core/event.h"

namespace interleave {

class RingWriter {
  public:
    RingWriter() = default;
    RingWriter(RingHeader* header, Event* slots, std::uint32_t slotCount)
        : m_header(header),
          m_slots(slots),
          m_mask(slotCount - 1),
          m_head(header->head.load(std::memory_order_relaxed)),
          m_cachedTail(header->tail.load(std::memory_order_acquire)) {}

    // Returns false when the ring is full: the newest record is dropped and counted, never
    // blocking the traced thread.
    bool push(const Event& e) {
        if (m_head - m_cachedTail > m_mask) {
            m_cachedTail = m_header->tail.load(std::memory_order_acquire);
            if (m_head - m_cachedTail > m_mask) {
                // Only this writer stores `dropped`, so load+store is enough; the atomic keeps
                // the reader's concurrent load well-defined.
                m_header->dropped.store(m_header->dropped.load(std::memory_order_relaxed) + 1,
                                        std::memory_order_relaxed);
                return false;
            }
        }
        m_slots[m_head & m_mask] = e;
        ++m_head;
        m_header->head.store(m_head, std::memory_order_release);
        return true;
    }

    bool valid() const { return m_header != nullptr; }

  private:
    RingHeader* m_header = nullptr;
    Event* m_slots = nullptr;
    std::uint64_t m_mask = 0;
    std::uint64_t m_head = 0;
    std::uint64_t m_cachedTail = 0;
};

class RingReader {
  public:
    RingReader() = default;
    RingReader(RingHeader* header, const Event* slots, std::uint32_t slotCount)
        : m_header(header), m_slots(slots), m_mask(slotCount - 1) {}

    // Calls sink(const Event*, count) with at most two contiguous spans (the ring may wrap) and
    // returns how many records were consumed.
    template <class Sink>
    std::uint64_t drain(Sink&& sink) {
        const auto head = m_header->head.load(std::memory_order_acquire);
        const auto tail = m_header->tail.load(std::memory_order_relaxed);
        const auto n = head - tail;
        if (n == 0) return 0;
        const auto start = tail & m_mask;
        const auto first = std::min<std::uint64_t>(n, m_mask + 1 - start);
        sink(m_slots + start, first);
        if (first < n) sink(m_slots, n - first);
        m_header->tail.store(head, std::memory_order_release);
        return n;
    }

    std::uint64_t dropped() const { return m_header->dropped.load(std::memory_order_relaxed); }
    bool valid() const { return m_header != nullptr; }

  private:
    RingHeader* m_header = nullptr;
    const Event* m_slots = nullptr;
    std::uint64_t m_mask = 0;
};

inline RingWriter writerFor(const Channel& ch, std::uint32_t actor) {
    return RingWriter(&ch.ring(actor), ch.ringSlots(actor), ch.config().ringSlots);
}
inline RingReader readerFor(const Channel& ch, std::uint32_t actor) {
    return RingReader(&ch.ring(actor), ch.ringSlots(actor), ch.config().ringSlots);
}

}  // namespace interleave
