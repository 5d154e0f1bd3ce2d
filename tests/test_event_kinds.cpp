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
// is marked as such; the process, message, signal, buffer-wait and shared columns name the kinds
// of their group, and agree with the effect, link, hold and marker columns.
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

        // Processes: every kind of the group has a step, and only a cut-off thread is outside it.
        EXPECT_EQ(k.group == KindGroup::Process,
                  k.process != ProcessStep::None && k.process != ProcessStep::CutOff)
            << k.name;
        EXPECT_EQ(k.process == ProcessStep::Exit, k.effect == StateEffect::ProcessExit) << k.name;
        EXPECT_EQ(k.process == ProcessStep::Reap,
                  k.group == KindGroup::Process && k.effect == StateEffect::ToJoinWait)
            << k.name;
        EXPECT_EQ(k.marker == Marker::Cross,
                  k.process == ProcessStep::Fault || k.process == ProcessStep::CutOff)
            << k.name;
        if (k.process == ProcessStep::CutOff) {
            EXPECT_EQ(k.effect, StateEffect::ActorExit) << k.name;
        }

        // Messages: the group's kinds, their ends those the link column pairs, their blocking
        // steps the ones that wait in the kernel and the measures count as waits.
        EXPECT_EQ(k.group == KindGroup::Message, k.message != MessageStep::None) << k.name;
        const bool messageEnd = k.message == MessageStep::Send || k.message == MessageStep::Receive;
        EXPECT_EQ(messageEnd, k.link.family == LinkFamily::Message) << k.name;
        if (messageEnd) {
            EXPECT_EQ(k.link.from, k.message == MessageStep::Send) << k.name;
        }
        const bool messageBlocks =
            k.message == MessageStep::SendBlocks || k.message == MessageStep::ReceiveBlocks;
        EXPECT_EQ(messageBlocks,
                  k.group == KindGroup::Message && k.effect == StateEffect::ToIpcWait)
            << k.name;
        EXPECT_EQ(k.message == MessageStep::SendBlocks, k.wait == BufferWait::Full) << k.name;
        EXPECT_EQ(k.message == MessageStep::ReceiveBlocks, k.wait == BufferWait::Empty) << k.name;

        // Signals: the group's kinds; sent and handled are the link's ends, the wait a wait.
        EXPECT_EQ(k.group == KindGroup::Signal, k.signal != SignalStep::None) << k.name;
        EXPECT_EQ(k.signal == SignalStep::Send, k.link.family == LinkFamily::Signal && k.link.from)
            << k.name;
        EXPECT_EQ(k.signal == SignalStep::Handled,
                  k.link.family == LinkFamily::Signal && !k.link.from)
            << k.name;
        EXPECT_EQ(k.signal == SignalStep::Wait,
                  k.group == KindGroup::Signal && k.effect == StateEffect::ToIpcWait)
            << k.name;

        // Waits on a bounded buffer: a condition or semaphore asked for (its role says which
        // side), a poll (its payload says), a message object's blocking steps (above).
        const bool unitsOrCondition =
            k.hold.what == Holding::Units || k.hold.what == Holding::Condition;
        EXPECT_EQ(k.wait == BufferWait::ByRole,
                  unitsOrCondition && k.hold.step == ObjectStep::Request)
            << k.name;
        EXPECT_EQ(k.wait == BufferWait::ByA, k.effect == StateEffect::ToSpinning) << k.name;

        // Shared variables: the group's kinds, read or written as the marker shows.
        EXPECT_EQ(k.group == KindGroup::Shared, k.shared != SharedAccess::None) << k.name;
        EXPECT_EQ(k.shared == SharedAccess::Read, k.marker == Marker::SharedRead) << k.name;
        EXPECT_EQ(k.shared == SharedAccess::Write, k.marker == Marker::SharedWrite) << k.name;
    }
}
