#pragma once
// Shared by the IPC scenario tests: what each pipe-like object carried, read off a real run's
// events, and the checks every multi-process run ends with.

#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/channel/event_store.h"
#include "core/schema/event.h"
#include "core/supervise/supervisor.h"

namespace interleave::test {

// Per pipe object: the message numbers written and read, in the order each side did them.
struct PipeTraffic {
    std::vector<std::int64_t> sent, received;
    std::vector<std::int64_t> sendBlockFill, receiveBlockFill;
    std::int64_t endCount = -1;  // the reader's msg_end: messages it received
    std::uint32_t writer = kNoActor, reader = kNoActor;
};

inline std::map<std::uint32_t, PipeTraffic> trafficOf(const EventStore& s) {
    std::map<std::uint32_t, PipeTraffic> out;
    // Each side's own order is its actor's order (a ring per actor, in time order).
    for (const auto& a : s.actors())
        for (std::size_t k = 0; k < s.actorEventCount(a.id); ++k) {
            const auto i = s.actorEvent(a.id, k);
            const Row r = s.row(i);
            auto& t = out[r.object];
            switch (r.kind) {
                case EventKind::MsgSend:
                    t.sent.push_back(r.a);
                    t.writer = a.id;
                    break;
                case EventKind::MsgReceive:
                    t.received.push_back(r.a);
                    t.reader = a.id;
                    break;
                case EventKind::MsgSendBlocks:
                    t.sendBlockFill.push_back(r.a);
                    break;
                case EventKind::MsgReceiveBlocks:
                    t.receiveBlockFill.push_back(r.a);
                    break;
                case EventKind::MsgEnd:
                    t.endCount = r.a;
                    break;
                default:
                    break;
            }
        }
    out.erase(kNoObject);
    return out;
}

inline std::vector<std::int64_t> oneTo(std::int64_t n) {
    std::vector<std::int64_t> v;
    for (std::int64_t i = 1; i <= n; ++i)
        v.push_back(i);
    return v;
}

// The lab and each of its `children` ended with status 0, as their parents reported it.
inline void expectAllExitedCleanly(Supervisor& sup, std::size_t children) {
    const auto& s = sup.store();
    ASSERT_TRUE(sup.labStatus());
    EXPECT_EQ(*sup.labStatus(), exitStatusExited(0));
    std::size_t exits = 0;
    for (std::size_t i = 0; i < s.size(); ++i)
        if (s.kind(i) == EventKind::ProcessExit && s.row(i).a != sup.labPid()) {
            ++exits;
            EXPECT_EQ(s.row(i).b, exitStatusExited(0)) << "process " << s.row(i).a;
        }
    EXPECT_EQ(exits, children);
}

// Each actor's pid by its name.
inline std::map<std::string, int> pidsByName(const EventStore& s) {
    std::map<std::string, int> out;
    for (const auto& a : s.actors())
        out[a.name] = a.pid;
    return out;
}

}  // namespace interleave::test
