// The reader side: draining rings into the event store, drop accounting end to end, and the
// store's per-actor time index.

#include <gtest/gtest.h>

#include <thread>

#include "core/channel/channel_reader.h"
#include "core/primitives/runtime.h"

using namespace interleave;
using namespace std::chrono_literals;

TEST(ChannelReader, SlowReaderOverflowAccountsForEveryEventExactly) {
    ChannelConfig cfg;
    cfg.maxActors = 4;
    cfg.ringSlots = 64;
    cfg.capture = CaptureMode::Drop;
    auto ch = Channel::create(cfg);
    EventStore store(cfg.maxActors);
    store.setTimeBase(ch.header().timeBase);
    ChannelReader reader(ch, store);

    constexpr std::int64_t kWritten = 50'000;
    std::atomic<bool> done{false};
    std::uint32_t actor = kNoActor;
    std::thread writer([&] {
        Runtime::install(&ch);
        actor = Runtime::registerThread("writer", kNoActor);
        // registerThread emitted actor_start: count it as written too.
        for (std::int64_t i = 1; i < kWritten; ++i)
            Runtime::emit(EventKind::Note, kNoObject, i);
        Runtime::detachThread();
        done = true;
    });
    while (!done) {
        reader.drainOnce();
        std::this_thread::sleep_for(200us);  // a reader much slower than the writer
    }
    writer.join();
    reader.drainOnce();
    Runtime::install(nullptr);

    std::uint64_t delivered = 0, markedLost = 0;
    for (std::size_t k = 0; k < store.actorEventCount(actor); ++k) {
        const auto r = store.row(store.actorEvent(actor, k));
        if (r.kind == EventKind::LostEnd) markedLost += static_cast<std::uint64_t>(r.a);
        if (r.kind == EventKind::Note || r.kind == EventKind::ActorStart) ++delivered;
    }
    EXPECT_GT(reader.totalDropped(), 0u) << "the ring never overflowed; the test proves nothing";
    EXPECT_LE(markedLost, reader.totalDropped());
    EXPECT_GE(delivered, 32u);  // at least half a ring got through (some slots hold markers)
    EXPECT_EQ(delivered + reader.totalDropped(), static_cast<std::uint64_t>(kWritten));
    EXPECT_EQ(store.totalDropped(), reader.totalDropped());
    // What was delivered is in order: the newest records were the ones dropped, never reordered.
    std::int64_t last = -1;
    for (std::size_t k = 1; k < store.actorEventCount(actor); ++k) {
        const auto r = store.row(store.actorEvent(actor, k));
        if (r.kind != EventKind::Note) continue;
        ASSERT_GT(r.a, last);
        last = r.a;
    }
}

TEST(ChannelReader, EventsDroppedAtTheEndOfARunAreMarkedAsAGapAtItsEnd) {
    // The writer marks a gap only when its ring takes a record again. Here the reader drains
    // nothing until the writer is done, so every drop comes at the end and no record ever gets
    // through after it: the final drain closes the gap itself, or it would be counted and
    // never drawn.
    ChannelConfig cfg;
    cfg.maxActors = 4;
    cfg.ringSlots = 64;
    cfg.capture = CaptureMode::Drop;
    auto ch = Channel::create(cfg);
    EventStore store(cfg.maxActors);
    store.setTimeBase(ch.header().timeBase);
    ChannelReader reader(ch, store);
    std::uint32_t actor = kNoActor;
    std::thread writer([&] {
        Runtime::install(&ch);
        actor = Runtime::registerThread("writer", kNoActor);
        for (std::int64_t i = 1; i < 1000; ++i)
            Runtime::emit(EventKind::Note, kNoObject, i);
        Runtime::detachThread();
    });
    writer.join();
    reader.drainOnce(ChannelReader::kAllSettled);
    Runtime::install(nullptr);

    ASSERT_GT(reader.totalDropped(), 0u);
    std::uint64_t markedLost = 0;
    std::int64_t begin = -1, end = -1, lastOther = -1;
    for (std::size_t k = 0; k < store.actorEventCount(actor); ++k) {
        const auto i = store.actorEvent(actor, k);
        const auto r = store.row(i);
        if (r.kind == EventKind::LostBegin) begin = r.ns;
        if (r.kind == EventKind::LostEnd) {
            end = r.ns;
            markedLost += static_cast<std::uint64_t>(r.a);
        }
        if (r.kind == EventKind::Note) lastOther = r.ns;
    }
    EXPECT_EQ(markedLost, reader.totalDropped()) << "every lost event is inside a marked gap";
    EXPECT_GE(begin, lastOther) << "the gap starts after the last event that got through";
    EXPECT_GE(end, begin);
    // Asked again (the end is only once, but it must not count twice if it were not).
    reader.drainOnce(ChannelReader::kAllSettled);
    std::uint64_t again = 0;
    for (std::size_t k = 0; k < store.actorEventCount(actor); ++k) {
        const auto r = store.row(store.actorEvent(actor, k));
        if (r.kind == EventKind::LostEnd) again += static_cast<std::uint64_t>(r.a);
    }
    EXPECT_EQ(again, reader.totalDropped());
}

TEST(EventStore, PerActorIndexAndTimeLookup) {
    EventStore store(8);
    for (int i = 0; i < 100'000; ++i)
        store.appendRow(Row{i * 10, static_cast<std::uint32_t>(i % 3), EventKind::Note, 0, i, 0});
    store.publish();
    EXPECT_EQ(store.size(), 100'000u);
    EXPECT_EQ(store.actorEventCount(0) + store.actorEventCount(1) + store.actorEventCount(2),
              100'000u);
    EXPECT_EQ(store.actorEventCount(5), 0u);
    // actor 1 has rows 1, 4, 7, ... at times 10, 40, 70, ...
    const auto k = store.actorLowerBound(1, 41);
    EXPECT_EQ(store.ns(store.actorEvent(1, k)), 70);
    EXPECT_EQ(store.actorLowerBound(1, 0), 0u);
    EXPECT_EQ(store.actorLowerBound(1, 1'000'000'000), store.actorEventCount(1));
    const auto order = store.timeOrder();
    for (std::size_t i = 1; i < order.size(); ++i)
        ASSERT_LE(store.ns(order[i - 1]), store.ns(order[i]));
}

TEST(EventStore, ReadersSeeOnlyPublishedRowsWhileTheWriterAppends) {
    EventStore store(2);
    std::atomic<bool> stop{false};
    std::thread reader([&] {
        while (!stop) {
            const auto n = store.size();
            if (n) {
                ASSERT_EQ(store.row(n - 1).a, static_cast<std::int64_t>(n - 1));
            }
            const auto m = store.actorEventCount(0);
            if (m) {
                ASSERT_EQ(store.row(store.actorEvent(0, m - 1)).actor, 0u);
            }
        }
    });
    for (int i = 0; i < 300'000; ++i) {
        store.appendRow(Row{i, 0, EventKind::Note, 0, i, 0});
        if (i % 97 == 0) store.publish();
    }
    store.publish();
    stop = true;
    reader.join();
    EXPECT_EQ(store.size(), 300'000u);
}

// A reader on another thread must never get another actor's row back from the per-actor index,
// whatever moment of publish() it lands in. Several actors' spans interleave in the store, as
// they do when the supervisor drains several rings.
TEST(EventStore, ConcurrentReadersNeverSeeAnotherActorsRow) {
    constexpr std::uint32_t kActors = 6;
    constexpr std::size_t kPublishes = 2'000'000;
    EventStore store(kActors);
    std::atomic<std::uint32_t> writing{0};  // the actor the writer is publishing now
    std::atomic<bool> done{false};
    std::atomic<std::uint64_t> checked{0}, wrong{0};
    auto readerBody = [&](std::uint32_t seed) {
        std::uint32_t x = seed;
        while (!done.load(std::memory_order_acquire)) {
            // Mostly the actor being published right now, whose newest row is where a torn
            // publication shows; sometimes any actor, anywhere in its history.
            x = x * 1664525u + 1013904223u;
            const bool anywhere = (x >> 28) == 0;
            const auto actor = anywhere ? x % kActors : writing.load(std::memory_order_relaxed);
            const auto n = store.actorEventCount(actor);
            if (n == 0) continue;
            const auto k = anywhere ? (x >> 8) % n : n - 1;
            if (store.actorOf(store.actorEvent(actor, k)) != actor) wrong.fetch_add(1);
            checked.fetch_add(1, std::memory_order_relaxed);
        }
    };
    std::thread r1(readerBody, 1), r2(readerBody, 7);
    Event batch[3];
    for (std::size_t p = 0; p < kPublishes; ++p) {
        const auto actor = static_cast<std::uint32_t>(p % kActors);
        writing.store(actor, std::memory_order_relaxed);
        const auto n = 1 + p % 3;
        for (std::size_t j = 0; j < n; ++j)
            batch[j] = Event{p, static_cast<std::uint16_t>(actor), EventKind::Note,
                             0, static_cast<std::int64_t>(p),      0};
        store.appendFromActor(actor, batch, n);
        store.publish();
    }
    done.store(true, std::memory_order_release);
    r1.join();
    r2.join();
    EXPECT_GT(checked.load(), 1000u) << "the readers barely ran; the test proves nothing";
    EXPECT_EQ(wrong.load(), 0u);
    for (std::uint32_t a = 0; a < kActors; ++a)
        for (std::size_t k = 0; k < store.actorEventCount(a); ++k)
            ASSERT_EQ(store.actorOf(store.actorEvent(a, k)), a);
}

// Losses outside the rings: forced one by one, and written = delivered + lost, exactly.
TEST(ChannelReader, ActorTableFullCountsEveryEventOfTheUntracedThread) {
    ChannelConfig cfg;
    cfg.maxActors = 2;
    cfg.ringSlots = 1024;
    auto ch = Channel::create(cfg);
    EventStore store(cfg.maxActors);
    store.setTimeBase(ch.header().timeBase);
    ChannelReader reader(ch, store);
    constexpr int kPerThread = 300;  // each thread: actor_start + notes
    Runtime::install(&ch);
    for (int t = 0; t < 3; ++t) {
        std::thread([&] {
            Runtime::registerThread("t" + std::to_string(t), kNoActor);
            for (int i = 1; i < kPerThread; ++i) {
                Runtime::emit(EventKind::Note, kNoObject, i);
                if (i % 100 == 0) reader.drainOnce();  // same thread as nobody else: safe
            }
            Runtime::detachThread();
        }).join();
    }
    reader.drainOnce();
    Runtime::install(nullptr);
    const auto losses = store.losses();
    EXPECT_EQ(losses.actorsRefused, 1u);
    EXPECT_EQ(losses.eventsUntraced, static_cast<std::uint64_t>(kPerThread));
    EXPECT_EQ(store.size() + store.totalDropped(), 3u * kPerThread);
}

TEST(ChannelReader, ObjectTableAndStringArenaFullAreCounted) {
    ChannelConfig cfg;
    cfg.maxActors = 2;
    cfg.ringSlots = 64;
    cfg.maxObjects = 3;  // slot 0 is "none": two objects fit
    cfg.arenaBytes = 64;
    auto ch = Channel::create(cfg);
    EventStore store(cfg.maxActors);
    store.setTimeBase(ch.header().timeBase);
    ChannelReader reader(ch, store);
    for (int i = 0; i < 5; ++i)
        ch.registerObject(ObjectKind::Mutex, "lock " + std::to_string(i), 0);
    for (int i = 0; i < 5; ++i)
        ch.intern("a name of twenty bytes");
    reader.drainOnce();
    const auto losses = store.losses();
    EXPECT_EQ(losses.objectsRefused, 3u);
    EXPECT_GE(losses.stringsRefused, 3u);  // 64 bytes hold two of the long names at most
    EXPECT_TRUE(losses.any());
}
