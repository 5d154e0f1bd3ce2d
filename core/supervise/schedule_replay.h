#pragma once
// Gives a recorded schedule's grants again, in order, to a run in manual mode: each to the
// actor of that name once it waits at a checkpoint, and the next only when that step is done
// (the actor waits again, blocks in the kernel or ends). One actor moves at a time, so the run
// takes the same steps in the same order: the same lost update, the same deadlock.

#include <atomic>
#include <cstddef>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/analysis/schedule.h"
#include "core/channel/channel.h"
#include "core/supervise/scheduler.h"

namespace interleave {

class ScheduleReplay {
  public:
    // Starts at once, on a thread of its own. `thenFree`: when every grant is given, the run
    // leaves manual mode and goes on by itself; else it stays for a person to go on.
    ScheduleReplay(const Channel& channel, std::vector<ScheduledActor> grants, bool thenFree);
    ~ScheduleReplay();  // cancels and joins
    ScheduleReplay(const ScheduleReplay&) = delete;
    ScheduleReplay& operator=(const ScheduleReplay&) = delete;

    void cancel();
    bool done() const { return m_done.load(std::memory_order_acquire); }
    std::size_t given() const { return m_given.load(std::memory_order_acquire); }
    std::size_t total() const { return m_grants.size(); }
    // Why the replay stopped early ("step 7: thread 2 never reached a checkpoint"); empty when
    // it gave every grant or was cancelled.
    std::string error() const;

    // How long an actor may take to reach the checkpoint its next grant is for.
    static constexpr std::chrono::milliseconds kArriveTimeout{10'000};

  private:
    void run();
    bool cancelled() const;

    Scheduler m_scheduler;
    const Channel* m_channel;
    std::vector<ScheduledActor> m_grants;
    bool m_thenFree;
    std::atomic<bool> m_cancel{false};
    std::atomic<bool> m_done{false};
    std::atomic<std::size_t> m_given{0};
    mutable std::mutex m_mutex;
    std::string m_error;
    std::thread m_thread;
};

}  // namespace interleave
