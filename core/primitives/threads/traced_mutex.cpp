#include "core/primitives/threads/traced_mutex.h"

#include "core/primitives/runtime.h"

namespace interleave {

TracedMutex::TracedMutex(std::string_view name, ObjectLink link)
    : m_id(Runtime::registerObject(ObjectKind::Mutex, name, 0, link)) {}

void TracedMutex::lock() {
    Runtime::checkpoint(EventKind::LockRequest, m_id);
    Runtime::emit(EventKind::LockRequest, m_id);
    const bool waited = !m_mutex.try_lock();
    if (waited) m_mutex.lock();
    setOwner(Runtime::currentActor());
    Runtime::emitOrdered(EventKind::LockAcquired, m_id, 0, waited ? 1 : 0);
}

bool TracedMutex::try_lock() {
    Runtime::checkpoint(EventKind::LockRequest, m_id, 1);
    if (m_mutex.try_lock()) {
        setOwner(Runtime::currentActor());
        Runtime::emitOrdered(EventKind::LockAcquired, m_id, 0, 0);
        return true;
    }
    const auto owner = m_owner.load(std::memory_order_relaxed);
    Runtime::emitOrdered(EventKind::LockTryFailed, m_id,
                         owner == kNoActor ? -1 : static_cast<std::int64_t>(owner));
    return false;
}

void TracedMutex::unlock() {
    Runtime::checkpoint(EventKind::LockReleased, m_id);
    // Stamped before the unlock, so the next owner's "acquired" is always later in time.
    Runtime::emitOrdered(EventKind::LockReleased, m_id);
    setOwner(kNoActor);
    m_mutex.unlock();
}

}  // namespace interleave
