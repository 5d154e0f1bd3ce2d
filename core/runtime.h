#pragma once
// The lab side of the channel: which channel this process writes to, which actor the calling
// thread is, and the checkpoint every traced operation passes (pause, single step, stop, speed).

#include <chrono>
#include <cstdint>
#include <string_view>

#include "core/channel.h"
#include "core/event.h"
#include "core/ring.h"

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
        if (t_actor == kNoActor) return;
        t_writer.push(Event{ticks(), static_cast<std::uint16_t>(t_actor), kind, object, a, b});
    }

    // For events that order threads against each other (see orderedTicks()).
    static void emitOrdered(EventKind kind, std::uint32_t object = kNoObject, std::int64_t a = 0,
                            std::int64_t b = 0) {
        if (t_actor == kNoActor) return;
        t_writer.push(
            Event{orderedTicks(), static_cast<std::uint16_t>(t_actor), kind, object, a, b});
    }

    static std::uint32_t registerObject(ObjectKind kind, std::string_view name,
                                        std::uint32_t capacity = 0);

    // Blocks while the run is paused (each step grant lets one checkpoint through); never
    // blocks once the run is stopping.
    static void checkpoint();
    static bool stopRequested();
    // Simulated work: `d` at speed 1, scaled by the speed factor and sliced into <= 2 ms sleeps
    // so a pause takes effect within a few ms. Cut short when the run is stopping.
    static void work(std::chrono::nanoseconds d);
    static double speed();

  private:
    static inline const Channel* s_channel = nullptr;
    static inline thread_local std::uint32_t t_actor = kNoActor;
    static inline thread_local RingWriter t_writer;
};

}  // namespace interleave
