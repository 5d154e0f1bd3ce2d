#include "core/primitives/threads/traced_rwlock.h"

#include "core/primitives/runtime.h"

namespace interleave {

TracedRwLock::TracedRwLock(std::string_view name, Prefer prefer)
    : m_prefer(prefer), m_id(Runtime::registerObject(ObjectKind::RwLock, name)) {}

bool TracedRwLock::readerMayEnter() const {
    return !m_writer && (m_prefer == Prefer::Readers || m_writersWaiting == 0);
}

// Acquisitions and releases are stamped in order and under the internal mutex, so in time order
// no reader's stay overlaps a writer's (the checks of the tests rely on it).
void TracedRwLock::lockShared() {
    Runtime::checkpoint(EventKind::RwReadRequest, m_id);
    Runtime::emit(EventKind::RwReadRequest, m_id);
    std::unique_lock<std::mutex> lock(m_mutex);
    const bool waited = !readerMayEnter();
    m_cv.wait(lock, [&] { return readerMayEnter(); });
    ++m_readers;
    Runtime::emitOrdered(EventKind::RwReadAcquired, m_id, m_readers, waited ? 1 : 0);
}

void TracedRwLock::unlockShared() {
    Runtime::checkpoint(EventKind::RwReadReleased, m_id);
    std::lock_guard<std::mutex> lock(m_mutex);
    --m_readers;
    Runtime::emitOrdered(EventKind::RwReadReleased, m_id, m_readers);
    if (m_readers == 0) m_cv.notify_all();
}

void TracedRwLock::lock() {
    Runtime::checkpoint(EventKind::RwWriteRequest, m_id);
    Runtime::emit(EventKind::RwWriteRequest, m_id);
    std::unique_lock<std::mutex> lock(m_mutex);
    ++m_writersWaiting;
    const bool waited = m_writer || m_readers > 0;
    m_cv.wait(lock, [&] { return !m_writer && m_readers == 0; });
    --m_writersWaiting;
    m_writer = true;
    Runtime::emitOrdered(EventKind::RwWriteAcquired, m_id, 0, waited ? 1 : 0);
}

void TracedRwLock::unlock() {
    Runtime::checkpoint(EventKind::RwWriteReleased, m_id);
    std::lock_guard<std::mutex> lock(m_mutex);
    m_writer = false;
    Runtime::emitOrdered(EventKind::RwWriteReleased, m_id);
    m_cv.notify_all();
}

}  // namespace interleave
