#pragma once
// A store made up event by event, one microsecond apart, for the cases a real run cannot be
// relied on to produce at a given moment. Each row is published as it is added.

#include <cstdint>
#include <string>
#include <vector>

#include "core/channel/event_store.h"

namespace interleave::test {

struct MadeStore {
    EventStore store{8};
    std::int64_t t = 0;
    explicit MadeStore(std::uint32_t actors) {
        std::vector<ActorInfo> list;
        for (std::uint32_t a = 0; a < actors; ++a)
            list.push_back(ActorInfo{a, 100, 1, 200 + static_cast<int>(a),
                                     "thread " + std::to_string(a), ActorRole::Thread, kNoActor,
                                     0});
        store.setActors(list);
    }
    std::int64_t add(std::uint32_t actor, EventKind k, std::uint32_t object, std::int64_t a = 0,
                     std::int64_t b = 0) {
        t += 1000;
        store.appendRow(Row{t, actor, k, object, a, b});
        store.publish();
        return t;
    }
};

}  // namespace interleave::test
