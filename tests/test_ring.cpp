// Rings: wrap-around, drop accounting, and one writer racing one reader (also run under TSan).

#include <gtest/gtest.h>

#include <atomic>
#include <cstring>
#include <thread>
#include <vector>

#include "core/channel/channel.h"
#include "core/channel/ring.h"

using namespace interleave;

namespace {

Channel smallChannel(std::uint32_t slots, CaptureMode mode = CaptureMode::Drop) {
    ChannelConfig cfg;
    cfg.maxActors = 2;
    cfg.ringSlots = slots;
    cfg.capture = mode;
    cfg.maxObjects = 4;
    cfg.arenaBytes = 256;
    return Channel::create(cfg);
}

Event numbered(std::int64_t n) {
    return Event{static_cast<std::uint64_t>(n), 0, EventKind::Note, 0, n, -n};
}

// The payloads of the scenario's own records (Note); markers the ring adds go to `markers`.
std::vector<std::int64_t> drainAll(RingReader& r, std::vector<Event>* markers = nullptr) {
    std::vector<std::int64_t> out;
    r.drain([&](const Event* e, std::uint64_t n) {
        for (std::uint64_t i = 0; i < n; ++i) {
            if (e[i].kind == EventKind::Note)
                out.push_back(e[i].a);
            else if (markers)
                markers->push_back(e[i]);
        }
    });
    return out;
}

}  // namespace

TEST(Ring, WrapsAroundKeepingOrder) {
    auto ch = smallChannel(16);
    auto w = writerFor(ch, 0);
    auto r = readerFor(ch, 0);
    std::int64_t next = 0;
    std::vector<std::int64_t> seen;
    // 5 records per round against 16 slots: the ring wraps on the second round and many times
    // after.
    for (int round = 0; round < 20; ++round) {
        for (int i = 0; i < 5; ++i)
            ASSERT_TRUE(w.push(numbered(next++)));
        for (auto v : drainAll(r))
            seen.push_back(v);
    }
    ASSERT_EQ(seen.size(), 100u);
    for (std::int64_t i = 0; i < 100; ++i)
        EXPECT_EQ(seen[i], i);
    EXPECT_EQ(r.dropped(), 0u);
}

TEST(Ring, DropModeDropsNewestCountsItAndMarksTheGap) {
    auto ch = smallChannel(16);
    auto w = writerFor(ch, 0);
    auto r = readerFor(ch, 0);
    int accepted = 0;
    for (int i = 0; i < 40; ++i)
        accepted += w.push(numbered(i)) ? 1 : 0;
    // 16 slots, 5 kept free for the markers a loss needs: 12 records fit.
    EXPECT_EQ(accepted, 12);
    EXPECT_EQ(r.dropped(), 28u);
    std::vector<Event> markers;
    const auto got = drainAll(r, &markers);
    ASSERT_EQ(got.size(), 12u);
    EXPECT_TRUE(markers.empty()) << "nothing can mark the gap until there is room";
    // The oldest records survive; the newest were the ones dropped.
    for (int i = 0; i < 12; ++i)
        EXPECT_EQ(got[i], i);
    // Room is back: the gap is marked from the first lost record's stamp, with its count.
    EXPECT_TRUE(w.push(numbered(99)));
    EXPECT_EQ(drainAll(r, &markers), std::vector<std::int64_t>{99});
    ASSERT_EQ(markers.size(), 2u);
    EXPECT_EQ(markers[0].kind, EventKind::LostBegin);
    EXPECT_EQ(markers[0].ticks, 12u);  // the stamp of record 12, the first one lost
    EXPECT_EQ(markers[1].kind, EventKind::LostEnd);
    EXPECT_EQ(markers[1].a, 28);
    EXPECT_EQ(markers[1].ticks, 99u);
}

TEST(Ring, LosslessWriterWaitsForASlowReaderAndLosesNothing) {
    auto ch = smallChannel(16, CaptureMode::Lossless);
    constexpr std::int64_t kWritten = 20'000;
    std::atomic<bool> done{false};
    std::thread writer([&] {
        auto w = writerFor(ch, 0);
        for (std::int64_t i = 0; i < kWritten; ++i)
            EXPECT_TRUE(w.push(numbered(i)));
        done = true;
    });
    auto r = readerFor(ch, 0);
    std::vector<std::int64_t> got;
    std::vector<Event> markers;
    while (!done.load()) {
        for (auto v : drainAll(r, &markers))
            got.push_back(v);
        std::this_thread::sleep_for(std::chrono::microseconds(100));  // much slower than it
    }
    writer.join();
    for (auto v : drainAll(r, &markers))
        got.push_back(v);
    EXPECT_EQ(r.dropped(), 0u);
    ASSERT_EQ(got.size(), static_cast<std::size_t>(kWritten));
    for (std::int64_t i = 0; i < kWritten; ++i)
        ASSERT_EQ(got[static_cast<std::size_t>(i)], i);
    // Every wait is recorded as a begin/end pair, counted in the ring header.
    ASSERT_GT(r.waits(), 0u) << "the writer never waited; the test proves nothing";
    EXPECT_EQ(markers.size(), 2 * r.waits());
    for (std::size_t i = 0; i + 1 < markers.size(); i += 2) {
        EXPECT_EQ(markers[i].kind, EventKind::CaptureWaitBegin);
        EXPECT_EQ(markers[i + 1].kind, EventKind::CaptureWaitEnd);
    }
}

TEST(Ring, ConcurrentWriterAndReaderLoseNothingUncounted) {
    auto ch = smallChannel(64);
    constexpr std::int64_t kWritten = 200'000;
    std::atomic<bool> done{false};
    std::thread writer([&] {
        auto w = writerFor(ch, 0);
        for (std::int64_t i = 0; i < kWritten; ++i)
            w.push(numbered(i));
        done = true;
    });
    auto r = readerFor(ch, 0);
    std::vector<std::int64_t> got;
    std::vector<Event> markers;
    std::size_t torn = 0;
    // Every byte of every delivered record, not one field: a torn record shows anywhere.
    auto take = [&] {
        r.drain([&](const Event* e, std::uint64_t n) {
            for (std::uint64_t i = 0; i < n; ++i) {
                if (e[i].kind != EventKind::Note) {
                    markers.push_back(e[i]);
                    continue;
                }
                const auto expected = numbered(e[i].a);
                torn += std::memcmp(&expected, &e[i], sizeof(Event)) != 0 ? 1 : 0;
                got.push_back(e[i].a);
            }
        });
    };
    while (!done.load())
        take();
    writer.join();
    take();
    EXPECT_EQ(torn, 0u) << "records delivered with bytes that were never written together";
    EXPECT_EQ(got.size() + r.dropped(), static_cast<std::uint64_t>(kWritten));
    // Each gap that was followed by a record is marked with its exact count; only a gap at the
    // very end (nothing came after it) is in the counter alone.
    std::uint64_t marked = 0;
    for (const auto& m : markers)
        if (m.kind == EventKind::LostEnd) marked += static_cast<std::uint64_t>(m.a);
    EXPECT_LE(marked, r.dropped());
    if (!got.empty() && got.back() == kWritten - 1) {
        EXPECT_EQ(marked, r.dropped());
    }
    // Delivered records are intact and in order (payloads checked against each other).
    for (std::size_t i = 1; i < got.size(); ++i)
        ASSERT_LT(got[i - 1], got[i]);
}

TEST(Channel, AttachChecksMagicVersionAndSize) {
    auto ch = smallChannel(16);
    auto again = Channel::attach(dup(ch.fd()));
    EXPECT_EQ(again.config().ringSlots, 16u);
    ch.header().version = kProtocolVersion + 1;
    try {
        Channel::attach(dup(ch.fd()));
        FAIL() << "a channel of another protocol version was accepted";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("protocol version"), std::string::npos);
    }
}

TEST(Channel, RegistersActorsObjectsAndStrings) {
    auto ch = smallChannel(16);
    const auto a = ch.claimActor();
    ch.publishActor(a, "worker", ActorRole::Thread, kNoActor, 10, 1, 11);
    EXPECT_EQ(ch.actorLimit(), 1u);
    EXPECT_EQ(ch.string(ch.actor(a).nameOffset), "worker");
    EXPECT_EQ(ch.claimActor(), 1u);
    EXPECT_EQ(ch.claimActor(), kNoActor);  // the table holds two
    EXPECT_EQ(ch.control().actorsRefused.load(), 1u);
    const auto o = ch.registerObject(ObjectKind::Mutex, "lock", 0);
    EXPECT_EQ(o, 1u);  // object 0 means "none"
    EXPECT_EQ(ch.string(ch.object(o).nameOffset), "lock");
    // The arena is 256 bytes: a long name is refused, not overflowed.
    EXPECT_EQ(ch.intern(std::string(300, 'x')), 0u);
    EXPECT_EQ(ch.control().stringsRefused.load(), 1u);
}
