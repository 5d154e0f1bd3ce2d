#include "core/supervise/schedule_replay.h"

namespace interleave {
namespace {

// Waits are cut into slices this long so a cancel is seen at once.
constexpr std::chrono::milliseconds kSlice{50};
// With every actor standing still (none can move without a grant) for this many slices, the
// one the next grant is for will not come: the run went another way.
constexpr int kStillSlicesToGiveUp = 20;

}  // namespace

ScheduleReplay::ScheduleReplay(const Channel& channel, std::vector<ScheduledActor> grants,
                               bool thenFree)
    : m_scheduler(channel), m_channel(&channel), m_grants(std::move(grants)), m_thenFree(thenFree) {
    m_thread = std::thread([this] { run(); });
}

ScheduleReplay::~ScheduleReplay() {
    cancel();
    if (m_thread.joinable()) m_thread.join();
}

void ScheduleReplay::cancel() {
    m_cancel.store(true, std::memory_order_release);
}

std::string ScheduleReplay::error() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_error;
}

bool ScheduleReplay::cancelled() const {
    return m_cancel.load(std::memory_order_acquire) ||
           m_channel->control().runState.load(std::memory_order_acquire) ==
               static_cast<std::uint32_t>(RunState::Stopping) ||
           m_scheduler.mode() != ScheduleMode::Manual;
}

void ScheduleReplay::run() {
    auto fail = [&](std::size_t step, const std::string& why) {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_error = "step " + std::to_string(step + 1) + " of " + std::to_string(m_grants.size()) +
                  ": " + why;
    };
    for (std::size_t k = 0; k < m_grants.size() && !cancelled(); ++k) {
        const auto& who = m_grants[k];
        const auto label = scheduledActorText(who);
        const auto deadline = std::chrono::steady_clock::now() + kArriveTimeout;
        bool granted = false;
        int stillSlices = 0;  // slices in which nothing moved and the actor did not come
        while (!cancelled() && std::chrono::steady_clock::now() < deadline &&
               stillSlices < kStillSlicesToGiveUp) {
            const auto actor = m_scheduler.findActor(who.name, who.nth);
            if (actor == kNoActor) {  // not started yet, or no such actor in this run
                stillSlices = m_scheduler.waitQuiescent(kSlice) ? stillSlices + 1 : 0;
                if (stillSlices) std::this_thread::sleep_for(kSlice);
                continue;
            }
            if (!m_scheduler.waitAtCheckpoint(actor, kSlice)) {
                stillSlices = m_scheduler.waitQuiescent(kSlice) ? stillSlices + 1 : 0;
                // Blocked may clear (another actor's step can wake it); ended never will.
                if (m_scheduler.turn(actor).state == TurnState::Ended) break;
                continue;
            }
            if (!m_scheduler.grant(actor)) continue;
            granted = true;
            // Counted as given at once: the step may end the run (main's last join), and a run
            // that ends cancels this wait, not the grant.
            m_given.store(k + 1, std::memory_order_release);
            while (!cancelled() && !m_scheduler.waitQuiescent(kSlice)) {
            }
            break;
        }
        if (!granted) {
            if (!cancelled())
                fail(k, label +
                            " never waited at a checkpoint for it: this run "
                            "went another way (other parameters?)");
            break;
        }
    }
    // Done before the run is let go: whoever sees the run end then sees the replay done too.
    m_done.store(true, std::memory_order_release);
    if (m_thenFree && !m_cancel.load()) m_scheduler.setMode(ScheduleMode::Free);
}

}  // namespace interleave
