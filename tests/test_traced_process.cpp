// fork and wait, traced: refused where POSIX makes them unsafe, and never reporting a status
// that did not happen.

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <stdexcept>
#include <thread>

#include "core/runtime.h"
#include "core/traced_process.h"
#include "core/traced_thread.h"

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
    usleep(5'000);  // `other` has ended and is a zombie before we wait
    const auto done = waitAnyTraced(kids);
    EXPECT_NE(done.pid, other.pid);
    EXPECT_TRUE(kids.empty());
    EXPECT_EQ(waitTraced(other), exitStatusExited(3)) << "waitAny took a child not in its list";
}
