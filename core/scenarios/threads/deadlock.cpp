// Threads around a table, one lock between each two of them (C14): each takes the lock on its
// left, then the one on its right. With two threads that is the classic two threads, two locks
// in opposite order; with more it is the dining philosophers. When every thread holds its left
// lock, each waits for its right-hand neighbour forever. Three fixes break the cycle: one global
// order, giving the first lock back when the second is taken (try-lock with back-off), and
// taking both at once (std::scoped_lock, which tries and backs off inside).
//
// The locks need not be mutexes: the same cycle closes through reader-writer locks (each thread
// reads its left one and writes its right one, which its neighbour is reading), binary
// semaphores, and locks made of a mutex, a flag and a condition variable (each thread waits on
// the condition of its right lock, which only its neighbour, waiting too, could signal).

#include <chrono>
#include <deque>
#include <memory>
#include <mutex>
#include <random>
#include <stdexcept>
#include <string>

#include "core/primitives/runtime.h"
#include "core/primitives/threads/traced_condvar.h"
#include "core/primitives/threads/traced_mutex.h"
#include "core/primitives/threads/traced_rwlock.h"
#include "core/primitives/threads/traced_semaphore.h"
#include "core/primitives/threads/traced_thread.h"
#include "core/scenarios/scenario.h"

namespace interleave {
namespace {

std::string lockName(std::int64_t i) {
    std::string name = "lock ";
    name.push_back(static_cast<char>('A' + i));
    return name;
}

// One lock of the table, made of what `through` names. For a reader-writer lock the left one is
// read and the right one written (a thread's `reading` take).
class TableLock {
  public:
    TableLock(const std::string& name, const std::string& through) {
        if (through == "rwlock")
            m_rw = std::make_unique<TracedRwLock>(name, TracedRwLock::Prefer::Writers);
        else if (through == "semaphore")
            m_sem = std::make_unique<TracedSemaphore>(name, 1);
        else if (through == "condition")
            m_free = std::make_unique<TracedCondVar>(name + " free");
        m_mutex = std::make_unique<TracedMutex>(name);  // the condition's, or the lock itself
    }
    TracedMutex& mutex() { return *m_mutex; }
    void take(bool reading) {
        if (m_rw) return reading ? m_rw->lockShared() : m_rw->lock();
        if (m_sem) {
            m_sem->acquire();
            return;
        }
        m_mutex->lock();
        if (!m_free) return;
        while (m_taken)
            m_free->wait(*m_mutex);
        m_taken = true;
        m_mutex->unlock();
    }
    void give(bool reading) {
        if (m_rw) return reading ? m_rw->unlockShared() : m_rw->unlock();
        if (m_sem) return m_sem->release();
        if (m_free) {
            m_mutex->lock();
            m_taken = false;
            m_free->notifyAll();
        }
        m_mutex->unlock();
    }

  private:
    std::unique_ptr<TracedMutex> m_mutex;
    std::unique_ptr<TracedRwLock> m_rw;
    std::unique_ptr<TracedSemaphore> m_sem;
    std::unique_ptr<TracedCondVar> m_free;
    bool m_taken = false;  // condition: under m_mutex
};

int run(const ParamValues& p) {
    const std::chrono::milliseconds hold(p.integer("hold_ms"));
    const auto rounds = p.integer("rounds");
    const auto n = p.integer("threads");
    const auto fix = p.choice("fix");
    const auto through = p.choice("through");
    if (through != "mutex" && (fix == "try-lock" || fix == "scoped-lock"))
        throw std::invalid_argument("fix=" + fix + " needs through=mutex");
    std::deque<TableLock> locks;
    for (std::int64_t i = 0; i < n; ++i)
        locks.emplace_back(lockName(i), through);

    auto worker = [&](std::int64_t self) {
        TableLock* first = &locks[static_cast<std::size_t>(self)];
        TableLock* second = &locks[static_cast<std::size_t>((self + 1) % n)];
        // The left lock is read, the right one written (reader-writer locks only).
        bool firstReads = true, secondReads = false;
        // One global order: every thread takes the lower-lettered lock first, so the last one
        // turns round and no cycle can close.
        if (fix == "lock-order" && self + 1 == n) {
            std::swap(first, second);
            std::swap(firstReads, secondReads);
        }
        const bool rw = through == "rwlock";
        firstReads = firstReads && rw;
        secondReads = secondReads && rw;
        std::minstd_rand rng(static_cast<unsigned>(self + 1));
        for (std::int64_t r = 0; (rounds == 0 || r < rounds) && !Runtime::stopRequested(); ++r) {
            if (fix == "scoped-lock") {
                std::scoped_lock both(first->mutex(), second->mutex());
                Runtime::work(hold);
                continue;
            }
            first->take(firstReads);
            Runtime::work(hold);  // widens the window in which the others take their first lock
            if (fix == "try-lock") {
                while (!second->mutex().try_lock()) {
                    // Give the first lock back so its other user can go on, and wait a random
                    // while: threads that backed off together would otherwise retry together.
                    first->give(firstReads);
                    Runtime::work(
                        std::chrono::microseconds(std::uniform_int_distribution<std::int64_t>(
                            100, std::max<std::int64_t>(200, hold.count() * 1000))(rng)));
                    if (Runtime::stopRequested()) return;
                    first->take(firstReads);
                }
            } else {
                second->take(secondReads);
            }
            Runtime::work(hold);
            second->give(secondReads);
            first->give(firstReads);
        }
    };
    std::deque<TracedThread> threads;
    for (std::int64_t i = 0; i < n; ++i)
        threads.emplace_back("thread " + std::to_string(i + 1), [&worker, i] { worker(i); });
    for (auto& t : threads)
        t.join();
    return 0;
}

}  // namespace

Scenario makeDeadlock() {
    return Scenario{
        "deadlock",
        "threads",
        "Threads that each take two locks, in an order that lets them end up waiting for each "
        "other forever.",
        {
            ParamSpec::integer("threads", 2, 16, 2, "",
                               "Threads around a table, one lock between each two; 2 is two "
                               "threads and two locks, 5 the dining philosophers."),
            ParamSpec::integer("hold_ms", 0, 5000, 100, "ms",
                               "Simulated work while holding each lock."),
            ParamSpec::integer("rounds", 0, 100000, 0, "",
                               "Times each thread takes both locks; 0 means until stopped."),
            ParamSpec::choice("fix", {"none", "lock-order", "try-lock", "scoped-lock"},
                              "none: left lock, then right (deadlocks); lock-order: the "
                              "lower-lettered lock first; try-lock: give the first back when "
                              "the second is taken; scoped-lock: both at once."),
            ParamSpec::choice("through", {"mutex", "rwlock", "semaphore", "condition"},
                              "What each lock is: mutex; rwlock: a reader-writer lock, the left "
                              "one read and the right one written; semaphore: a semaphore of "
                              "value 1; condition: a flag under a mutex, waited for on a "
                              "condition variable. try-lock and scoped-lock need mutex."),
        },
        run,
        {ObjectKind::Mutex},
    };
}

}  // namespace interleave
