#include "core/supervise/scheduler.h"

#include <thread>

#include "core/sys/futex.h"
#include "core/sys/proc_stat.h"

namespace interleave {
namespace {

// How long a scheduler sleeps on the doorbell before looking at /proc again: a step that ends
// blocked in the kernel rings no bell.
constexpr std::int64_t kSettlePollNs = 1'000'000;

}  // namespace

void Scheduler::setMode(ScheduleMode mode) const {
    m_channel->control().schedule.store(static_cast<std::uint32_t>(mode),
                                        std::memory_order_release);
    if (mode == ScheduleMode::Free) wakeAll();
}

ScheduleMode Scheduler::mode() const {
    return static_cast<ScheduleMode>(m_channel->control().schedule.load(std::memory_order_acquire));
}

void Scheduler::wakeAll() const {
    for (std::uint32_t a = 0, n = m_channel->actorLimit(); a < n; ++a)
        futexWakeAll(m_channel->actor(a).grant);
}

ActorTurn Scheduler::turn(std::uint32_t actor) const {
    ActorTurn t;
    t.actor = actor;
    if (actor >= m_channel->actorLimit()) {
        t.state = TurnState::Ended;
        return t;
    }
    // A slot claimed and not yet published is a thread starting up: Running.
    const auto& e = m_channel->actor(actor);
    if (e.ready.load(std::memory_order_acquire) == 0) return t;
    t.name = std::string(m_channel->string(e.nameOffset));
    // In the reverse of the order the actor writes them (flag off, count up; then at the next
    // checkpoint its step, flag on): a flag seen set after the count is the count's checkpoint,
    // and the step written before the flag is visible.
    const auto passed = e.passed.load(std::memory_order_acquire);
    const bool waiting = e.atCheckpoint.load(std::memory_order_acquire) != 0;
    t.passed = passed;
    t.next = static_cast<EventKind>(e.nextKind.load(std::memory_order_relaxed));
    t.object = e.nextObject.load(std::memory_order_relaxed);
    t.arg = e.nextArg.load(std::memory_order_relaxed);
    if (e.ended.load(std::memory_order_acquire) != 0) {
        t.state = TurnState::Ended;
    } else if (waiting) {
        t.state = e.grant.load(std::memory_order_acquire) == passed ? TurnState::AtCheckpoint
                                                                    : TurnState::Running;
    } else if (passed == 0 && e.grant.load(std::memory_order_acquire) == 0) {
        // Not at its first checkpoint yet: starting up. A thread asleep now is in the
        // program's start-up (loading, logging), not in a step: only a step can block.
        t.state = readThreadState(e.pid, e.tid) == 0 ? TurnState::Ended : TurnState::Running;
    } else {
        switch (readThreadState(e.pid, e.tid)) {
            case 0:
            case 'Z':
            case 'X':
                t.state = TurnState::Ended;  // killed, or crashed with its process
                break;
            case 'S':
            case 'D':
                t.state = TurnState::Blocked;
                break;
            default:
                t.state = TurnState::Running;
        }
    }
    return t;
}

std::vector<ActorTurn> Scheduler::turns() const {
    std::vector<ActorTurn> out;
    for (std::uint32_t a = 0, n = m_channel->actorLimit(); a < n; ++a)
        out.push_back(turn(a));
    return out;
}

bool Scheduler::grant(std::uint32_t actor) const {
    if (actor >= m_channel->actorLimit() || mode() != ScheduleMode::Manual) return false;
    auto& e = m_channel->actor(actor);
    if (e.ready.load(std::memory_order_acquire) == 0) return false;
    // Count, then flag, as turn() reads them: a flag still set from a checkpoint the actor is
    // leaving comes with the old count, whose grant is taken, so the exchange below fails.
    auto expected = e.passed.load(std::memory_order_acquire);
    if (e.atCheckpoint.load(std::memory_order_acquire) == 0) return false;
    if (!e.grant.compare_exchange_strong(expected, expected + 1, std::memory_order_acq_rel))
        return false;
    futexWakeAll(e.grant);
    return true;
}

template <class Done>
bool Scheduler::waitUntil(Done done, std::chrono::milliseconds timeout) const {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    auto& bell = m_channel->control().scheduleDoorbell;
    for (;;) {
        const auto rung = bell.load(std::memory_order_acquire);
        if (done()) return true;
        if (std::chrono::steady_clock::now() >= deadline) return false;
        futexWait(bell, rung, kSettlePollNs);
    }
}

bool Scheduler::waitQuiescent(std::chrono::milliseconds timeout) const {
    std::vector<int> blockedSeen;
    return waitUntil(
        [&] {
            const auto all = turns();
            blockedSeen.resize(m_channel->actorLimit(), 0);
            bool still = !all.empty();  // before the lab's first actor, nothing has begun
            for (const auto& t : all) {
                auto& seen = blockedSeen[t.actor];
                seen = t.state == TurnState::Blocked ? seen + 1 : 0;
                if (t.state == TurnState::Running || (t.state == TurnState::Blocked && seen < 3))
                    still = false;
            }
            return still;
        },
        timeout);
}

bool Scheduler::waitAtCheckpoint(std::uint32_t actor, std::chrono::milliseconds timeout) const {
    bool gaveUp = false;
    int blockedSeen = 0;
    const bool arrived = waitUntil(
        [&] {
            const auto s = turn(actor).state;
            blockedSeen = s == TurnState::Blocked ? blockedSeen + 1 : 0;
            gaveUp = s == TurnState::Ended || blockedSeen >= 3;
            return s == TurnState::AtCheckpoint || gaveUp;
        },
        timeout);
    return arrived && !gaveUp;
}

std::uint32_t Scheduler::findActor(const std::string& name, int nth) const {
    for (std::uint32_t a = 0, n = m_channel->actorLimit(); a < n; ++a) {
        const auto& e = m_channel->actor(a);
        if (e.ready.load(std::memory_order_acquire) == 0) continue;
        if (m_channel->string(e.nameOffset) == name && nth-- == 0) return a;
    }
    return kNoActor;
}

}  // namespace interleave
