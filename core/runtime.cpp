#include "core/runtime.h"

#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>

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

constexpr std::int64_t kPausePollNs = 1'000'000;
constexpr std::int64_t kWorkSliceNs = 2'000'000;

}  // namespace

void Runtime::install(const Channel* channel) {
    s_channel = channel;
}

std::uint32_t Runtime::registerThread(std::string_view name, std::uint32_t parentActor,
                                      ActorRole role) {
    if (!s_channel) return kNoActor;
    const auto id = s_channel->claimActor();
    if (id == kNoActor) {
        t_actor = kNoActor;
        return kNoActor;
    }
    adoptActor(id, name, parentActor, role);
    return id;
}

void Runtime::adoptActor(std::uint32_t actor, std::string_view name, std::uint32_t parentActor,
                         ActorRole role, int ppid) {
    if (!s_channel || actor == kNoActor) return;
    s_channel->publishActor(actor, name, role, parentActor, getpid(), ppid >= 0 ? ppid : getppid(),
                            static_cast<int>(syscall(SYS_gettid)));
    t_actor = actor;
    t_writer = writerFor(*s_channel, actor);
    emit(EventKind::ActorStart, kNoObject, parentActor == kNoActor ? -1 : parentActor,
         role == ActorRole::ProcessMain ? 1 : 0);
}

void Runtime::detachThread() {
    t_actor = kNoActor;
    t_writer = RingWriter();
}

std::uint32_t Runtime::registerObject(ObjectKind kind, std::string_view name,
                                      std::uint32_t capacity) {
    return s_channel ? s_channel->registerObject(kind, name, capacity) : kNoObject;
}

void Runtime::checkpoint() {
    if (!s_channel) return;
    auto& c = s_channel->control();
    while (state(c) == RunState::Paused) {
        if (takeStepGrant(c)) return;
        sleepNs(kPausePollNs);
    }
}

bool Runtime::stopRequested() {
    return s_channel && state(s_channel->control()) == RunState::Stopping;
}

double Runtime::speed() {
    if (!s_channel) return 1.0;
    return std::clamp(s_channel->control().speedMilli.load(std::memory_order_relaxed), 50u, 4000u) /
           1000.0;
}

void Runtime::work(std::chrono::nanoseconds d) {
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
                sleepNs(kPausePollNs);
                continue;
            }
        }
        const double sp = speed();
        const auto realNs = std::min<double>(remaining / sp, kWorkSliceNs);
        sleepNs(static_cast<std::int64_t>(realNs));
        remaining -= realNs * sp;
    }
    emit(EventKind::WorkEnd);
}

}  // namespace interleave
