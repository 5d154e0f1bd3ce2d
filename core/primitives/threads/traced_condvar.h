#pragma once
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <string_view>

#include "core/primitives/object_link.h"

#include "core/primitives/threads/traced_mutex.h"

namespace interleave {

// A condition variable that knows exactly which waiter a notify wakes, so the timeline can draw
// the arrow from notifier to woken thread. Waiters are served in arrival order (a valid
// condition variable policy) and never wake spuriously. All calls must hold the mutex passed
// to wait(); that is also what makes the waiter list safe without a lock of its own.
class TracedCondVar {
  public:
    explicit TracedCondVar(std::string_view name, ObjectLink link = {});

    void wait(TracedMutex& mutex);
    void notifyOne();
    void notifyAll();
    std::uint32_t id() const { return m_id; }

  private:
    struct Waiter {
        std::uint32_t actor;
        bool signaled = false;
    };
    std::condition_variable m_cv;
    std::deque<Waiter*> m_waiters;
    std::uint32_t m_id;
};

}  // namespace interleave
