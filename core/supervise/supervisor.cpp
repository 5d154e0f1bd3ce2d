#include "core/supervise/supervisor.h"

#include "core/supervise/scheduler.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "core/channel/channel_reader.h"
#include "core/channel/speed_range.h"
#include "core/primitives/ipc/run_names.h"
#include "core/schema/sys_text.h"
#include "core/sys/futex.h"

extern char** environ;

namespace interleave {
namespace {

constexpr int kLabChannelFd = 3;
constexpr std::int64_t kIdleMinNs = 250'000;
constexpr std::int64_t kIdleMaxNs = 16'000'000;  // a frame: the window never waits longer
// Paused, nothing comes but what a step lets through, and step() rings the doorbell.
constexpr std::int64_t kIdlePausedNs = 100'000'000;

}  // namespace

std::string siblingLabPath() {
    char buf[4096];
    const auto n = readlink("/proc/self/exe", buf, sizeof buf - 1);
    if (n <= 0) return "interleave-lab";
    std::string self(buf, static_cast<std::size_t>(n));
    const auto slash = self.rfind('/');
    return self.substr(0, slash + 1) + "interleave-lab";
}

Supervisor::Supervisor(RunOptions options)
    : m_options(std::move(options)),
      m_store(std::make_unique<EventStore>(m_options.channel.maxActors)) {}

Supervisor::~Supervisor() {
    stop();
}

void Supervisor::start() {
    if (m_labPid > 0) throw std::logic_error("Supervisor::start called twice");
    m_channel = Channel::create(m_options.channel);
    m_store->setTimeBase(m_channel.header().timeBase);  // before any other thread reads the store
    // Before the lab starts: its first checkpoint already obeys the mode.
    m_channel.control().schedule.store(static_cast<std::uint32_t>(m_options.schedule));
    // The lab is the run's subreaper. This process is the second line: when the lab dies
    // first (Stop's SIGKILL), what it leaves comes here, kills itself (parent-death signal) and
    // is reaped here, so stop() returns with nothing of the run left, not even a zombie.
    prctl(PR_SET_CHILD_SUBREAPER, 1);

    const int passFd = fcntl(m_channel.fd(), F_DUPFD_CLOEXEC, 10);
    if (passFd < 0) throw std::runtime_error(errnoText("dup(channel)", errno));
    // The lab's stderr is a pipe to the reader thread, which parses each line (lab_log.h).
    int logPipe[2];
    if (pipe2(logPipe, O_CLOEXEC) != 0) {
        ::close(passFd);
        throw std::runtime_error(errnoText("pipe(lab log)", errno));
    }
    fcntl(logPipe[0], F_SETFL, O_NONBLOCK);
    m_logFd = logPipe[0];

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, logPipe[1], STDERR_FILENO);
    posix_spawn_file_actions_adddup2(&actions, passFd, kLabChannelFd);
    posix_spawn_file_actions_addclosefrom_np(&actions, kLabChannelFd + 1);

    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    sigset_t none, defaults;
    sigemptyset(&none);
    sigemptyset(&defaults);
    for (int s : {SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGCHLD, SIGUSR1, SIGUSR2})
        sigaddset(&defaults, s);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setsigdefault(&attr, &defaults);
    posix_spawnattr_setpgroup(&attr, 0);
    posix_spawnattr_setflags(
        &attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

    const auto parent = std::to_string(getpid());
    const auto fdText = std::to_string(kLabChannelFd);
    std::vector<std::string> args = {
        m_options.labPath, "__engine", "--fd",        fdText,
        "--parent",        parent,     "--log-level", std::string(logLevelName(m_options.logLevel)),
        m_options.scenario};
    if (!m_options.logFile.empty()) {
        args.push_back("--log-file");
        args.push_back(m_options.logFile);
    }
    for (const auto& a : m_options.assignments) {
        args.push_back("--set");
        args.push_back(a);
    }
    std::vector<char*> argv;
    for (auto& a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);

    pid_t pid = -1;
    const int rc =
        posix_spawn(&pid, m_options.labPath.c_str(), &actions, &attr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    ::close(passFd);
    ::close(logPipe[1]);  // the lab and what it forks hold the write end; EOF when all are gone
    if (rc != 0) {
        ::close(m_logFd);
        m_logFd = -1;
    }
    if (rc != 0) throw std::runtime_error(errnoText(("starting " + m_options.labPath).c_str(), rc));
    m_labPid = pid;
    m_reader = std::thread([this] { readerLoop(); });
}

void Supervisor::appendProcessRow(pid_t pid, EventKind kind, std::int64_t b) {
    for (const auto& a : m_store->actors()) {
        if (a.pid == pid && a.role == ActorRole::ProcessMain) {
            m_store->appendRow(Row{m_store->timeBase().toNs(m_store->timeBase().now()), a.id, kind,
                                   kNoObject, pid, b});
            return;
        }
    }
}

void Supervisor::markCutOff(pid_t pid) {
    // A process that ended normally ended every thread in it: one that had not ended itself
    // (a daemon thread, or any thread main did not join) was cut off wherever it was, and
    // nothing on its lane would say so. A process ended by a signal (a crash, or Stop) is told
    // by its own marks.
    m_store->publish();
    const auto now = m_store->timeBase().toNs(m_store->timeBase().now());
    for (const auto& a : m_store->actors()) {
        if (a.pid != pid || a.role == ActorRole::ProcessMain) continue;
        const auto n = m_store->actorEventCount(a.id);
        if (n == 0) continue;
        const auto last = m_store->kind(m_store->actorEvent(a.id, n - 1));
        if (last == EventKind::ActorExit || last == EventKind::ThreadCutOff) continue;
        m_store->appendRow(Row{now, a.id, EventKind::ThreadCutOff, kNoObject, pid, 0});
    }
}

bool Supervisor::reapSome(ChannelReader& reader) {
    for (;;) {
        siginfo_t info{};
        if (waitid(P_PGID, static_cast<id_t>(m_labPid), &info, WEXITED | WNOHANG) != 0)
            return errno != ECHILD;  // ECHILD: nothing of the run is left
        if (info.si_pid == 0) return true;
        const auto status = info.si_code == CLD_EXITED ? exitStatusExited(info.si_status)
                                                       : exitStatusSignaled(info.si_status);
        // Its last records are published: take them before saying it ended.
        reader.drainOnce(info.si_pid);
        appendProcessRow(info.si_pid, EventKind::ProcessExit, status);
        if (info.si_code == CLD_EXITED) markCutOff(info.si_pid);
        if (info.si_pid == m_labPid) {
            std::lock_guard lock(m_mutex);
            m_labStatus = status;
        }
    }
}

void Supervisor::readerLoop() {
    ChannelReader reader(m_channel, *m_store);
    bool childrenLeft = true;
    // Idle: sleep on the channel's doorbell, longer the longer nothing comes (a paused run
    // costs next to no CPU); a writer whose ring is full rings it and is served at once.
    std::int64_t idleNs = kIdleMinNs;
    while (childrenLeft) {
        const auto moved = reader.drainOnce();
        readLog(false);
        childrenLeft = reapSome(reader);
        m_store->publish();
        if (m_onPublish) m_onPublish(m_store->size(), false);
        if (moved != 0) {
            idleNs = kIdleMinNs;
        } else if (childrenLeft) {
            m_store->prepare(1 << 16);  // idle: get memory ready for the next burst
            if (reader.waitForWork(idleNs)) {
                // Rung: a full ring, or a step or resume whose events are about to come.
                idleNs = kIdleMinNs;
                continue;
            }
            const bool paused = m_channel.control().runState.load(std::memory_order_relaxed) ==
                                static_cast<std::uint32_t>(RunState::Paused);
            idleNs = std::min(idleNs * 2, paused ? kIdlePausedNs : kIdleMaxNs);
        }
    }
    reader.drainOnce(ChannelReader::kAllSettled);
    readLog(true);
    // A lab killed between opening a message queue and unlinking its name would leave the name
    // behind (queues persist until unlinked), and one killed before its FIFO's ends were open
    // the FIFO's directory: nothing of the run is left, so remove them all.
    removeRunNames(m_labPid);
    {
        std::lock_guard lock(m_mutex);
        m_finished = true;
        m_finishedCv.notify_all();
    }
    if (m_onPublish) m_onPublish(m_store->size(), true);
}

void Supervisor::readLog(bool toEnd) {
    if (m_logFd < 0) return;
    char buf[4096];
    for (;;) {
        const auto n = ::read(m_logFd, buf, sizeof buf);
        if (n > 0) {
            m_logTail.append(buf, static_cast<std::size_t>(n));
            continue;
        }
        if (n < 0 && errno == EINTR) continue;
        break;  // EAGAIN: nothing more now; 0: every writer is gone
    }
    std::size_t start = 0;
    const auto now = m_store->timeBase().toNs(m_store->timeBase().now());
    for (auto nl = m_logTail.find('\n'); nl != std::string::npos;
         start = nl + 1, nl = m_logTail.find('\n', start)) {
        auto line = parseLabLogLine(std::string_view(m_logTail).substr(start, nl - start), now);
        if (m_onLog) m_onLog(line);
        std::lock_guard lock(m_mutex);
        m_log.push_back(std::move(line));
    }
    m_logTail.erase(0, start);
    if (toEnd) {
        // Every process of the run is gone: what is left is a last line without its newline.
        if (!m_logTail.empty()) {
            auto line = parseLabLogLine(m_logTail, now);
            if (m_onLog) m_onLog(line);
            std::lock_guard lock(m_mutex);
            m_log.push_back(std::move(line));
        }
        m_logTail.clear();
        ::close(m_logFd);
        m_logFd = -1;
    }
}

std::vector<LabLogLine> Supervisor::log() const {
    std::lock_guard lock(m_mutex);
    return m_log;
}

bool Supervisor::finished() const {
    std::lock_guard lock(m_mutex);
    return m_finished;
}

bool Supervisor::waitFinished(std::chrono::milliseconds timeout) {
    std::unique_lock lock(m_mutex);
    return m_finishedCv.wait_for(lock, timeout, [&] { return m_finished; });
}

std::optional<std::int64_t> Supervisor::labStatus() const {
    std::lock_guard lock(m_mutex);
    return m_labStatus;
}

void Supervisor::requestStop() {
    if (!m_channel.valid()) return;
    auto& s = m_channel.control().runState;
    s.store(static_cast<std::uint32_t>(RunState::Stopping), std::memory_order_release);
    futexWakeAll(s);
    Scheduler(m_channel).wakeAll();  // actors waiting for a grant see the stop at once
}

void Supervisor::stop() {
    if (m_labPid <= 0 || m_stopped) return;
    m_stopped = true;
    requestStop();
    if (!finished()) {
        kill(-m_labPid, SIGTERM);
        if (!waitFinished(m_options.termGrace)) {
            kill(-m_labPid, SIGKILL);
            waitFinished(std::chrono::seconds(5));
        }
    }
    if (m_reader.joinable()) m_reader.join();
}

void Supervisor::pause() {
    auto& s = m_channel.control().runState;
    auto expected = static_cast<std::uint32_t>(RunState::Running);
    s.compare_exchange_strong(expected, static_cast<std::uint32_t>(RunState::Paused));
}

void Supervisor::resume() {
    auto& s = m_channel.control().runState;
    auto expected = static_cast<std::uint32_t>(RunState::Paused);
    s.compare_exchange_strong(expected, static_cast<std::uint32_t>(RunState::Running));
    futexWakeAll(s);  // paused threads sleep on the run state
    wakeReader();
}

void Supervisor::step(std::uint64_t grants) {
    m_channel.control().stepGrants.fetch_add(grants);
    futexWakeAll(m_channel.control().runState);
    wakeReader();
}

void Supervisor::wakeReader() {
    // The reader may sleep up to kIdlePausedNs while paused: what moves now is read at once.
    auto& bell = m_channel.control().readerDoorbell;
    bell.fetch_add(1, std::memory_order_release);
    futexWakeAll(bell);
}

void Supervisor::setSpeed(double factor) {
    const auto milli =
        static_cast<std::uint32_t>(std::clamp(factor, kMinSpeed, kMaxSpeed) * 1000.0 + 0.5);
    m_channel.control().speedMilli.store(milli, std::memory_order_relaxed);
}

}  // namespace interleave
