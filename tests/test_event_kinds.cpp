// The event-kind table: one row per kind, in order, names unique and round-tripping.

#include <gtest/gtest.h>

#include <set>

#include "core/schema/event_kinds.h"

using namespace interleave;

TEST(EventKinds, EveryKindHasOneRowWithAUniqueName) {
    std::set<std::string_view> names;
    for (std::size_t i = 1; i < static_cast<std::size_t>(EventKind::Count_); ++i) {
        const auto kind = static_cast<EventKind>(i);
        EXPECT_EQ(kindInfo(kind).kind, kind);
        EXPECT_TRUE(names.insert(kindName(kind)).second) << kindName(kind);
        EXPECT_EQ(kindFromName(kindName(kind)), kind);
    }
    EXPECT_EQ(kindName(static_cast<EventKind>(999)), "unknown");
}

TEST(EventKinds, EveryCaptionNamesOnlyKnownPlaceholders) {
    const std::set<std::string_view> known = {
        "who",      "object", "a",       "b",    "actorA",    "actorB",   "procA",
        "procB",    "msA",    "status",  "slot", "occupancy", "capacity", "level",
        "priority", "send",   "receive", "end",  "hexA"};
    for (const auto& k : kKinds) {
        for (const auto text : {k.caption, k.alt}) {
            for (std::size_t i = text.find('{'); i != std::string_view::npos;
                 i = text.find('{', i + 1)) {
                const auto close = text.find('}', i);
                ASSERT_NE(close, std::string_view::npos) << k.name;
                EXPECT_TRUE(known.count(text.substr(i + 1, close - i - 1)))
                    << k.name << ": " << text;
            }
        }
        EXPECT_EQ(k.altWhen == AltWhen::Never, k.alt.empty()) << k.name;
    }
}

// The table's columns agree with each other: an item's or message's ends are marked as going in
// or out, a lock taken or given back is one the hold column says, and a signal sent or handled
// is marked as such.
TEST(EventKinds, MarkersAgreeWithTheLinkAndHoldColumns) {
    for (const auto& k : kKinds) {
        const bool item = k.link.family == LinkFamily::Item || k.link.family == LinkFamily::Message;
        if (item) {
            EXPECT_EQ(k.marker, k.link.from ? Marker::ItemIn : Marker::ItemOut) << k.name;
        }
        if (k.marker == Marker::ItemIn || k.marker == Marker::ItemOut) {
            EXPECT_TRUE(item) << k.name;
        }
        if (k.marker == Marker::LockTaken || k.marker == Marker::LockGiven) {
            EXPECT_EQ(k.hold.what, Holding::Mutex) << k.name;
            EXPECT_EQ(k.hold.step,
                      k.marker == Marker::LockTaken ? ObjectStep::Acquire : ObjectStep::Release)
                << k.name;
        }
        if (k.link.family == LinkFamily::Signal) {
            EXPECT_EQ(k.marker, k.link.from ? Marker::SignalSent : Marker::SignalHandled) << k.name;
        }
    }
}
