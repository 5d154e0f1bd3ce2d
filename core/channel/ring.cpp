#include "core/channel/ring.h"

namespace interleave {
namespace {
constexpr std::int64_t kWaitSliceNs = 10'000'000;
constexpr int kStoppingSlices = 100;  // a second without a reader while stopping: give up
}  // namespace

std::uint64_t RingWriter::waitForRoom() {
    int stoppingSlices = 0;
    for (;;) {
        // seq_cst store then load, paired with the reader's store of tail then load of
        // writerWaiting: one of the two sides sees the other.
        m_header->writerWaiting.store(1, std::memory_order_seq_cst);
        m_cachedTail = m_header->tail.load(std::memory_order_seq_cst);
        if (!full()) break;
        m_control->readerDoorbell.fetch_add(1, std::memory_order_release);
        futexWakeAll(m_control->readerDoorbell);
        futexWait(m_header->writerWaiting, 1, kWaitSliceNs);
        const bool stopping = m_control->runState.load(std::memory_order_relaxed) ==
                              static_cast<std::uint32_t>(RunState::Stopping);
        if (stopping && ++stoppingSlices > kStoppingSlices) {
            m_header->writerWaiting.store(0, std::memory_order_relaxed);
            return 0;
        }
    }
    m_header->writerWaiting.store(0, std::memory_order_relaxed);
    return orderedTicks();
}

bool RingWriter::pushSlow(const Event& e) {
    if (m_lossless) {
        if (const auto roomAt = waitForRoom()) {
            placeLostMarkers(e.ticks, e.actor);
            // The wait began when the event was stamped: begin, event, end keep time order.
            place(Event{e.ticks, e.actor, EventKind::CaptureWaitBegin, kNoObject, 0, 0});
            place(e);
            place(Event{roomAt, e.actor, EventKind::CaptureWaitEnd, kNoObject, 0, 0});
            m_header->waits.store(m_header->waits.load(std::memory_order_relaxed) + 1,
                                  std::memory_order_relaxed);
            m_header->head.store(m_head, std::memory_order_release);
            return true;
        }
    }
    // Only this writer stores `dropped`, so load+store is enough; the atomic keeps the reader's
    // concurrent load well-defined.
    m_header->dropped.store(m_header->dropped.load(std::memory_order_relaxed) + 1,
                            std::memory_order_relaxed);
    if (m_lost++ == 0) m_firstLostTicks = e.ticks;
    return false;
}

}  // namespace interleave
