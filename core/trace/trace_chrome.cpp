#include "core/trace/trace_chrome.h"

#include <fmt/format.h>

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "core/analysis/actor_states.h"
#include "core/schema/event_kinds.h"
#include "core/schema/sys_text.h"
#include "core/trace/state_slices.h"

namespace interleave {
namespace {

using nlohmann::json;

// Names come from the run (or from a loaded trace) and may hold bytes that are not UTF-8: they
// are replaced, never allowed to abort the writing.
std::string dumped(const json& j) {
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

// Events go out in 64 KiB pieces, so a 10 M-event trace is never built in memory.
class LineWriter {
  public:
    explicit LineWriter(std::ostream& out) : m_out(out) {}
    ~LineWriter() { flush(); }
    fmt::memory_buffer& next() {
        if (!m_first) m_buf.append(std::string_view(",\n"));
        m_first = false;
        return m_buf;
    }
    void line(const json& j) {
        const auto text = dumped(j);
        next().append(text);
        if (m_buf.size() > (1u << 16)) flush();
    }
    void done() {
        if (m_buf.size() > (1u << 16)) flush();
    }
    void flush() {
        m_out.write(m_buf.data(), static_cast<std::streamsize>(m_buf.size()));
        m_buf.clear();
    }

  private:
    std::ostream& m_out;
    fmt::memory_buffer m_buf;
    bool m_first = true;
};

// Microseconds, Chrome's unit, with the nanoseconds as three exact decimals.
struct Micros {
    std::int64_t ns;
};

}  // namespace
}  // namespace interleave

template <>
struct fmt::formatter<interleave::Micros> : fmt::formatter<std::string_view> {
    template <typename Context>
    auto format(interleave::Micros m, Context& ctx) const {
        const auto frac = (m.ns < 0 ? -m.ns : m.ns) % 1000;
        const char* sign = m.ns < 0 && m.ns > -1000 ? "-" : "";
        return fmt::format_to(ctx.out(), "{}{}.{:03}", sign, m.ns / 1000, frac);
    }
};

namespace interleave {

std::int64_t eventValue(const Row& r) {
    switch (kindInfo(r.kind).value) {
        case ValueField::A:
            return r.a;
        case ValueField::AInMs:
            return r.a / 1'000'000;
        case ValueField::ExitCode:
            return exitCodeOrSignal(r.b);
        case ValueField::B:
            break;
    }
    return r.b;
}

bool writeChromeTrace(const EventStore& store, std::ostream& out, const CancelCheck& cancelled,
                      const RunDescription& description) {
    const auto actors = store.actors();
    std::map<std::uint32_t, const ActorInfo*> byId;
    for (const auto& a : actors)
        byId[a.id] = &a;
    // Every name is escaped once, by the JSON library, and reused for each event that uses it.
    std::map<std::uint32_t, std::string> objectJson = {{kNoObject, "\"\""}};
    json objects = json::array();
    for (const auto& o : store.objects()) {
        objectJson[o.id] = dumped(o.name);
        json entry = {{"id", o.id},
                      {"name", o.name},
                      {"kind", objectKindName(o.kind)},
                      {"capacity", o.capacity}};
        if (o.role != ObjectRole::Own) {
            entry["role"] = objectRoleName(o.role);
            entry["owner"] = o.owner;
        }
        objects.push_back(std::move(entry));
    }
    std::vector<std::string> kindJson(kKinds.size());
    for (std::size_t k = 1; k < kKinds.size(); ++k)
        kindJson[k] = dumped(kKinds[k].name);
    auto objectOf = [&](std::uint32_t id) -> const std::string& {
        const auto it = objectJson.find(id);
        return it == objectJson.end() ? objectJson[kNoObject] : it->second;
    };

    const auto l = store.losses();
    json lostByActor = json::object();
    for (const auto& a : actors)
        if (a.dropped) lostByActor[std::to_string(a.id)] = a.dropped;
    const json otherData = {{"generator", "interleave"},
                            {"events_lost", store.totalDropped()},
                            {"events_lost_by_actor", lostByActor},
                            {"events_of_untraced_threads", l.eventsUntraced},
                            {"actors_refused", l.actorsRefused},
                            {"forks_failed", l.forksFailed},
                            {"objects_refused", l.objectsRefused},
                            {"names_refused", l.stringsRefused},
                            {"capture_waits", l.ringWaits},
                            {"objects", objects},
                            {"run", json::parse(runDescriptionJson(description))}};
    out << "{\"displayTimeUnit\":\"ms\",\"otherData\":" << dumped(otherData)
        << ",\"traceEvents\":[\n";
    LineWriter w(out);

    for (const auto& a : actors) {
        const json where = {{"pid", a.pid}, {"tid", a.tid}, {"ph", "M"}};
        if (a.role == ActorRole::ProcessMain) {
            json j = where;
            j["name"] = "process_name";
            j["args"] = {{"name", a.name + " (pid " + std::to_string(a.pid) + ")"}};
            w.line(j);
        }
        json name = where;
        name["name"] = "thread_name";
        name["args"] = {{"name", a.name}};
        w.line(name);
        json sort = where;
        sort["name"] = "thread_sort_index";
        sort["args"] = {{"sort_index", a.id}};
        w.line(sort);
    }

    auto stop = [&] { return cancelled && cancelled(); };
    const auto order = store.timeOrder();
    if (stop()) return false;
    const std::int64_t lastNs = order.empty() ? 0 : store.ns(order.back());
    const bool whole = forEachStateSlice(
        store, actors, lastNs, cancelled, [&](const ActorInfo& a, const StateSegment& seg) {
            auto& buf = w.next();
            fmt::format_to(
                std::back_inserter(buf),
                R"({{"ph":"X","cat":"state","name":"{}","pid":{},"tid":{},"ts":{},"dur":{})",
                stateName(seg.state), a.pid, a.tid, Micros{seg.begin}, Micros{seg.end - seg.begin});
            if (seg.object != kNoObject)
                fmt::format_to(std::back_inserter(buf), R"(,"args":{{"object":{}}})",
                               objectOf(seg.object));
            buf.push_back('}');
            w.done();
        });
    if (!whole) return false;

    std::size_t written = 0;
    for (const auto i : order) {
        if ((++written & 0xffff) == 0 && stop()) return false;
        const auto r = store.row(i);
        const auto it = byId.find(r.actor);
        if (it == byId.end()) continue;
        const auto& a = *it->second;
        const auto& kind = kindJson[static_cast<std::size_t>(r.kind)];
        auto& buf = w.next();
        fmt::format_to(std::back_inserter(buf),
                       R"({{"ph":"i","s":"t","cat":"step","name":{},"pid":{},"tid":{},"ts":{},)"
                       R"("args":{{"kind":{},"object":{},"value":{},"a":{},"b":{})",
                       kind, a.pid, a.tid, Micros{r.ns}, kind, objectOf(r.object), eventValue(r),
                       r.a, r.b);
        if (r.kind == EventKind::ProcessExit)
            fmt::format_to(std::back_inserter(buf), R"(,"status":{})", dumped(exitStatusText(r.b)));
        buf.append(std::string_view("}}"));
        if (r.kind == EventKind::QueuePut || r.kind == EventKind::QueueGet) {
            const bool put = r.kind == EventKind::QueuePut;
            fmt::format_to(std::back_inserter(w.next()),
                           R"({{"ph":"{}","cat":"item","name":"item","id":{},"pid":{},"tid":{},)"
                           R"("ts":{}{}}})",
                           put ? "s" : "f", r.a, a.pid, a.tid, Micros{r.ns},
                           put ? "" : R"(,"bp":"e")");
        }
        w.done();
    }
    w.flush();
    out << "\n]}\n";
    return true;
}

}  // namespace interleave
