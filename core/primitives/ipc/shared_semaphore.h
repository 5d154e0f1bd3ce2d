#pragma once
// A POSIX semaphore shared by processes (sem_init with pshared = 1), traced like the thread
// one: a wait that finds it at 0 is recorded before the kernel makes the caller sleep. It must
// live in memory every user maps shared (see SharedSegment), and be made before fork().
//
// The value a record carries is sem_getvalue() right after the operation: another process may
// have changed it in between, unlike the thread semaphore, whose records are made under its lock.

#include <semaphore.h>

#include <atomic>
#include <cstdint>
#include <string_view>

#include "core/primitives/object_link.h"

namespace interleave {

class SharedSemaphore {
  public:
    // In place, in shared memory. Throws std::runtime_error when sem_init fails.
    void init(std::string_view name, unsigned initial, ObjectLink link = {});
    void destroy();

    // Returns false, without taking it, when the run is stopping.
    bool acquire();
    void release();
    std::uint32_t id() const { return m_id; }

  private:
    int value();

    sem_t m_sem;
    std::uint32_t m_id;
    // Processes asleep in acquire(): what a release tells the timeline (one of them may pass).
    // Lock-free, so it works in shared memory.
    std::atomic<int> m_waiting;
    static_assert(std::atomic<int>::is_always_lock_free);
};

}  // namespace interleave
