#pragma once
// Single-writer / single-reader ring over a RingHeader and its slots in the shared channel.
// The writer fills slots, then publishes them with a release store of head; the reader acquires
// head, copies the slots, then hands them back with a release store of tail. No locks and no
// allocation; a syscall only when the ring is full.
//
// The head is published in batches, because each store of it takes its cache line away from a
// reader that polls it, and that transfer, not the slot write, was the cost of recording with a
// live reader (issue 32). A batch never hides what a person would see: the writer publishes
//   - every kPublishEvery records,
//   - with any record stamped kPublishAfterUs or more after the last publish (a thread that
//     records rarely shows each record at once; a busy one at least every kPublishAfterUs of
//     its own time),
//   - with any record that says its actor stops running: it blocks, waits, works (sleeps),
//     spins, forks, execs, faults or exits (publishesAtOnce(): the kind table decides), and
//   - whenever the thread is about to block for any other reason (Runtime::publish(): a
//     contended lock, a pause, a checkpoint, a wait for room in this ring).
// A writer killed at any point loses at most its unpublished batch.
//
// A full ring is never silent. In lossless mode the writer waits for room and records the wait
// as a capture_wait_begin/end pair; in drop mode it counts what it drops and, once room is
// back, records a lost_begin/lost_end pair around the gap, so every view and every trace shows
// where events are missing and how many.

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>

#include "core/channel/channel.h"
#include "core/schema/event.h"
#include "core/schema/event_kinds.h"
#include "core/sys/clock.h"
#include "core/sys/futex.h"

namespace interleave {

// Records per published batch at most. Ring sizes are 8192 and more; the writer clamps the
// batch to a quarter of a smaller ring, so unpublished records can never fill it.
inline constexpr std::uint32_t kPublishEvery = 64;
// A record stamped this long after the last publish is published at once.
inline constexpr std::uint32_t kPublishAfterUs = 100;

// Kinds after which the actor stops running (blocks, waits, sleeps in work, spins, ends) or
// its process changes (fork, exec, a fault that will kill it): published with the record, so
// the lane shows where the thread stands for as long as it stands there.
constexpr bool publishesAtOnce(EventKind kind) {
    switch (kindInfo(kind).effect) {
        case StateEffect::ToCondWait:
        case StateEffect::ToSemWait:
        case StateEffect::ToWorking:
        case StateEffect::ToSpinning:
        case StateEffect::ToIpcWait:
        case StateEffect::ToJoinWait:
        case StateEffect::ToGilWait:
        case StateEffect::ToTurnWait:
        case StateEffect::ActorExit:
        case StateEffect::ProcessExit:
        case StateEffect::StretchBegin:
            return true;
        default:
            break;
    }
    return kind == EventKind::ProcessFork || kind == EventKind::ProcessExec ||
           kind == EventKind::ProcessFault || kind == EventKind::SignalWait;
}

// publishesAtOnce() as a bit per kind, so the hot path pays one load and a shift.
class PublishKinds {
  public:
    constexpr PublishKinds() {
        for (std::size_t k = 0; k < static_cast<std::size_t>(EventKind::Count_); ++k)
            if (publishesAtOnce(static_cast<EventKind>(k)))
                m_bits[k / 64] |= std::uint64_t{1} << (k % 64);
    }
    constexpr bool test(EventKind kind) const {
        const auto k = static_cast<std::size_t>(kind);
        return k < kWords * 64 && ((m_bits[k / 64] >> (k % 64)) & 1) != 0;
    }

  private:
    static constexpr std::size_t kWords = (static_cast<std::size_t>(EventKind::Count_) + 63) / 64;
    std::uint64_t m_bits[kWords] = {};
};
inline constexpr PublishKinds kPublishKinds{};

// Ticks of the channel's time base in `us` microseconds.
inline std::uint64_t ticksForUs(const TimeBase& base, std::uint32_t us) {
    if (base.nsPerTickQ32 == 0) return std::uint64_t{us} * 1000;
    return static_cast<std::uint64_t>((static_cast<Int128>(us) * 1000 << 32) /
                                      static_cast<Int128>(base.nsPerTickQ32));
}

class RingWriter {
  public:
    RingWriter() = default;
    // `batch` records at most per publish (1: every record at once), and a record stamped
    // `maxDelayTicks` or more after the last publish is published with it.
    RingWriter(RingHeader* header, Event* slots, std::uint32_t slotCount, ControlBlock* control,
               CaptureMode mode, std::uint32_t batch = 1, std::uint64_t maxDelayTicks = 0)
        : m_header(header),
          m_slots(slots),
          m_control(control),
          m_mask(slotCount - 1),
          m_head(header->head.load(std::memory_order_relaxed)),
          m_published(m_head),
          m_cachedTail(header->tail.load(std::memory_order_acquire)),
          m_batch(std::max<std::uint64_t>(1, std::min<std::uint64_t>(batch, slotCount / 4))),
          m_batchEnd(m_head + m_batch),
          m_maxDelayTicks(maxDelayTicks),
          m_lossless(mode == CaptureMode::Lossless) {}

    // Returns false when the event was dropped (drop mode, or a lossless writer whose reader
    // is gone while the run is stopping).
    bool push(const Event& e) {
        // First, before any store the compiler must assume may alias `e`: with a kind known at
        // compile time (every Runtime::emit call site) the test folds away.
        const bool atOnce = kPublishKinds.test(e.kind);
        if (full()) {
            m_cachedTail = m_header->tail.load(std::memory_order_acquire);
            if (full()) return pushSlow(e);
        }
        placeLostMarkers(e.ticks, e.actor);
        place(e);
        // Unsigned: a record stamped before the last publish (emitAt) wraps to "long ago" and
        // is published at once, which is never wrong.
        if (atOnce || m_head >= m_batchEnd || e.ticks - m_publishedTicks >= m_maxDelayTicks)
            publishAt(e.ticks);
        return true;
    }

    // Makes every record placed so far visible to the reader. Cheap when there is nothing new;
    // called before anything that may block the thread.
    void publish() {
        if (m_head != m_published) publishNow();
    }
    std::uint64_t unpublished() const { return m_head - m_published; }

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
    void publishNow() {
        m_header->head.store(m_head, std::memory_order_release);
        m_published = m_head;
        m_batchEnd = m_head + m_batch;
    }
    void publishAt(std::uint64_t stamp) {
        publishNow();
        m_publishedTicks = stamp;
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
    std::uint64_t m_published = 0;       // head as the reader last saw it
    std::uint64_t m_publishedTicks = 0;  // stamp of the record a time or kind publish went with
    std::uint64_t m_cachedTail = 0;
    std::uint64_t m_batch = 1;
    std::uint64_t m_batchEnd = 0;  // head at which the batch is full: m_published + m_batch
    std::uint64_t m_maxDelayTicks = 0;
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

// The writer a traced thread uses: batched as described at the top of this file.
inline RingWriter writerFor(const Channel& ch, std::uint32_t actor) {
    return RingWriter(&ch.ring(actor), ch.ringSlots(actor), ch.config().ringSlots, &ch.control(),
                      ch.config().capture, kPublishEvery,
                      ticksForUs(ch.header().timeBase, kPublishAfterUs));
}
inline RingReader readerFor(const Channel& ch, std::uint32_t actor) {
    return RingReader(&ch.ring(actor), ch.ringSlots(actor), ch.config().ringSlots);
}

}  // namespace interleave
