// Rings: wrap-around, drop accounting, and one writer racing one reader (also run under TSan).

#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "core/channel.h"
#include "core/ring.h"

using namespace interleave;

namespace {

Channel smallChannel(std::uint32_t slots) {
    ChannelConfig cfg;
    cfg.maxActors = 2;
    cfg.ringSlots = slots;
    cfg.maxObjects = 4;
    cfg.arenaBytes = 256;
    return Channel::create(cfg);
}

Event numbered(std::int64_t n) {
    return Event{static_cast<std::uint64_t>(n), 0, EventKind::Note, 0, n, -n};
}

std::vector<std::int64_t> drainAll(RingReader& r) {
    std::vector<std::int64_t> out;
    r.drain([&](const Event* e, std::uint64_t n) {
        for (std::uint64_t i = 0; i < n; ++i)
            out.push_back(e[i].a);
    });
    return out;
}

}  // namespace

TEST(Ring, WrapsAroundKeepingOrder) {
    auto ch = smallChannel(8);
    auto w = writerFor(ch, 0);
    auto r = readerFor(ch, 0);
    std::int64_t next = 0;
    std::vector<std::int64_t> seen;
    // 5 records per round against 8 slots: the ring wraps on the second round and many times after.
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

TEST(Ring, FullRingDropsNewestAndCountsIt) {
    auto ch = smallChannel(16);
    auto w = writerFor(ch, 0);
    auto r = readerFor(ch, 0);
    int accepted = 0;
    for (int i = 0; i < 40; ++i)
        accepted += w.push(numbered(i)) ? 1 : 0;
    EXPECT_EQ(accepted, 16);
    EXPECT_EQ(r.dropped(), 24u);
    const auto got = drainAll(r);
    ASSERT_EQ(got.size(), 16u);
    // The oldest records survive; the newest were the ones dropped.
    for (int i = 0; i < 16; ++i)
        EXPECT_EQ(got[i], i);
    // Space is back after draining.
    EXPECT_TRUE(w.push(numbered(99)));
    EXPECT_EQ(drainAll(r), std::vector<std::int64_t>{99});
}

TEST(Ring, ConcurrentWriterAndReaderLoseNothingUncounted) {
    auto ch = smallChannel(64);
    constexpr std::int64_t kWritten = 200'000;
    std::thread writer([&] {
        auto w = writerFor(ch, 0);
        for (std::int64_t i = 0; i < kWritten; ++i)
            w.push(numbered(i));
    });
    auto r = readerFor(ch, 0);
    std::vector<std::int64_t> got;
    bool writerDone = false;
    while (!writerDone) {
        writerDone = ch.ring(0).head.load() + r.dropped() == static_cast<std::uint64_t>(kWritten);
        for (auto v : drainAll(r))
            got.push_back(v);
    }
    writer.join();
    for (auto v : drainAll(r))
        got.push_back(v);
    EXPECT_EQ(got.size() + r.dropped(), static_cast<std::uint64_t>(kWritten));
    // Delivered records are intact and in order (payloads checked against each other).
    for (std::size_t i = 1; i < got.size(); ++i)
        ASSERT_LT(got[i - 1], got[i]);
}

TEST(Channel, AttachChecksMagicVersionAndSize) {
    auto ch = smallChannel(8);
    auto again = Channel::attach(dup(ch.fd()));
    EXPECT_EQ(again.config().ringSlots, 8u);
    ch.header().version = kProtocolVersion + 1;
    try {
        Channel::attach(dup(ch.fd()));
        FAIL() << "a channel of another protocol version was accepted";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("protocol version"), std::string::npos);
    }
}

TEST(Channel, RegistersActorsObjectsAndStrings) {
    auto ch = smallChannel(8);
    const auto a = ch.claimActor();
    ch.publishActor(a, "worker", ActorRole::Thread, kNoActor, 10, 1, 11);
    EXPECT_EQ(ch.actorLimit(), 1u);
    EXPECT_EQ(ch.string(ch.actor(a).nameOffset), "worker");
    EXPECT_EQ(ch.claimActor(), 1u);
    EXPECT_EQ(ch.claimActor(), kNoActor);  // the table holds two
    const auto o = ch.registerObject(ObjectKind::Mutex, "lock", 0);
    EXPECT_EQ(o, 1u);  // object 0 means "none"
    EXPECT_EQ(ch.string(ch.object(o).nameOffset), "lock");
    // The arena is 256 bytes: a long name is refused, not overflowed.
    EXPECT_EQ(ch.intern(std::string(300, 'x')), 0u);
}
