#pragma once
// Manual scheduling from the controlling side: which actor waits at which checkpoint, and the
// grant that lets exactly one of them take one step. Qt-free, so the window, the command line
// and the schedule replay share it. It reads and writes the channel only: the actors may be
// threads of the lab or of any process the lab forked.

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "core/channel/channel.h"
#include "core/schema/event.h"

namespace interleave {

enum class TurnState : std::uint8_t {
    AtCheckpoint,  // stopped, waiting for a grant: it can be chosen
    Running,       // between two checkpoints (just granted)
    Blocked,       // asleep in the kernel inside its step (a lock another holds, an empty pipe)
    Ended,
};

struct ActorTurn {
    std::uint32_t actor = kNoActor;
    std::string name;
    TurnState state = TurnState::Running;
    // The step it waits to take (AtCheckpoint) or is taking (Running, Blocked).
    EventKind next = EventKind::None;
    std::uint32_t object = kNoObject;
    std::int64_t arg = 0;
    std::uint32_t passed = 0;  // grants it has used
};

class Scheduler {
  public:
    explicit Scheduler(const Channel& channel) : m_channel(&channel) {}

    void setMode(ScheduleMode mode) const;  // leaving Manual lets every waiting actor go on
    ScheduleMode mode() const;
    // Wakes every actor waiting for a grant, to see the run stop or leave manual mode.
    void wakeAll() const;

    ActorTurn turn(std::uint32_t actor) const;
    // Every actor slot claimed, in actor order; a slot not yet published (a thread starting up)
    // is Running with no name.
    std::vector<ActorTurn> turns() const;

    // Lets `actor` pass one checkpoint. False, and nothing changes, unless it is waiting at one
    // with no grant pending.
    bool grant(std::uint32_t actor) const;
    // Waits until no actor is Running: each waits at a checkpoint, is blocked or has ended. A
    // step can wake another actor (an unlock wakes the thread blocked on it), so after a grant
    // this, not the granted actor alone, says when the run stands still. False at the timeout.
    bool waitQuiescent(std::chrono::milliseconds timeout) const;
    // Waits until `actor` is AtCheckpoint; false when it ends or blocks first, or at the timeout.
    bool waitAtCheckpoint(std::uint32_t actor, std::chrono::milliseconds timeout) const;
    // The published actor called `name`, the `nth` of that name (0: the first); kNoActor if none.
    std::uint32_t findActor(const std::string& name, int nth = 0) const;

  private:
    template <class Done>
    bool waitUntil(Done done, std::chrono::milliseconds timeout) const;
    const Channel* m_channel;
};

}  // namespace interleave
