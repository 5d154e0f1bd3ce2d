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
}

void SharedSemaphore::destroy() {
    sem_destroy(&m_sem);
}

int SharedSemaphore::value() {
    int v = 0;
    sem_getvalue(&m_sem, &v);
    return v;
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
    Runtime::emitOrdered(EventKind::SemAcquired, m_id, value(), blocked ? 1 : 0);
    return true;
}

void SharedSemaphore::release() {
    Runtime::checkpoint(EventKind::SemReleased, m_id);
    if (sem_post(&m_sem) != 0) throw std::runtime_error(errnoText("sem_post"));
    Runtime::emitOrdered(EventKind::SemReleased, m_id, value(), m_waiting.load());
}

}  // namespace interleave
