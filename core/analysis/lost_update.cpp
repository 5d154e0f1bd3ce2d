#include "core/analysis/lost_update.h"

#include <map>
#include <utility>

namespace interleave {

std::optional<LostUpdate> firstLostUpdate(const EventStore& store) {
    auto all = allLostUpdates(store, 1);
    if (all.empty()) return std::nullopt;
    return all.front();
}

std::vector<LostUpdate> allLostUpdates(const EventStore& store, std::size_t limit) {
    std::vector<LostUpdate> found;
    if (limit == 0) return found;
    struct Write {
        std::size_t write, read;  // the write, and its writer's read before it
    };
    std::map<std::pair<std::uint32_t, std::int64_t>, Write> writeOf;        // (var, value)
    std::map<std::pair<std::uint32_t, std::uint32_t>, std::size_t> readBy;  // (var, actor)
    for (const auto i : store.timeOrder()) {
        const auto kind = store.kind(i);
        if (kind != EventKind::SharedRead && kind != EventKind::SharedWrite) continue;
        const auto r = store.row(i);
        if (kind == EventKind::SharedRead) {
            readBy[{r.object, r.actor}] = i;
            continue;
        }
        const auto mine = readBy.find({r.object, r.actor});
        if (mine == readBy.end()) continue;  // a write without a read: not a read-modify-write
        // A write over a value other than the one it was computed from (a - 1) replaced
        // another thread's write: that write's addition is lost.
        if (r.b != r.a - 1) {
            const auto over = writeOf.find({r.object, r.b});
            if (over != writeOf.end() && store.actorOf(over->second.write) != r.actor) {
                LostUpdate u{{over->second.read, mine->second, over->second.write, i},
                             store.actorOf(over->second.write),
                             r.actor,
                             r.a - 1,
                             r.b - 1,
                             r.b - (r.a - 1)};
                if (store.ns(u.events[1]) < store.ns(u.events[0]))
                    std::swap(u.events[0], u.events[1]);
                found.push_back(u);
                if (found.size() >= limit) return found;
            }
        }
        writeOf[{r.object, r.a}] = Write{i, mine->second};
    }
    return found;
}

}  // namespace interleave
