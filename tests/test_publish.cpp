// A thread's records are published in batches (ring.h), yet a thread that stands still (blocked
// on a lock, waiting on a condition, paused) or records rarely shows everything it recorded
// while it stands there: checked from the reader's side while the thread is still held.
// Also run under TSan.

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <thread>
#include <vector>

#include "core/channel/ring.h"
#include "core/primitives/runtime.h"
#include "core/primitives/threads/traced_condvar.h"
#include "core/primitives/threads/traced_mutex.h"
#include "core/sys/futex.h"

using namespace interleave;
using namespace std::chrono_literals;

namespace {

// One traced thread in this process, writing to a channel of its own; the test thread reads.
class OneWriter : public ::testing::Test {
  protected:
    void SetUp() override {
        ChannelConfig cfg;
        cfg.maxActors = 2;
        m_channel = Channel::create(cfg);
        Runtime::install(&m_channel);
    }
    void TearDown() override {
        join();
        Runtime::install(nullptr);
    }
    // Before the test's locals (the lock, the flags the thread uses) go out of scope.
    void join() {
        if (m_thread.joinable()) m_thread.join();
    }

    void start(std::function<void()> body) {
        m_thread = std::thread([this, body = std::move(body)] {
            Runtime::registerThread("writer", kNoActor);
            body();
            Runtime::detachThread();
        });
    }

    // Drains the writer's ring until `until` holds for what was seen, or two seconds pass.
    bool seeUntil(const std::function<bool(const std::vector<Event>&)>& until) {
        const auto deadline = std::chrono::steady_clock::now() + 2s;
        while (std::chrono::steady_clock::now() < deadline) {
            if (m_channel.actor(0).ready.load(std::memory_order_acquire)) {
                if (!m_reader.valid()) m_reader = readerFor(m_channel, 0);
                m_reader.drain([&](const Event* e, std::uint64_t n) {
                    m_seen.insert(m_seen.end(), e, e + n);
                });
                if (until(m_seen)) return true;
            }
            std::this_thread::sleep_for(100us);
        }
        return false;
    }
    static bool hasKind(const std::vector<Event>& seen, EventKind kind) {
        for (const auto& e : seen)
            if (e.kind == kind) return true;
        return false;
    }
    static std::size_t notes(const std::vector<Event>& seen) {
        std::size_t n = 0;
        for (const auto& e : seen)
            n += e.kind == EventKind::Note ? 1 : 0;
        return n;
    }

    Channel m_channel;
    RingReader m_reader;
    std::vector<Event> m_seen;
    std::thread m_thread;
};

}  // namespace

TEST_F(OneWriter, AThreadBlockedOnALockShowsItsRecordsBeforeItWakes) {
    TracedMutex mutex("m");
    mutex.lock();  // this thread is untraced: it holds the lock, records nothing
    start([&] {
        for (int i = 0; i < 3; ++i)
            Runtime::emit(EventKind::Note, kNoObject, i);
        mutex.lock();  // blocks until the test has seen everything above
        mutex.unlock();
    });
    const bool seen = seeUntil([](const auto& s) { return hasKind(s, EventKind::LockRequest); });
    EXPECT_TRUE(seen) << "the blocked thread's request did not show while it waited";
    EXPECT_EQ(notes(m_seen), 3u);
    EXPECT_FALSE(hasKind(m_seen, EventKind::LockAcquired));  // it was still waiting
    mutex.unlock();
    join();
}

TEST_F(OneWriter, AThreadWaitingOnAConditionShowsItGaveTheLockUp) {
    TracedMutex mutex("m");
    TracedCondVar cond("c");
    std::atomic<bool> go{false};
    start([&] {
        mutex.lock();
        while (!go.load())
            cond.wait(mutex);
        mutex.unlock();
    });
    // cond_wait publishes itself; the lock_released recorded after it is the one that needs
    // the publish before the wait.
    const bool seen = seeUntil([](const auto& s) { return hasKind(s, EventKind::LockReleased); });
    EXPECT_TRUE(seen) << "a waiting thread still seemed to hold the lock";
    EXPECT_TRUE(hasKind(m_seen, EventKind::CondWait));
    mutex.lock();
    go = true;
    cond.notifyAll();
    mutex.unlock();
    join();
}

TEST_F(OneWriter, APausedThreadShowsEverythingUpToItsCheckpoint) {
    auto& c = m_channel.control();
    c.runState.store(static_cast<std::uint32_t>(RunState::Paused));
    start([&] {
        for (int i = 0; i < 5; ++i)
            Runtime::emit(EventKind::Note, kNoObject, i);
        Runtime::checkpoint();  // held here until the run resumes
        Runtime::emit(EventKind::Note, kNoObject, 5);
    });
    const bool seen = seeUntil([](const auto& s) { return notes(s) >= 5; });
    EXPECT_TRUE(seen) << "a paused thread's last records did not show";
    EXPECT_EQ(notes(m_seen), 5u);
    c.runState.store(static_cast<std::uint32_t>(RunState::Running));
    futexWakeAll(c.runState);
    join();
}

TEST_F(OneWriter, AThreadThatRecordsRarelyShowsEachRecordAtOnce) {
    // No blocking point between the records: only the time bound can publish them. The thread
    // spins (on the CPU, recording nothing) until the test has seen its record.
    std::atomic<int> seenUpTo{-1};
    start([&] {
        for (int i = 0; i < 3; ++i) {
            std::this_thread::sleep_for(2ms);  // well past kPublishAfterUs since the last one
            Runtime::emit(EventKind::Note, kNoObject, i);
            const auto giveUp = std::chrono::steady_clock::now() + 3s;
            while (seenUpTo.load() < i && std::chrono::steady_clock::now() < giveUp) {
            }
        }
    });
    for (std::size_t i = 0; i < 3; ++i) {
        const bool seen = seeUntil([i](const auto& s) { return notes(s) > i; });
        EXPECT_TRUE(seen) << "record " << i << " of a slow thread did not show while it ran on";
        seenUpTo = static_cast<int>(i);
    }
    join();
}
