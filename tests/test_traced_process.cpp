// fork and wait, traced: refused where POSIX makes them unsafe, and never reporting a status
// that did not happen.

#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <stdexcept>
#include <thread>

#include "core/channel/channel.h"
#include "core/primitives/process/traced_process.h"
#include "core/primitives/runtime.h"
#include "core/primitives/threads/traced_thread.h"

using namespace interleave;

TEST(TracedProcess, ForkIsRefusedWhileTracedThreadsRun) {
    std::atomic<bool> release{false};
    TracedThread worker("worker", [&] {
        while (!release.load())
            std::this_thread::yield();
    });
    EXPECT_EQ(Runtime::liveThreads(), 1);
    try {
        forkTraced("child", [] { return 0; });
        ADD_FAILURE() << "fork from a multi-threaded process was allowed";
    } catch (const std::logic_error& e) {
        EXPECT_NE(std::string(e.what()).find("fork before starting threads"), std::string::npos);
    }
    release = true;
    worker.join();
    EXPECT_EQ(Runtime::liveThreads(), 0);
    // Single-threaded again: fork works, and the child's status is the real one.
    const auto child = forkTraced("child", [] { return 7; });
    EXPECT_EQ(waitTraced(child), exitStatusExited(7));
}

TEST(TracedProcess, WaitingForAPidThatIsNotOurChildThrowsInsteadOfReportingStatusZero) {
    const auto child = forkTraced("child", [] { return 0; });
    EXPECT_EQ(waitTraced(child), exitStatusExited(0));
    // Reaped already: waitpid would fail with ECHILD.
    EXPECT_THROW(waitTraced(child), std::runtime_error);
    EXPECT_THROW(waitTraced(ChildProcess{1, 0}), std::runtime_error);  // init is nobody's child
}

TEST(TracedProcess, WaitAnyTakesOnlyTheListedChildren) {
    // A child not in the list (as an orphan re-parented to a subreaper would be) is left alone.
    const auto other = forkTraced("other", [] { return 3; });
    std::vector<ChildProcess> kids{forkTraced("a", [] {
        usleep(20'000);
        return 1;
    })};
    ASSERT_TRUE(waitUntilZombie(other)) << "`other` must have ended before we wait";
    const auto done = waitAnyTraced(kids);
    EXPECT_NE(done.pid, other.pid);
    EXPECT_TRUE(kids.empty());
    EXPECT_EQ(waitTraced(other), exitStatusExited(3)) << "waitAny took a child not in its list";
}

TEST(TracedProcess, AFailedForkIsCountedAsALoss) {
    // In a child of the test (so limits and identity changes stay there): drop root if we
    // have it (root ignores RLIMIT_NPROC), allow no more processes, and fork.
    ChannelConfig cfg;
    cfg.maxActors = 4;
    auto ch = Channel::create(cfg);
    const pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
        if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0)) _exit(3);
        const rlimit none{0, 0};
        if (setrlimit(RLIMIT_NPROC, &none) != 0) _exit(4);
        Runtime::install(&ch);
        Runtime::registerThread("main", kNoActor, ActorRole::ProcessMain);
        try {
            forkTraced("never", [] { return 0; });
        } catch (const std::runtime_error&) {
            _exit(0);  // refused, as it must be
        }
        _exit(5);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    ASSERT_TRUE(WIFEXITED(status));
    ASSERT_EQ(WEXITSTATUS(status), 0) << "3/4: could not set up the limit; 5: fork succeeded";
    EXPECT_EQ(ch.control().forksFailed.load(), 1u);
    // The slot it claimed is wasted, and that is visible too: claimed, never published.
    EXPECT_EQ(ch.actorLimit(), 2u);
    EXPECT_EQ(ch.actor(1).ready.load(), 0u);
}
