#pragma once
// An independent check of a recorded run: does any effect come before its cause in the recorded
// times? It reads only the rows, in time order, and knows nothing of how the engine stamps them:
// - a message is received no earlier than it was sent (per object, the k-th receive of a number
//   against the k-th send of it), and a signal handled no earlier than it was sent;
// - an item is taken from a buffer no earlier than it was put in;
// - no semaphore goes below zero (more holders than permits), no mutex has two owners, no
//   reader is inside a reader-writer lock while a writer is, and no two writers are.

#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "core/channel/event_store.h"
#include "core/schema/event.h"

namespace interleave::test {

struct CausalityReport {
    std::vector<std::string> problems;  // the first few, in words
    std::size_t violations = 0;
    std::size_t messages = 0;   // receives (and deliveries, and gets) checked against a cause
    std::size_t lockSteps = 0;  // acquisitions and releases replayed
    std::int64_t worstNs = 0;   // the largest time by which an effect preceded its cause
};

inline CausalityReport checkCauseBeforeEffect(const EventStore& s) {
    CausalityReport out;
    auto flag = [&](std::int64_t earlyBy, const std::string& what) {
        ++out.violations;
        if (earlyBy > out.worstNs) out.worstNs = earlyBy;
        if (out.problems.size() < 8) out.problems.push_back(what);
    };
    std::map<std::uint32_t, std::int64_t> semValue, semInitial;
    for (const auto& o : s.objects())
        if (o.kind == ObjectKind::Semaphore) semValue[o.id] = semInitial[o.id] = o.capacity;
    std::map<int, int> pidOf;
    for (const auto& a : s.actors())
        pidOf[static_cast<int>(a.id)] = a.pid;

    // (object, number) -> times of the sends (or puts) not yet matched, oldest first.
    using Key = std::tuple<std::uint32_t, std::int64_t, std::int64_t>;
    std::map<Key, std::vector<std::int64_t>> sent, put;
    std::map<Key, std::size_t> received, taken;
    std::map<std::uint32_t, std::uint32_t> owner;  // mutex -> actor
    struct Rw {
        int readers = 0;
        int writers = 0;
    };
    std::map<std::uint32_t, Rw> rw;
    // Effects are matched in a second pass, once every cause is known: an effect recorded
    // before its cause must still find it.
    std::vector<std::uint32_t> order = s.timeOrder();
    for (const auto i : order) {
        const Row r = s.row(i);
        switch (r.kind) {
            case EventKind::MsgSend:
                sent[{r.object, r.a, 0}].push_back(r.ns);
                break;
            case EventKind::SignalSend:
                sent[{r.object, r.b, pidOf[static_cast<int>(r.actor)]}].push_back(r.ns);
                break;
            case EventKind::QueuePut:
                put[{r.object, r.a, 0}].push_back(r.ns);
                break;
            default:
                break;
        }
    }
    auto matchEffect = [&](std::map<Key, std::vector<std::int64_t>>& causes,
                           std::map<Key, std::size_t>& used, const Key& key, const Row& r,
                           const char* what) {
        ++out.messages;
        const auto k = used[key]++;
        const auto it = causes.find(key);
        if (it == causes.end() || k >= it->second.size()) {
            flag(0, std::string(what) + " " + std::to_string(std::get<1>(key)) + " on object " +
                        std::to_string(r.object) + " has no cause recorded at all");
            return;
        }
        const auto causeNs = it->second[k];
        if (r.ns < causeNs)
            flag(causeNs - r.ns, std::string(what) + " " + std::to_string(std::get<1>(key)) +
                                     " on " + s.objectName(r.object) + " recorded " +
                                     std::to_string(causeNs - r.ns) + " ns before its cause");
    };
    for (const auto i : order) {
        const Row r = s.row(i);
        switch (r.kind) {
            case EventKind::MsgReceive:
                matchEffect(sent, received, {r.object, r.a, 0}, r, "message");
                break;
            case EventKind::SignalHandled:
                matchEffect(sent, received, {r.object, r.b, r.a}, r, "signal");
                break;
            case EventKind::QueueGet:
                matchEffect(put, taken, {r.object, r.a, 0}, r, "item");
                break;
            case EventKind::SemAcquired:
                ++out.lockSteps;
                if (--semValue[r.object] < 0)
                    flag(0, s.objectName(r.object) + " held by more than its " +
                                std::to_string(semInitial[r.object]) + " permits at " +
                                std::to_string(r.ns) + " ns");
                break;
            case EventKind::SemReleased:
                ++out.lockSteps;
                ++semValue[r.object];
                break;
            case EventKind::LockAcquired: {
                ++out.lockSteps;
                auto& o = owner[r.object];
                if (o != 0)
                    flag(0, s.objectName(r.object) + " taken by actor " + std::to_string(r.actor) +
                                " while actor " + std::to_string(o - 1) + " holds it");
                o = r.actor + 1;
                break;
            }
            case EventKind::LockReleased:
                ++out.lockSteps;
                owner[r.object] = 0;
                break;
            case EventKind::RwReadAcquired:
                ++out.lockSteps;
                if (rw[r.object].writers > 0)
                    flag(0, "a reader inside " + s.objectName(r.object) + " with a writer");
                ++rw[r.object].readers;
                break;
            case EventKind::RwReadReleased:
                --rw[r.object].readers;
                break;
            case EventKind::RwWriteAcquired:
                ++out.lockSteps;
                if (rw[r.object].writers > 0 || rw[r.object].readers > 0)
                    flag(0, "a writer inside " + s.objectName(r.object) + " with others");
                ++rw[r.object].writers;
                break;
            case EventKind::RwWriteReleased:
                --rw[r.object].writers;
                break;
            default:
                break;
        }
    }
    return out;
}

}  // namespace interleave::test
