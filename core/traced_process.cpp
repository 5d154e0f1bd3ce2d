#include "core/traced_process.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <stdexcept>
#include <string>

#include "core/runtime.h"

namespace interleave {

ChildProcess forkTraced(std::string_view name, const std::function<int()>& body) {
    Runtime::checkpoint();
    const auto* ch = Runtime::channel();
    const auto actor = ch ? ch->claimActor() : kNoActor;
    const auto parent = Runtime::currentActor();
    const pid_t self = getpid();
    const pid_t pid = fork();
    if (pid < 0) throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
    if (pid == 0) {
        // The lab's SIGHUP handler kills the whole run; a child only dies itself.
        signal(SIGHUP, SIG_DFL);
        Runtime::detachThread();
        Runtime::adoptActor(actor, name, parent, ActorRole::ProcessMain, self);
        int rc = 70;
        try {
            rc = body();
        } catch (...) {
        }
        Runtime::emit(EventKind::ActorExit, kNoObject, rc);
        _exit(rc);
    }
    Runtime::emit(EventKind::ProcessFork, kNoObject, pid, actor == kNoActor ? -1 : actor);
    return ChildProcess{pid, actor};
}

namespace {
std::int64_t encode(int status) {
    return WIFSIGNALED(status) ? exitStatusSignaled(WTERMSIG(status))
                               : exitStatusExited(WEXITSTATUS(status));
}
}  // namespace

ChildProcess waitAnyTraced(std::vector<ChildProcess>& children) {
    if (children.empty()) return {};
    Runtime::checkpoint();
    Runtime::emit(EventKind::ProcessWait, kNoObject, -1);
    for (;;) {
        int status = 0;
        const pid_t pid = waitpid(-1, &status, 0);
        if (pid < 0) {
            if (errno == EINTR) continue;
            return {};
        }
        Runtime::emitOrdered(EventKind::ProcessExit, kNoObject, pid, encode(status));
        for (auto it = children.begin(); it != children.end(); ++it) {
            if (it->pid == pid) {
                const auto done = *it;
                children.erase(it);
                return done;
            }
        }
    }
}

std::int64_t waitTraced(const ChildProcess& child) {
    Runtime::checkpoint();
    Runtime::emit(EventKind::ProcessWait, kNoObject, child.pid);
    int status = 0;
    while (waitpid(child.pid, &status, 0) < 0 && errno == EINTR) {
    }
    const auto encoded = encode(status);
    Runtime::emitOrdered(EventKind::ProcessExit, kNoObject, child.pid, encoded);
    return encoded;
}

}  // namespace interleave
