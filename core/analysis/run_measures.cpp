#include "core/analysis/run_measures.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/analysis/goals.h"
#include "core/analysis/samples.h"
#include "core/analysis/speedup.h"
#include "core/schema/event_kinds.h"

namespace interleave {
namespace {

std::optional<EventKind> kindNamed(std::string_view name) {
    for (const auto& k : kKinds)
        if (k.name == name && k.kind != EventKind::None) return k.kind;
    return std::nullopt;
}

// "signal_handled" of "signal_handled@SIGUSR1".
std::string_view kindPart(std::string_view s) {
    return s.substr(0, s.find('@'));
}

bool startsWith(std::string_view s, std::string_view prefix) {
    return s.substr(0, prefix.size()) == prefix;
}

std::optional<double> seriesMedianUs(const EventStore& store, std::string_view name,
                                     std::string& error) {
    for (const auto& s : sampleSeries(store))
        if (s.name == name && !s.ns.empty()) return s.median / 1e3;
    error = "this run has no samples of '" + std::string(name) + "'";
    return std::nullopt;
}

struct Counts {
    double writes = 0, finalValue = 0, waitsEmpty = 0, waitsFull = 0, lockWaits = 0;
    bool wrote = false;
};

Counts count(const EventStore& store) {
    std::map<std::uint32_t, ObjectRole> roles;
    for (const auto& o : store.objects())
        roles[o.id] = o.role;
    auto role = [&](std::uint32_t id) {
        const auto it = roles.find(id);
        return it == roles.end() ? ObjectRole::Own : it->second;
    };
    Counts c;
    for (const auto i : store.timeOrder()) {
        const auto r = store.row(i);
        const auto& info = kindInfo(r.kind);
        // A mutex or either side of a reader-writer lock, taken after waiting (b = 1).
        if (info.hold.lock() && info.hold.step == ObjectStep::Acquire) {
            c.lockWaits += r.b != 0;
            continue;
        }
        if (info.shared == SharedAccess::Write) {
            ++c.writes;
            c.finalValue = static_cast<double>(r.a);
            c.wrote = true;
        }
        switch (info.wait) {
            case BufferWait::Empty:
                ++c.waitsEmpty;
                break;
            case BufferWait::Full:
                ++c.waitsFull;
                break;
            case BufferWait::ByRole:
                c.waitsEmpty += role(r.object) == ObjectRole::Items;
                c.waitsFull += role(r.object) == ObjectRole::Space;
                break;
            case BufferWait::ByA:
                (r.a == 1 ? c.waitsEmpty : c.waitsFull) += 1;
                break;
            case BufferWait::None:
                break;
        }
    }
    return c;
}

}  // namespace

bool knownMeasure(std::string_view m) {
    static const std::set<std::string_view> plain = {
        "lost_updates", "final_value", "deadlock",  "waits_on_empty", "waits_on_full",
        "lock_waits",   "threads",     "processes", "distinct_pids",  "lost_events"};
    if (plain.count(m)) return true;
    for (std::string_view p : {"count:", "max_a:", "min_a:", "first_a:", "last_a:", "max_b:"})
        if (startsWith(m, p)) return kindNamed(kindPart(m.substr(p.size()))).has_value();
    if (startsWith(m, "speedup:")) {
        const auto rest = m.substr(8);
        const auto colon = rest.find(':');
        return colon != std::string_view::npos && colon > 0 && colon + 1 < rest.size();
    }
    if (startsWith(m, "median_us:")) return m.size() > 10;
    if (startsWith(m, "ratio:")) {
        const auto slash = m.find('/', 6);
        return slash != std::string_view::npos && slash > 6 && slash + 1 < m.size();
    }
    return false;
}

std::optional<double> measureRun(const EventStore& store, std::string_view m, std::string& error) {
    if (!knownMeasure(m)) {
        error = "no such measure '" + std::string(m) + "'";
        return std::nullopt;
    }
    if (m == "lost_updates" || m == "final_value") {
        const auto c = count(store);
        if (!c.wrote) {
            error = "nothing was written to a shared variable";
            return std::nullopt;
        }
        return m == "final_value" ? c.finalValue : c.writes - c.finalValue;
    }
    if (m == "deadlock") return findGoal(store, Goal::Deadlock) ? 1.0 : 0.0;
    if (m == "waits_on_empty") return count(store).waitsEmpty;
    if (m == "waits_on_full") return count(store).waitsFull;
    if (m == "lock_waits") return count(store).lockWaits;
    if (m == "lost_events") return static_cast<double>(store.totalDropped());
    if (m == "threads" || m == "processes" || m == "distinct_pids") {
        std::set<int> pids;
        double threads = 0, processes = 0;
        for (const auto& a : store.actors()) {
            pids.insert(a.pid);
            (a.role == ActorRole::ProcessMain ? processes : threads) += 1;
        }
        return m == "threads" ? threads : m == "processes" ? processes : double(pids.size());
    }
    for (std::string_view p : {"count:", "max_a:", "min_a:", "first_a:", "last_a:", "max_b:"}) {
        if (!startsWith(m, p)) continue;
        const auto rest = m.substr(p.size());
        const auto kind = *kindNamed(kindPart(rest));
        const auto at = rest.find('@');
        std::optional<std::uint32_t> only;  // KIND@OBJECT: that object's events alone
        if (at != std::string_view::npos) {
            for (const auto& o : store.objects())
                if (o.name == rest.substr(at + 1)) only = o.id;
            if (!only) {
                error = "this run has no object '" + std::string(rest.substr(at + 1)) + "'";
                return std::nullopt;
            }
        }
        double n = 0;
        std::optional<double> extreme;
        // In time order, so that first and last are the run's own, whichever actor recorded it.
        for (const auto i : store.timeOrder()) {
            if (store.kind(i) != kind || (only && store.objectOf(i) != *only)) continue;
            ++n;
            const auto r = store.row(i);
            const auto a = static_cast<double>(p == "max_b:" ? r.b : r.a);
            extreme = !extreme                         ? a
                      : p == "max_a:" || p == "max_b:" ? std::max(*extreme, a)
                      : p == "min_a:"                  ? std::min(*extreme, a)
                      : p == "first_a:"                ? *extreme
                                                       : a;
        }
        if (p == "count:") return n;
        if (!extreme) error = "this run has no " + std::string(m.substr(p.size())) + " events";
        return extreme;
    }
    if (startsWith(m, "speedup:")) {
        const auto rest = m.substr(8);
        const auto colon = rest.find(':');
        const auto executor = rest.substr(0, colon);
        const auto workers = std::atoi(std::string(rest.substr(colon + 1)).c_str());
        for (const auto& p : speedupTable(store))
            if (executorName(p.executor) == executor && p.workers == workers && p.speedup > 0)
                return p.speedup;
        error = "this run measured no speedup of " + std::string(executor) + " with " +
                std::to_string(workers) + " workers";
        return std::nullopt;
    }
    if (startsWith(m, "median_us:")) return seriesMedianUs(store, m.substr(10), error);
    const auto slash = m.find('/', 6);
    const auto a = seriesMedianUs(store, m.substr(6, slash - 6), error);
    const auto b = seriesMedianUs(store, m.substr(slash + 1), error);
    if (!a || !b) return std::nullopt;
    if (*b <= 0) {
        error = "a median of 0 cannot divide";
        return std::nullopt;
    }
    return *a / *b;
}

}  // namespace interleave
