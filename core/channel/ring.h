#pragma once
// Single-writer / single-reader ring over a RingHeader and its slots in the shared channel.
// The writer fills a slot, then publishes it with a release store of head; the reader acquires
// head, copies the slots, then hands them back with a release store of tail. No locks and no
// allocation; a syscall only when the ring is full. A writer killed at any point loses at most
// the unpublished record.
//
// A full ring is never silent. In lossless mode the writer waits for room and records the wait
// as a capture_wait_begin/end pair; in drop mode it counts what it drops and, once room is
// back, records a lost_begin/lost_end pair around the gap, so every view and every trace shows
// where events are missing and how many.

#include <atomic>
#include <cstdint>

#include "core/channel/channel.h"
#include "core/schema/event.h"
#include "core/sys/clock.h"
#include "core/sys/futex.h"

namespace interleave {

class RingWriter {
  public:
    RingWriter() = default;
    RingWriter(RingHeader* header, Event* slots, std::uint32_t slotCount, ControlBlock* control,
               CaptureMode mode)
        : m_header(header),
          m_slots(slots),
          m_control(control),
          m_mask(slotCount - 1),
          m_head(header->head.load(std::memory_order_relaxed)),
          m_cachedTail(header->tail.load(std::memory_order_acquire)),
          m_lossless(mode == CaptureMode::Lossless) {}

    // Returns false when the event was dropped (drop mode, or a lossless writer whose reader
    // is gone while the run is stopping).
    bool push(const Event& e) {
        if (full()) {
            m_cachedTail = m_header->tail.load(std::memory_order_acquire);
            if (full()) return pushSlow(e);
        }
        placeLostMarkers(e.ticks, e.actor);
        place(e);
        m_header->head.store(m_head, std::memory_order_release);
        return true;
    }

    bool valid() const { return m_header != nullptr; }

  private:
    // Room for a record and the four markers that may have to go with it.
    static constexpr std::uint64_t kReserve = 5;
    bool full() const { return m_head + kReserve - m_cachedTail > m_mask + 1; }
    void place(const Event& e) { m_slots[m_head++ & m_mask] = e; }
    void placeLostMarkers(std::uint64_t now, std::uint16_t actor) {
        if (m_lost == 0) return;
        place(Event{m_firstLostTicks, actor, EventKind::LostBegin, kNoObject, 0, 0});
        place(
            Event{now, actor, EventKind::LostEnd, kNoObject, static_cast<std::int64_t>(m_lost), 0});
        m_lost = 0;
    }
    // The cold path, out of line (ring.cpp): wait for room, or drop and count.
    bool pushSlow(const Event& e);
    // Lossless: sleeps until the reader makes room; returns the tick when room came, or 0 when
    // the run is stopping and no reader has taken anything for a second.
    std::uint64_t waitForRoom();

    RingHeader* m_header = nullptr;
    Event* m_slots = nullptr;
    ControlBlock* m_control = nullptr;
    std::uint64_t m_mask = 0;
    std::uint64_t m_head = 0;
    std::uint64_t m_cachedTail = 0;
    bool m_lossless = true;
    std::uint64_t m_lost = 0;  // dropped since the last record that got through
    std::uint64_t m_firstLostTicks = 0;
};

class RingReader {
  public:
    RingReader() = default;
    RingReader(RingHeader* header, const Event* slots, std::uint32_t slotCount)
        : m_header(header), m_slots(slots), m_mask(slotCount - 1) {}

    // Calls sink(const Event*, count) with at most two contiguous spans (the ring may wrap) and
    // returns how many records were consumed. Wakes a writer that waits for room.
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
        // seq_cst pairs with the writer's store of writerWaiting then load of tail: either it
        // sees this tail or this load sees it waiting. No lost wake-up.
        m_header->tail.store(head, std::memory_order_seq_cst);
        if (m_header->writerWaiting.load(std::memory_order_seq_cst) != 0) {
            m_header->writerWaiting.store(0, std::memory_order_relaxed);
            futexWakeAll(m_header->writerWaiting);
        }
        return n;
    }

    std::uint64_t dropped() const { return m_header->dropped.load(std::memory_order_relaxed); }
    std::uint64_t waits() const { return m_header->waits.load(std::memory_order_relaxed); }
    bool valid() const { return m_header != nullptr; }

  private:
    RingHeader* m_header = nullptr;
    const Event* m_slots = nullptr;
    std::uint64_t m_mask = 0;
};

inline RingWriter writerFor(const Channel& ch, std::uint32_t actor) {
    return RingWriter(&ch.ring(actor), ch.ringSlots(actor), ch.config().ringSlots, &ch.control(),
                      ch.config().capture);
}
inline RingReader readerFor(const Channel& ch, std::uint32_t actor) {
    return RingReader(&ch.ring(actor), ch.ringSlots(actor), ch.config().ringSlots);
}

}  // namespace interleave
