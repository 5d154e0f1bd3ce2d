#include "core/primitives/threads/bounded_buffer.h"

#include "core/primitives/runtime.h"

namespace interleave {
namespace {
std::int64_t slotAndCount(std::size_t slot, std::size_t count) {
    return static_cast<std::int64_t>((std::uint64_t{slot} << 32) | count);
}
}  // namespace

BoundedBuffer::BoundedBuffer(const std::string& name, std::uint32_t capacity, Variant variant)
    : m_variant(variant),
      m_id(Runtime::registerObject(ObjectKind::Queue, name, capacity)),
      m_lock(name + ".lock", {ObjectRole::Guard, m_id}),
      m_slots(capacity) {
    // The roles, not these names, tell the views what a wait means.
    const ObjectLink space{ObjectRole::Space, m_id}, items{ObjectRole::Items, m_id};
    if (variant == Variant::CondVar) {
        m_notFull = std::make_unique<TracedCondVar>(name + ".not_full", space);
        m_notEmpty = std::make_unique<TracedCondVar>(name + ".not_empty", items);
    } else if (variant == Variant::Semaphore) {
        m_freeSlots = std::make_unique<TracedSemaphore>(name + ".free_slots", capacity, space);
        m_filledSlots = std::make_unique<TracedSemaphore>(name + ".filled_slots", 0, items);
    }
}

void BoundedBuffer::store(std::int64_t item) {
    const auto slot = m_tail;
    m_slots[slot] = item;
    m_tail = (m_tail + 1) % m_slots.size();
    ++m_count;
    m_countSeen.store(m_count, std::memory_order_release);
    Runtime::emit(EventKind::QueuePut, m_id, item, slotAndCount(slot, m_count));
}

std::int64_t BoundedBuffer::take() {
    const auto slot = m_head;
    const auto item = m_slots[slot];
    m_head = (m_head + 1) % m_slots.size();
    --m_count;
    m_countSeen.store(m_count, std::memory_order_release);
    Runtime::emit(EventKind::QueueGet, m_id, item, slotAndCount(slot, m_count));
    return item;
}

template <class Ready>
void BoundedBuffer::spin(std::int64_t forItem, Ready ready) {
    Runtime::emit(EventKind::SpinBegin, m_id, forItem);
    std::int64_t polls = 0;
    while (!ready()) {
        ++polls;
        // Only a hint to the core that this is a spin loop; the thread stays on the CPU.
#if defined(__x86_64__)
        __builtin_ia32_pause();
#endif
        // Its CPU time is what this variant is about: keep it up to date while spinning. A
        // paused run holds the poll loop still too (it would burn a core under a still picture).
        if ((polls & 0xFFFF) == 0) {
            Runtime::sampleCpu();
            Runtime::holdWhilePaused();
        }
    }
    Runtime::emit(EventKind::SpinEnd, m_id, polls);
}

void BoundedBuffer::put(std::int64_t item) {
    if (m_variant == Variant::BusyWait) {
        const auto cap = m_slots.size();
        for (;;) {
            m_lock.lock();
            if (m_count < cap) break;
            m_lock.unlock();
            spin(0, [&] { return m_countSeen.load(std::memory_order_acquire) < cap; });
        }
        store(item);
        m_lock.unlock();
        return;
    }
    if (m_variant == Variant::CondVar) {
        m_lock.lock();
        while (m_count == m_slots.size())
            m_notFull->wait(m_lock);
        store(item);
        m_notEmpty->notifyOne();
        m_lock.unlock();
        return;
    }
    m_freeSlots->acquire();
    m_lock.lock();
    store(item);
    m_lock.unlock();
    m_filledSlots->release();
}

std::optional<std::int64_t> BoundedBuffer::get() {
    if (m_variant == Variant::BusyWait) {
        for (;;) {
            m_lock.lock();
            if (m_count > 0 || m_closed) break;
            m_lock.unlock();
            spin(1, [&] {
                return m_countSeen.load(std::memory_order_acquire) > 0 ||
                       m_closedSeen.load(std::memory_order_acquire);
            });
        }
        std::optional<std::int64_t> item;
        if (m_count > 0) item = take();
        m_lock.unlock();
        return item;
    }
    if (m_variant == Variant::CondVar) {
        m_lock.lock();
        while (m_count == 0 && !m_closed)
            m_notEmpty->wait(m_lock);
        if (m_count == 0) {
            m_lock.unlock();
            return std::nullopt;
        }
        const auto item = take();
        m_notFull->notifyOne();
        m_lock.unlock();
        return item;
    }
    if (!m_filledSlots->acquire()) return std::nullopt;
    m_lock.lock();
    const auto item = take();
    m_lock.unlock();
    m_freeSlots->release();
    return item;
}

void BoundedBuffer::close() {
    m_lock.lock();
    m_closed = true;
    m_closedSeen.store(true, std::memory_order_release);
    Runtime::emit(EventKind::QueueClosed, m_id, static_cast<std::int64_t>(m_count));
    if (m_notEmpty) m_notEmpty->notifyAll();
    m_lock.unlock();
    if (m_filledSlots) m_filledSlots->close();
}

}  // namespace interleave
