#include "core/primitives/threads/gil_model.h"

#include "core/primitives/runtime.h"

namespace interleave {

GilModel::GilModel(std::string_view name, std::chrono::nanoseconds switchInterval)
    : m_interval(switchInterval), m_id(Runtime::registerObject(ObjectKind::Gil, name)) {}

std::uint64_t GilModel::switches() const {
    std::lock_guard lock(m_mutex);
    return m_switches;
}

void GilModel::take() {
    const auto me = Runtime::currentActor();
    std::unique_lock lock(m_mutex);
    const bool waited = m_locked;
    if (waited) {
        Runtime::emitOrdered(EventKind::GilRequest, m_id, m_holder);
        ++m_waiting;
        while (m_locked) {
            const auto before = m_switches;
            const bool freed = m_released.wait_for(lock, m_interval, [&] { return !m_locked; });
            // A whole interval, and nobody took it in between: the holder has had its turn.
            if (!freed && m_switches == before && !m_dropRequest.load(std::memory_order_relaxed)) {
                m_dropRequest.store(true, std::memory_order_relaxed);
                Runtime::emitOrdered(EventKind::GilDropRequest, m_id, m_holder);
            }
        }
        --m_waiting;
    }
    m_locked = true;
    m_holder = me;
    ++m_switches;
    m_dropRequest.store(false, std::memory_order_relaxed);  // served, as CPython resets it
    Runtime::emitOrdered(EventKind::GilAcquired, m_id, waited ? 1 : 0);
    m_switched.notify_all();
}

void GilModel::drop(GilDropReason why) {
    std::unique_lock lock(m_mutex);
    m_locked = false;
    m_holder = kNoActor;
    Runtime::emitOrdered(EventKind::GilReleased, m_id, static_cast<std::int64_t>(why));
    m_released.notify_one();
    if (why != GilDropReason::Asked) return;
    // Forced switching: the thread that asked gets it before this one can take it back.
    const auto before = m_switches;
    m_switched.wait(lock, [&] { return m_switches != before || m_waiting == 0; });
}

}  // namespace interleave
