#pragma once
// The lab side of the channel: which channel this process writes to, which actor the calling
// thread is, and the checkpoint every traced operation passes (pause, single step, stop, speed).

#include <chrono>
#include <cstdint>
#include <string_view>

#include "core/channel/channel.h"
#include "core/channel/ring.h"
#include "core/primitives/object_link.h"
#include "core/schema/event.h"

namespace interleave {

class Runtime {
  public:
    // Installs the channel for this process. The channel must outlive every traced thread.
    static void install(const Channel* channel);
    static const Channel* channel() { return s_channel; }

    // Registers the calling thread as a new actor with its real pid/tid and gives it a ring.
    // Returns the actor id, or kNoActor when the table is full (the thread then runs untraced).
    static std::uint32_t registerThread(std::string_view name, std::uint32_t parentActor,
                                        ActorRole role = ActorRole::Thread);
    // Publishes an actor slot claimed earlier (by a parent before fork) for the calling thread.
    // `ppid` is the parent's pid as the parent saw it (-1: ask getppid()): a forked child cannot
    // ask, since its parent may already have exited and left it re-parented.
    static void adoptActor(std::uint32_t actor, std::string_view name, std::uint32_t parentActor,
                           ActorRole role, int ppid = -1);
    static std::uint32_t currentActor() { return t_actor; }
    static void detachThread();

    static void emit(EventKind kind, std::uint32_t object = kNoObject, std::int64_t a = 0,
                     std::int64_t b = 0) {
        if (t_actor == kNoActor) return countUntraced();
        t_writer.push(Event{ticks(), static_cast<std::uint16_t>(t_actor), kind, object, a, b});
    }

    // With a stamp taken earlier: the parent of a fork stamps before fork() so that its fork
    // event precedes everything the child records.
    static void emitAt(std::uint64_t stamp, EventKind kind, std::uint32_t object = kNoObject,
                       std::int64_t a = 0, std::int64_t b = 0) {
        if (t_actor == kNoActor) return countUntraced();
        t_writer.push(Event{stamp, static_cast<std::uint16_t>(t_actor), kind, object, a, b});
    }

    // For events that order threads against each other (see orderedTicks()).
    static void emitOrdered(EventKind kind, std::uint32_t object = kNoObject, std::int64_t a = 0,
                            std::int64_t b = 0) {
        if (t_actor == kNoActor) return countUntraced();
        t_writer.push(
            Event{orderedTicks(), static_cast<std::uint16_t>(t_actor), kind, object, a, b});
    }

    // Called first thing in a forked child (single-threaded). Arms the parent-death signal:
    // when the parent dies, the kernel re-parents this process to the lab (the run's subreaper)
    // and signals it; the handler records the re-parenting. If the new parent is not the lab,
    // the lab itself is gone and the process kills itself: nothing outlives a run.
    static void enterChildProcess(std::uint32_t actor, int parentPid);

    // Threads started through TracedThread that have not been joined, in this process. fork()
    // is refused while any are running (see forkTraced).
    static int liveThreads();
    static void threadStarted();
    static void threadEnded();

    static std::uint32_t registerObject(ObjectKind kind, std::string_view name,
                                        std::uint32_t capacity = 0, ObjectLink link = {});

    // Blocks while the run is paused (each step grant lets one checkpoint through); never
    // blocks once the run is stopping. Under manual scheduling, blocks until a grant addressed
    // to this actor arrives, having said which step it will take next: `next` is the kind of
    // event that step records, on `object`, with `arg` (a value to write, a byte count).
    static void checkpoint(EventKind next = EventKind::None, std::uint32_t object = kNoObject,
                           std::int64_t arg = 0);
    static bool manualSchedule();
    // The calling actor's last event (actor_exit with `rc`); tells a scheduler it has ended.
    static void actorExit(std::int64_t rc);
    // Blocks while the run is paused, and takes no step grant: for a loop that records nothing
    // (a busy wait), which would otherwise use the steps meant for traced operations, or a
    // core, while the run is paused.
    static void holdWhilePaused();
    static bool stopRequested();
    // Simulated work: `d` at speed 1, scaled by the speed factor and sliced into <= 2 ms sleeps
    // so a pause takes effect within a few ms. Cut short when the run is stopping.
    static void work(std::chrono::nanoseconds d);
    static double speed();

    // Records the calling thread's CPU time so far (cpu_time, from /proc) if the last record is
    // older than kCpuSampleNs, or always with `force` (a thread's last words). Cheap to call
    // often: between records it is one clock read.
    static void sampleCpu(bool force = false);
    static constexpr std::int64_t kCpuSampleNs = 200'000'000;

  private:
    static void waitForTurn(EventKind next, std::uint32_t object, std::int64_t arg);
    // An event of a thread that wanted an actor and got none (table full): lost, and counted.
    static void countUntraced() {
        if (t_refused && s_channel)
            s_channel->control().eventsUntraced.fetch_add(1, std::memory_order_relaxed);
    }

    static inline const Channel* s_channel = nullptr;
    static inline thread_local bool t_refused = false;
    static inline thread_local std::uint32_t t_actor = kNoActor;
    static inline thread_local RingWriter t_writer;
    static inline thread_local std::int64_t t_nextCpuSampleNs = 0;
    static inline thread_local std::int64_t t_lastCpuNs = -1;
};

}  // namespace interleave
