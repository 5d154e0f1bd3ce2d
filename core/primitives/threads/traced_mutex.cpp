#include "core/primitives/threads/traced_mutex.h"

#include "core/primitives/runtime.h"

namespace interleave {

TracedMutex::TracedMutex(std::string_view name, ObjectLink link)
    : m_id(Runtime::registerObject(ObjectKind::Mutex, name, 0, link)) {}

void TracedMutex::lock() {
    Runtime::checkpoint();
    Runtime::emit(EventKind::LockRequest, m_id);
    const bool waited = !m_mutex.try_lock();
    if (waited) m_mutex.lock();
    Runtime::emitOrdered(EventKind::LockAcquired, m_id, 0, waited ? 1 : 0);
}

void TracedMutex::unlock() {
    Runtime::checkpoint();
    // Stamped before the unlock, so the next owner's "acquired" is always later in time.
    Runtime::emitOrdered(EventKind::LockReleased, m_id);
    m_mutex.unlock();
}

}  // namespace interleave
