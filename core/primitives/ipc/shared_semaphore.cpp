#include "core/primitives/ipc/shared_semaphore.h"

#include <cerrno>
#include <stdexcept>

#include "core/primitives/runtime.h"
#include "core/schema/sys_text.h"
#include "core/sys/clock.h"

namespace interleave {

void SharedSemaphore::init(std::string_view name, unsigned initial, ObjectLink link) {
    if (sem_init(&m_sem, 1, initial) != 0) throw std::runtime_error(errnoText("sem_init"));
    m_id = Runtime::registerObject(ObjectKind::Semaphore, name, initial, link);
    m_waiting.store(0);
    m_permits.store(static_cast<int>(initial));
}

void SharedSemaphore::destroy() {
    sem_destroy(&m_sem);
}

bool SharedSemaphore::acquire() {
    Runtime::checkpoint(EventKind::SemAcquired, m_id);
    bool blocked = false;
    while (sem_trywait(&m_sem) != 0) {
        if (errno == EINTR) continue;
        if (errno != EAGAIN) throw std::runtime_error(errnoText("sem_trywait"));
        if (!blocked) {
            m_waiting.fetch_add(1);
            Runtime::emitOrdered(EventKind::SemBlock, m_id, 0);
        }
        blocked = true;
        // Asleep in the kernel, in slices: a stopping run must not leave a process waiting for a
        // post that will never come (its partner may have stopped first).
        const timespec until = realtimeDeadline(50'000'000);
        if (sem_timedwait(&m_sem, &until) == 0) break;
        if (errno != ETIMEDOUT && errno != EINTR)
            throw std::runtime_error(errnoText("sem_timedwait"));
        if (Runtime::stopRequested()) {
            m_waiting.fetch_sub(1);
            return false;
        }
    }
    if (blocked) m_waiting.fetch_sub(1);
    // After the wait returned: the release that let us pass is stamped before its post.
    const int left = m_permits.fetch_sub(1) - 1;
    Runtime::emitOrdered(EventKind::SemAcquired, m_id, left, blocked ? 1 : 0);
    return true;
}

void SharedSemaphore::release() {
    Runtime::checkpoint(EventKind::SemReleased, m_id);
    // Stamped, and counted, before the post: a process woken by it records its acquisition
    // after this, never while the trace still shows us holding the permit.
    const int now = m_permits.fetch_add(1) + 1;
    Runtime::emitOrdered(EventKind::SemReleased, m_id, now, m_waiting.load());
    if (sem_post(&m_sem) != 0) throw std::runtime_error(errnoText("sem_post"));
}

}  // namespace interleave
