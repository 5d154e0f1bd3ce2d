#include "core/primitives/threads/traced_condvar.h"

#include "core/primitives/runtime.h"

namespace interleave {

TracedCondVar::TracedCondVar(std::string_view name, ObjectLink link)
    : m_id(Runtime::registerObject(ObjectKind::CondVar, name, 0, link)) {}

void TracedCondVar::wait(TracedMutex& mutex) {
    Runtime::checkpoint(EventKind::CondWait, m_id);
    Waiter self{Runtime::currentActor()};
    m_waiters.push_back(&self);
    Runtime::emit(EventKind::CondWait, m_id, mutex.id());
    // Waiting gives the mutex up; saying so keeps every mutex's owner intervals exact.
    Runtime::emitOrdered(EventKind::LockReleased, mutex.id());
    mutex.setOwner(kNoActor);
    std::unique_lock<std::mutex> lock(mutex.native(), std::adopt_lock);
    m_cv.wait(lock, [&] { return self.signaled; });
    lock.release();
    mutex.setOwner(self.actor);
    Runtime::emitOrdered(EventKind::CondWoken, m_id, mutex.id());
    Runtime::emitOrdered(EventKind::LockAcquired, mutex.id(), 0, 1);
}

void TracedCondVar::notifyOne() {
    Runtime::checkpoint(EventKind::CondNotifyOne, m_id);
    const auto waiters = static_cast<std::int64_t>(m_waiters.size());
    std::int64_t woken = -1;
    if (!m_waiters.empty()) {
        Waiter* w = m_waiters.front();
        m_waiters.pop_front();
        w->signaled = true;
        woken = w->actor;
    }
    Runtime::emit(EventKind::CondNotifyOne, m_id, waiters, woken);
    // One shared std::condition_variable: every waiter re-checks its own flag.
    if (woken >= 0 || waiters > 0) m_cv.notify_all();
}

void TracedCondVar::notifyAll() {
    Runtime::checkpoint(EventKind::CondNotifyAll, m_id);
    const auto waiters = static_cast<std::int64_t>(m_waiters.size());
    Runtime::emit(EventKind::CondNotifyAll, m_id, waiters);
    for (Waiter* w : m_waiters) {
        w->signaled = true;
        Runtime::emit(EventKind::CondWakes, m_id, w->actor);  // for the arrow to each one
    }
    m_waiters.clear();
    m_cv.notify_all();
}

}  // namespace interleave
