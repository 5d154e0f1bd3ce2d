#include "core/primitives/threads/traced_semaphore.h"

#include "core/primitives/runtime.h"

namespace interleave {

TracedSemaphore::TracedSemaphore(std::string_view name, std::uint32_t initial, ObjectLink link)
    : m_value(initial), m_id(Runtime::registerObject(ObjectKind::Semaphore, name, initial, link)) {}

bool TracedSemaphore::acquire() {
    Runtime::checkpoint(EventKind::SemAcquired, m_id);
    std::unique_lock<std::mutex> lock(m_mutex);
    const bool blocks = m_value == 0 && !m_closed;
    if (blocks) {
        // Ordered: the value 0 seen here was left by another thread's acquire, and only an
        // ordered stamp is sure to come after that acquire's stamp (no traced lock precedes
        // this one; the internal mutex is not stamped).
        Runtime::emitOrdered(EventKind::SemBlock, m_id, m_value);
        ++m_blocked;
        m_cv.wait(lock, [&] { return m_value > 0 || m_closed; });
        --m_blocked;
    }
    if (m_value == 0) return false;  // closed and empty
    --m_value;
    Runtime::emitOrdered(EventKind::SemAcquired, m_id, m_value, blocks ? 1 : 0);
    return true;
}

void TracedSemaphore::release() {
    Runtime::checkpoint(EventKind::SemReleased, m_id);
    std::lock_guard<std::mutex> lock(m_mutex);
    ++m_value;
    Runtime::emitOrdered(EventKind::SemReleased, m_id, m_value, m_blocked);
    m_cv.notify_one();
}

void TracedSemaphore::close() {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_closed = true;
    m_cv.notify_all();
}

}  // namespace interleave
