#include "core/primitives/process/traced_signals.h"

#include <signal.h>
#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <fstream>
#include <limits>
#include <stdexcept>
#include <string>

#include "core/primitives/runtime.h"
#include "core/schema/sys_text.h"
#include "core/sys/clock.h"

namespace interleave {
namespace {

// What the handler saw. Written by the handler only, then published by `s_logged`; read by the
// thread it interrupted, once published. Lock-free, as a handler requires.
struct Arrival {
    int sig;
    int value;
    pid_t from;
    std::uint64_t stamp;
};
constexpr std::size_t kLogSize = 4096;
std::array<Arrival, kLogSize> s_log;
std::atomic<std::size_t> s_logged{0};
std::size_t s_flushed = 0;
static_assert(std::atomic<std::size_t>::is_always_lock_free);

void onSignal(int sig, siginfo_t* info, void*) {
    const auto i = s_logged.load(std::memory_order_relaxed);
    if (i >= kLogSize) return;  // more than the log holds: the rest are not shown
    s_log[i] = Arrival{sig, info->si_value.sival_int, info->si_pid, orderedTicks()};
    s_logged.store(i + 1, std::memory_order_release);
}

sigset_t setOf(const std::vector<int>& signals) {
    sigset_t set;
    sigemptyset(&set);
    for (int s : signals)
        sigaddset(&set, s);
    return set;
}

std::string nameOf(int sig) {
    if (sig == SIGRTMIN) return "SIGRTMIN";
    if (sig > SIGRTMIN && sig <= SIGRTMAX) return "SIGRTMIN+" + std::to_string(sig - SIGRTMIN);
    return signalName(sig);
}

}  // namespace

SignalSet::SignalSet(const std::vector<int>& signals)
    : m_signals(signals), m_sent(signals.size(), 0), m_pending(signals.size(), false) {
    // The capacity is how many of it can wait, pending: one of a standard signal (another sent
    // meanwhile is lost), up to the queue limit of a real-time one (RLIMIT_SIGPENDING).
    rlimit queued{};
    getrlimit(RLIMIT_SIGPENDING, &queued);
    const auto queueLimit = static_cast<std::uint32_t>(
        std::min<rlim_t>(queued.rlim_cur, std::numeric_limits<std::uint32_t>::max()));
    for (int s : signals)
        m_objects.push_back(
            Runtime::registerObject(ObjectKind::Signal, nameOf(s), s >= SIGRTMIN ? queueLimit : 1));
}

std::uint32_t SignalSet::object(int sig) const {
    const auto it = std::find(m_signals.begin(), m_signals.end(), sig);
    return it == m_signals.end() ? kNoObject
                                 : m_objects[static_cast<std::size_t>(it - m_signals.begin())];
}

bool SignalSet::sendNumbered(int sig, std::int64_t target, const std::function<int(sigval)>& queue,
                             const char* call) {
    const auto i = static_cast<std::size_t>(std::find(m_signals.begin(), m_signals.end(), sig) -
                                            m_signals.begin());
    if (i >= m_signals.size()) throw std::invalid_argument("signal " + std::to_string(sig));
    Runtime::checkpoint(EventKind::SignalSend, m_objects[i], target);
    const auto number = ++m_sent[i];
    sigval value{};
    value.sival_int = static_cast<int>(number);
    // Stamped before the kernel queues it: a delivery is never drawn before its send.
    const auto stamp = orderedTicks();
    if (const int err = queue(value); err != 0) {
        if (err == ESRCH) return false;
        errno = err;
        throw std::runtime_error(errnoText(std::string(call) + "(" + nameOf(sig) + ")"));
    }
    Runtime::emitAt(stamp, EventKind::SignalSend, m_objects[i], target, number);
    return true;
}

bool SignalSet::send(pid_t pid, int sig) {
    return sendNumbered(
        sig, pid, [&](sigval v) { return sigqueue(pid, sig, v) == 0 ? 0 : errno; }, "sigqueue");
}

bool SignalSet::sendToThread(pthread_t thread, pid_t tid, int sig) {
    return sendNumbered(
        sig, tid, [&](sigval v) { return pthread_sigqueue(thread, sig, v); }, "pthread_sigqueue");
}

void SignalSet::installHandlers() const {
    struct sigaction act {};
    act.sa_sigaction = onSignal;
    act.sa_flags = SA_SIGINFO | SA_RESTART;
    sigfillset(&act.sa_mask);  // one handler at a time: the log has one writer
    for (int s : m_signals)
        if (sigaction(s, &act, nullptr) != 0)
            throw std::runtime_error(errnoText("sigaction(" + nameOf(s) + ")"));
}

void SignalSet::restoreDefaults() const {
    struct sigaction dfl {};
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    for (int s : m_signals)
        sigaction(s, &dfl, nullptr);
}

void SignalSet::block(bool blocked) const {
    const sigset_t set = setOf(m_signals);
    // Recorded first: unblocking delivers at once, inside sigprocmask(), and the deliveries
    // come after the unblocking on the lane.
    for (auto object : m_objects)
        Runtime::emitOrdered(EventKind::SignalBlocked, object, blocked ? 1 : 0);
    if (sigprocmask(blocked ? SIG_BLOCK : SIG_UNBLOCK, &set, nullptr) != 0)
        throw std::runtime_error(errnoText("sigprocmask"));
}

std::vector<int> SignalSet::flush() {
    const auto logged = s_logged.load(std::memory_order_acquire);
    for (; s_flushed < logged; ++s_flushed) {
        const auto& a = s_log[s_flushed];
        const auto i = static_cast<std::size_t>(
            std::find(m_signals.begin(), m_signals.end(), a.sig) - m_signals.begin());
        if (i >= m_signals.size()) continue;
        // Delivered: no longer pending from that moment on.
        if (m_pending[i]) {
            m_pending[i] = false;
            Runtime::emitAt(a.stamp, EventKind::SignalPending, m_objects[i], 0);
        }
        m_handled.push_back(a.sig);
        m_waiting = false;
        Runtime::emitAt(a.stamp, EventKind::SignalHandled, m_objects[i], a.from, a.value);
    }
    sigset_t pending;
    sigemptyset(&pending);
    sigpending(&pending);
    for (std::size_t i = 0; i < m_signals.size(); ++i) {
        const bool now = sigismember(&pending, m_signals[i]) == 1;
        if (now == m_pending[i]) continue;
        m_pending[i] = now;
        Runtime::emitOrdered(EventKind::SignalPending, m_objects[i], now ? 1 : 0);
    }
    return m_handled;
}

bool SignalSet::handled(int sig) const {
    return std::find(m_handled.begin(), m_handled.end(), sig) != m_handled.end();
}

bool SignalSet::pending(int sig) const {
    const auto it = std::find(m_signals.begin(), m_signals.end(), sig);
    return it != m_signals.end() && m_pending[static_cast<std::size_t>(it - m_signals.begin())];
}

void SignalSet::waitForSignals(int ms) {
    if (!m_waiting) {
        Runtime::emitOrdered(EventKind::SignalWait);
        m_waiting = true;
    }
    // A handler ends the sleep early (EINTR); the caller flushes and comes back.
    timespec ts{ms / 1000, (ms % 1000) * 1'000'000L};
    nanosleep(&ts, nullptr);
}

namespace {

// Whether `sig` is in the mask on the line `field` ("SigBlk:", "SigCgt:") of /proc/<pid>/status;
// false when the process is gone.
bool inStatusMask(pid_t pid, const std::string& field, int sig) {
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind(field, 0) != 0) continue;
        const auto mask = std::stoull(line.substr(field.size()), nullptr, 16);
        return (mask >> (sig - 1)) & 1u;
    }
    return false;
}

}  // namespace

bool SignalSet::blocks(pid_t pid, int sig) {
    return inStatusMask(pid, "SigBlk:", sig);
}

bool SignalSet::catches(pid_t pid, int sig) {
    return inStatusMask(pid, "SigCgt:", sig);
}

}  // namespace interleave
