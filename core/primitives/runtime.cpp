#include "core/primitives/runtime.h"

#include <signal.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>

#include "core/channel/speed_range.h"
#include "core/sys/clock.h"
#include "core/sys/futex.h"
#include "core/sys/proc_stat.h"

namespace interleave {
namespace {

void sleepNs(std::int64_t ns) {
    timespec ts{static_cast<time_t>(ns / 1'000'000'000), static_cast<long>(ns % 1'000'000'000)};
    while (nanosleep(&ts, &ts) != 0) {
    }
}

RunState state(const ControlBlock& c) {
    return static_cast<RunState>(c.runState.load(std::memory_order_acquire));
}

bool takeStepGrant(ControlBlock& c) {
    auto g = c.stepGrants.load(std::memory_order_acquire);
    while (g > 0)
        if (c.stepGrants.compare_exchange_weak(g, g - 1, std::memory_order_acq_rel)) return true;
    return false;
}

// A paused thread sleeps on the run-state word; resume, step and stop wake it (supervisor.cpp).
// The timeout only bounds the damage of a missed wake.
constexpr std::int64_t kPauseSleepNs = 200'000'000;

// Tells a scheduler waiting for an actor to settle that one has moved.
void ringScheduler(ControlBlock& c) {
    c.scheduleDoorbell.fetch_add(1, std::memory_order_release);
    futexWakeAll(c.scheduleDoorbell);
}

void waitWhilePaused(ControlBlock& c) {
    futexWait(c.runState, static_cast<std::uint32_t>(RunState::Paused), kPauseSleepNs);
}

std::atomic<int> g_liveThreads{0};
// This process's main actor and the parent it knows of, for the parent-death handler.
std::atomic<std::uint32_t> g_processActor{kNoActor};
std::atomic<int> g_knownParent{0};

// Async-signal-safe: getppid, kill and lock-free atomics in the shared channel only.
void onParentDeath(int) {
    const Channel* ch = Runtime::channel();
    const pid_t now = getppid();
    if (!ch || now == g_knownParent.load()) return;  // not a re-parenting
    if (now != ch->control().labPid.load(std::memory_order_acquire)) {
        // Re-parented past the lab: the lab, the run's subreaper, is gone.
        kill(getpid(), SIGKILL);
        return;
    }
    g_knownParent.store(now);
    const auto actor = g_processActor.load();
    if (actor == kNoActor) return;
    auto& e = ch->actor(actor);
    e.reparentedTo.store(now, std::memory_order_relaxed);
    std::uint64_t expected = 0;
    e.reparentTicks.compare_exchange_strong(expected, orderedTicks(), std::memory_order_release);
}
constexpr std::int64_t kWorkSliceNs = 2'000'000;

}  // namespace

void Runtime::install(const Channel* channel) {
    s_channel = channel;
    // Every writer of a run stamps in the run's one time base, whatever this process would
    // have chosen alone.
    if (channel) g_interleaveUseTsc = channel->header().timeBase.usesTsc != 0;
}

void Runtime::enterChildProcess(std::uint32_t actor, int parentPid) {
    g_liveThreads.store(0);  // the parent's threads did not come along
    g_processActor.store(actor);
    g_knownParent.store(parentPid);
    struct sigaction sa {};
    sa.sa_handler = onParentDeath;
    sa.sa_flags = SA_RESTART;
    sigemptyset(&sa.sa_mask);
    // The last real-time signal: scenarios that teach signals use SIGUSR1/2 and the first
    // real-time ones.
    sigaction(SIGRTMAX, &sa, nullptr);
    prctl(PR_SET_PDEATHSIG, SIGRTMAX);
    // The parent may have died before the death signal was armed: look once by hand.
    if (getppid() != parentPid) onParentDeath(0);
}

int Runtime::liveThreads() {
    return g_liveThreads.load();
}
void Runtime::threadStarted() {
    g_liveThreads.fetch_add(1);
}
void Runtime::threadEnded() {
    g_liveThreads.fetch_sub(1);
}

std::uint32_t Runtime::registerThread(std::string_view name, std::uint32_t parentActor,
                                      ActorRole role) {
    if (!s_channel) return kNoActor;
    const auto id = s_channel->claimActor();
    adoptActor(id, name, parentActor, role);
    return id;
}

void Runtime::adoptActor(std::uint32_t actor, std::string_view name, std::uint32_t parentActor,
                         ActorRole role, int ppid) {
    t_refused = actor == kNoActor;
    if (!s_channel || actor == kNoActor) {
        t_actor = kNoActor;
        t_writer = RingWriter();
        countUntraced();  // its actor_start
        return;
    }
    s_channel->publishActor(actor, name, role, parentActor, getpid(), ppid >= 0 ? ppid : getppid(),
                            static_cast<int>(syscall(SYS_gettid)));
    t_actor = actor;
    t_writer = writerFor(*s_channel, actor);
    emit(EventKind::ActorStart, kNoObject,
         parentActor == kNoActor ? std::int64_t{-1} : std::int64_t{parentActor},
         role == ActorRole::ProcessMain ? 1 : 0);
}

void Runtime::detachThread() {
    t_actor = kNoActor;
    t_refused = false;
    t_writer = RingWriter();
}

std::uint32_t Runtime::registerObject(ObjectKind kind, std::string_view name,
                                      std::uint32_t capacity, ObjectLink link) {
    return s_channel ? s_channel->registerObject(kind, name, capacity, link.role, link.owner)
                     : kNoObject;
}

bool Runtime::manualSchedule() {
    return s_channel && s_channel->control().schedule.load(std::memory_order_acquire) ==
                            static_cast<std::uint32_t>(ScheduleMode::Manual);
}

void Runtime::checkpoint(EventKind next, std::uint32_t object, std::int64_t arg) {
    if (!s_channel) return;
    auto& c = s_channel->control();
    if (t_actor != kNoActor && manualSchedule()) return waitForTurn(next, object, arg);
    while (state(c) == RunState::Paused) {
        if (takeStepGrant(c)) return;
        waitWhilePaused(c);
    }
}

// One futex per actor: a grant wakes the actor it names and no other, whichever process it is
// in. The scheduler wakes every actor when the run leaves manual mode or stops, so a stop is as
// fast here as anywhere; the timeout only bounds the damage of a missed wake.
void Runtime::waitForTurn(EventKind next, std::uint32_t object, std::int64_t arg) {
    auto& c = s_channel->control();
    auto& e = s_channel->actor(t_actor);
    const auto passed = e.passed.load(std::memory_order_relaxed);
    e.nextKind.store(static_cast<std::uint32_t>(next), std::memory_order_relaxed);
    e.nextObject.store(object, std::memory_order_relaxed);
    e.nextArg.store(arg, std::memory_order_relaxed);
    emitOrdered(EventKind::CheckpointWait, object, static_cast<std::int64_t>(next), arg);
    e.atCheckpoint.store(1, std::memory_order_release);
    ringScheduler(c);
    bool granted = false;
    while (manualSchedule() && state(c) != RunState::Stopping) {
        if (e.grant.load(std::memory_order_acquire) != passed) {
            granted = true;
            break;
        }
        futexWait(e.grant, passed, kPauseSleepNs);
    }
    // Off the checkpoint before the count moves: a scheduler that sees the new count and then
    // the flag set knows the flag is from the next checkpoint (Scheduler::turn reads them in
    // that order).
    e.atCheckpoint.store(0, std::memory_order_release);
    if (granted) e.passed.store(passed + 1, std::memory_order_release);
    emitOrdered(EventKind::CheckpointPass, object, granted ? std::int64_t{passed} + 1 : -1);
    ringScheduler(c);
}

void Runtime::actorExit(std::int64_t rc) {
    emit(EventKind::ActorExit, kNoObject, rc);
    if (!s_channel || t_actor == kNoActor) return;
    s_channel->actor(t_actor).ended.store(1, std::memory_order_release);
    ringScheduler(s_channel->control());
}

void Runtime::holdWhilePaused() {
    if (!s_channel) return;
    // A busy wait under manual scheduling polls once per grant: each poll is a step.
    if (manualSchedule()) return checkpoint();
    auto& c = s_channel->control();
    while (state(c) == RunState::Paused)
        waitWhilePaused(c);
}

bool Runtime::stopRequested() {
    return s_channel && state(s_channel->control()) == RunState::Stopping;
}

double Runtime::speed() {
    if (!s_channel) return 1.0;
    return std::clamp(s_channel->control().speedMilli.load(std::memory_order_relaxed),
                      kMinSpeedMilli, kMaxSpeedMilli) /
           1000.0;
}

void Runtime::work(std::chrono::nanoseconds d) {
    if (manualSchedule()) {
        // Scheduled by hand, time is the student's: the work is recorded and takes none, so
        // that every step between two checkpoints is one traced operation.
        emit(EventKind::WorkBegin, kNoObject, d.count());
        emit(EventKind::WorkEnd);
        return;
    }
    checkpoint();
    emit(EventKind::WorkBegin, kNoObject, d.count());
    // `remaining` is in scenario time (speed 1); each slice sleeps real time = slice / speed.
    auto remaining = static_cast<double>(d.count());
    bool steppedThrough = false;
    while (remaining > 0) {
        if (stopRequested()) break;
        if (!steppedThrough && s_channel && state(s_channel->control()) == RunState::Paused) {
            // A step grant taken here finishes this piece of work; the next checkpoint stops.
            if (takeStepGrant(s_channel->control())) {
                steppedThrough = true;
            } else {
                waitWhilePaused(s_channel->control());
                continue;
            }
        }
        const double sp = speed();
        const auto realNs = std::min<double>(remaining / sp, kWorkSliceNs);
        sleepNs(static_cast<std::int64_t>(realNs));
        remaining -= realNs * sp;
    }
    emit(EventKind::WorkEnd);
    sampleCpu();
}

void Runtime::sampleCpu(bool force) {
    if (t_actor == kNoActor) return;
    const auto now = monotonicNs();
    if (!force && now < t_nextCpuSampleNs) return;
    t_nextCpuSampleNs = now + kCpuSampleNs;
    const auto cpu = readThreadCpu();
    // A thread's last words right after a sample would say the same again.
    if (!cpu || (force && cpu->ns == t_lastCpuNs)) return;
    t_lastCpuNs = cpu->ns;
    emit(EventKind::CpuTime, kNoObject, cpu->ns, cpu->coarse);
}

}  // namespace interleave
