#pragma once
// A POSIX semaphore shared by processes (sem_init with pshared = 1), traced like the thread
// one: a wait that finds it at 0 is recorded before the kernel makes the caller sleep. It must
// live in memory every user maps shared (see SharedSegment), and be made before fork().
//
// Cause before effect (docs/architecture.md): a release is stamped before sem_post(), an
// acquisition after sem_wait() returns, so in recorded time no more processes hold it than it
// has permits. The value a record carries is not sem_getvalue() read after the fact (another
// process may have changed it by then) but the result of the record's own step on a counter
// kept beside the semaphore: every release adds one before its post, every acquisition takes
// one after its wait, each as one atomic step, so each record's value is the one its own
// operation left.

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
    sem_t m_sem;
    std::uint32_t m_id;
    // Processes asleep in acquire(): what a release tells the timeline (one of them may pass).
    // Lock-free, so it works in shared memory.
    std::atomic<int> m_waiting;
    // Permits as the records count them (see above): never below the kernel's value, never
    // below 0.
    std::atomic<int> m_permits;
    static_assert(std::atomic<int>::is_always_lock_free);
};

}  // namespace interleave
