#include "core/primitives/process/traced_process.h"

#include <poll.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <stdexcept>
#include <string>

#include "core/primitives/runtime.h"
#include "core/schema/sys_text.h"
#include "core/sys/proc_stat.h"

namespace interleave {

ChildProcess forkTraced(std::string_view name, const std::function<int()>& body) {
    Runtime::checkpoint(EventKind::ProcessFork);
    if (const int n = Runtime::liveThreads(); n > 0)
        throw std::logic_error("fork refused: this process runs " + std::to_string(n) +
                               " traced thread(s); fork before starting threads (a child of a "
                               "multi-threaded fork may only make async-signal-safe calls)");
    const auto* ch = Runtime::channel();
    const auto actor = ch ? ch->claimActor() : kNoActor;
    const auto parent = Runtime::currentActor();
    const pid_t self = getpid();
    // Stamped before fork(): the child's first record is stamped after it, so the fork event
    // always comes first on the timeline.
    const auto stamp = orderedTicks();
    const pid_t pid = fork();
    if (pid < 0) {
        const int err = errno;
        if (ch && actor != kNoActor)
            ch->control().forksFailed.fetch_add(1, std::memory_order_relaxed);
        throw std::runtime_error(errnoText("fork", err));
    }
    if (pid == 0) {
        // The lab's SIGHUP handler kills the whole run; a child only dies itself.
        signal(SIGHUP, SIG_DFL);
        Runtime::detachThread();
        Runtime::enterChildProcess(actor, self);
        Runtime::adoptActor(actor, name, parent, ActorRole::ProcessMain, self);
        int rc = 70;
        try {
            rc = body();
        } catch (...) {
        }
        Runtime::sampleCpu(true);
        Runtime::actorExit(rc);
        _exit(rc);
    }
    Runtime::emitAt(stamp, EventKind::ProcessFork, kNoObject, pid,
                    actor == kNoActor ? std::int64_t{-1} : std::int64_t{actor});
    return ChildProcess{pid, actor};
}

std::string execTraced(std::uint32_t program, const std::vector<std::string>& argv) {
    if (argv.empty()) return "no program to run";
    std::vector<char*> args;
    for (const auto& a : argv)
        args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    Runtime::sampleCpu(true);
    // Recorded before: after execv() nothing of this program is left to record anything. The
    // record is in the shared channel already, which the new program does not need.
    Runtime::emitOrdered(EventKind::ProcessExec, program, getpid());
    execv(args[0], args.data());
    return errnoText("execv(" + argv[0] + ")");
}

namespace {

std::int64_t encode(const siginfo_t& info) {
    return info.si_code == CLD_EXITED ? exitStatusExited(info.si_status)
                                      : exitStatusSignaled(info.si_status);
}

// Reaps exactly `pid`, retrying on EINTR. Throws when it is not this process's child to reap.
std::int64_t reap(pid_t pid) {
    siginfo_t info{};
    while (waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED) != 0) {
        if (errno == EINTR) continue;
        throw std::runtime_error(errnoText("waiting for pid " + std::to_string(pid)));
    }
    return encode(info);
}

}  // namespace

bool waitUntilZombie(const ChildProcess& child) {
    Runtime::checkpoint(EventKind::ProcessZombie, kNoObject, child.pid);
    siginfo_t info{};
    while (waitid(P_PID, static_cast<id_t>(child.pid), &info, WEXITED | WNOWAIT) != 0) {
        if (errno == EINTR) continue;
        throw std::runtime_error(errnoText("waitid(WNOWAIT) for pid " + std::to_string(child.pid)));
    }
    // Ended and not reaped: the kernel keeps its pid and exit status until its parent waits.
    const auto stat = readProcStat(child.pid);
    if (!stat || stat->state != 'Z') return false;
    Runtime::emitOrdered(EventKind::ProcessZombie, kNoObject, child.pid);
    return true;
}

ChildProcess waitAnyTraced(std::vector<ChildProcess>& children) {
    if (children.empty()) return {};
    Runtime::checkpoint(EventKind::ProcessWait, kNoObject, -1);
    Runtime::emit(EventKind::ProcessWait, kNoObject, -1);
    // One pidfd per child we forked, never waitpid(-1): a lab process is a subreaper, and
    // waiting for "any child" would take orphans that are not this caller's.
    std::vector<pollfd> fds;
    for (const auto& c : children) {
        const int fd = static_cast<int>(syscall(SYS_pidfd_open, c.pid, 0));
        if (fd < 0) {
            for (auto& f : fds)
                close(f.fd);
            throw std::runtime_error(errnoText("pidfd_open(" + std::to_string(c.pid) + ")"));
        }
        fds.push_back(pollfd{fd, POLLIN, 0});
    }
    std::size_t which = fds.size();
    while (which == fds.size()) {
        if (poll(fds.data(), fds.size(), -1) < 0) {
            if (errno == EINTR) continue;
            const int err = errno;
            for (auto& f : fds)
                close(f.fd);
            throw std::runtime_error(errnoText("poll(pidfd)", err));
        }
        which = 0;
        while (which < fds.size() && fds[which].revents == 0)
            ++which;
    }
    for (auto& f : fds)
        close(f.fd);
    const auto done = children[which];
    children.erase(children.begin() + static_cast<std::ptrdiff_t>(which));
    Runtime::emitOrdered(EventKind::ProcessExit, kNoObject, done.pid, reap(done.pid));
    return done;
}

std::int64_t waitTraced(const ChildProcess& child) {
    Runtime::checkpoint(EventKind::ProcessWait, kNoObject, child.pid);
    Runtime::emit(EventKind::ProcessWait, kNoObject, child.pid);
    const auto encoded = reap(child.pid);
    Runtime::emitOrdered(EventKind::ProcessExit, kNoObject, child.pid, encoded);
    return encoded;
}

}  // namespace interleave
