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
