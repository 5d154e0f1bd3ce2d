#pragma once
// What each actor was doing over time, derived from its events. The Chrome trace writes these
// as complete events; the timeline draws them as lanes, feeding the tracker as events arrive.

#include <cstdint>
#include <map>
#include <string_view>
#include <vector>

#include "core/channel/event_store.h"

namespace interleave {

enum class ActorState : std::uint8_t {
    Running,
    BlockedOnLock,
    WaitingOnCondition,
    WaitingOnSemaphore,
    Working,      // simulated work or sleep
    WaitingJoin,  // joining a thread or waiting for a child process
    Exited,
    CaptureWait,     // lossless capture: the recorder made this thread wait for the reader
    Lost,            // drop capture: events of this stretch were lost (count on the lost_end)
    Spinning,        // busy waiting: polling in a loop, on a CPU, for a change another thread makes
    WaitingOnIpc,    // blocked in the kernel on a pipe (full for a writer, empty for a reader)
    Zombie,          // a process's main thread has ended, and its parent has not reaped it yet
    WaitingForGil,   // a "Python" thread of the GIL model waits for the interpreter lock
    WaitingForTurn,  // manual scheduling: stopped at a checkpoint until it is granted a step
};
inline constexpr int kActorStateCount = 14;

std::string_view stateName(ActorState s);

struct StateSegment {
    std::int64_t begin;
    std::int64_t end;
    ActorState state;
    std::uint32_t object;  // the lock, condition or semaphore involved
};

// Incremental: feed one actor's events in time order; ask for segments at any moment.
class ActorStateTracker {
  public:
    // A process's main thread (`processMain`) is a zombie from its end until its process is
    // reaped (processEnded, or a process_exit for its pid).
    explicit ActorStateTracker(int pid = 0, bool processMain = false)
        : m_pid(pid), m_processMain(processMain) {}

    void feed(const Row& r);
    // The actor's process ended at `ns` (a thread that never reported its own end died with it).
    void processEnded(std::int64_t ns);

    bool ended() const { return m_ended; }
    // Closed segments, oldest first (a segment is closed once the actor left that state).
    const std::vector<StateSegment>& closed() const { return m_closed; }
    // The closed segments plus the open one(s), cut at `until`.
    std::vector<StateSegment> segmentsUntil(std::int64_t until) const;
    // The segment(s) still open at the end of what was fed, cut at `until` (none once ended).
    std::vector<StateSegment> openSegments(std::int64_t until) const;
    // The state at the end of what was fed (BlockedOnLock while a request is outstanding).
    ActorState current() const;
    // The state at time t (Exited before the first event and after the end).
    ActorState stateAt(std::int64_t t) const;
    std::int64_t startNs() const { return m_started ? m_firstNs : -1; }

  private:
    void moveTo(std::int64_t t, ActorState next, std::uint32_t object);
    // A capture stretch [m_markBeginNs, t] of `kind`; the state around it carries on after it.
    void insertStretch(std::int64_t t, ActorState kind);

    int m_pid;
    bool m_processMain = false;
    bool m_started = false;
    bool m_ended = false;
    ActorState m_state = ActorState::Running;
    std::uint32_t m_object = kNoObject;
    std::int64_t m_since = 0;
    std::int64_t m_firstNs = 0;
    // A lock request stays "running" until we know it had to wait (the acquisition says so);
    // uncontended acquisitions then cost no segment at all.
    std::int64_t m_requestNs = -1;
    std::uint32_t m_requestObject = kNoObject;
    std::int64_t m_markBeginNs = -1;  // the open capture_wait_begin or lost_begin
    std::vector<StateSegment> m_closed;
};

struct ProcessEnd {
    std::int64_t ns;
    std::int64_t status;  // see exitStatus* in event.h
};

// When each process ended, from process_exit events (whoever reported them).
std::map<int, ProcessEnd> processEnds(const EventStore& store);

// Segments of one actor from its first event up to `until` (or its end, when it ended).
std::vector<StateSegment> stateSegments(const EventStore& store, const ActorInfo& actor,
                                        const std::map<int, ProcessEnd>& ends, std::int64_t until);

}  // namespace interleave
