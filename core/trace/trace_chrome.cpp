#include "core/trace/trace_chrome.h"

#include <cinttypes>
#include <cstdio>
#include <map>
#include <string>

#include "core/analysis/actor_states.h"
#include "core/schema/event_kinds.h"
#include "core/schema/sys_text.h"

namespace interleave {
namespace {

std::string jsonString(std::string_view s) {
    std::string out = "\"";
    for (const char c : s) {
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\u%04x", c);
                    out += buf;
                } else {
                    out += c;
                }
        }
    }
    return out + "\"";
}

std::string micros(std::int64_t ns) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%" PRId64 ".%03" PRId64, ns / 1000, (ns < 0 ? -ns : ns) % 1000);
    return buf;
}

}  // namespace

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

bool writeChromeTrace(const EventStore& store, std::ostream& out, const CancelCheck& cancelled) {
    const auto actors = store.actors();
    std::map<std::uint32_t, const ActorInfo*> byId;
    for (const auto& a : actors)
        byId[a.id] = &a;
    std::map<std::uint32_t, std::string> objectNames;
    for (const auto& o : store.objects())
        objectNames[o.id] = o.name;

    const auto l = store.losses();
    std::string perActor;
    for (const auto& a : actors)
        if (a.dropped)
            perActor += (perActor.empty() ? "" : ",") + jsonString(std::to_string(a.id)) + ":" +
                        std::to_string(a.dropped);
    out << "{\"displayTimeUnit\":\"ms\",\"otherData\":{\"generator\":\"interleave\","
        << "\"events_lost\":" << store.totalDropped() << ",\"events_lost_by_actor\":{" << perActor
        << "},\"events_of_untraced_threads\":" << l.eventsUntraced
        << ",\"actors_refused\":" << l.actorsRefused << ",\"forks_failed\":" << l.forksFailed
        << ",\"objects_refused\":" << l.objectsRefused << ",\"names_refused\":" << l.stringsRefused
        << ",\"capture_waits\":" << l.ringWaits << "},\"traceEvents\":[\n";
    bool first = true;
    auto emit = [&](const std::string& json) {
        out << (first ? "" : ",\n") << json;
        first = false;
    };
    auto where = [](const ActorInfo& a) {
        return ",\"pid\":" + std::to_string(a.pid) + ",\"tid\":" + std::to_string(a.tid);
    };

    for (const auto& a : actors) {
        if (a.role == ActorRole::ProcessMain)
            emit("{\"ph\":\"M\",\"name\":\"process_name\"" + where(a) + ",\"args\":{\"name\":" +
                 jsonString(a.name + " (pid " + std::to_string(a.pid) + ")") + "}}");
        emit("{\"ph\":\"M\",\"name\":\"thread_name\"" + where(a) +
             ",\"args\":{\"name\":" + jsonString(a.name) + "}}");
        emit("{\"ph\":\"M\",\"name\":\"thread_sort_index\"" + where(a) +
             ",\"args\":{\"sort_index\":" + std::to_string(a.id) + "}}");
    }

    auto stop = [&] { return cancelled && cancelled(); };
    const auto order = store.timeOrder();
    if (stop()) return false;
    const std::int64_t lastNs = order.empty() ? 0 : store.ns(order.back());
    const auto ends = processEnds(store);
    for (const auto& a : actors) {
        if (stop()) return false;
        for (const auto& seg : stateSegments(store, a, ends, lastNs)) {
            if (seg.state == ActorState::Exited) continue;
            std::string json =
                "{\"ph\":\"X\",\"cat\":\"state\",\"name\":" + jsonString(stateName(seg.state)) +
                where(a) + ",\"ts\":" + micros(seg.begin) +
                ",\"dur\":" + micros(seg.end - seg.begin);
            if (seg.object != kNoObject)
                json += ",\"args\":{\"object\":" + jsonString(objectNames[seg.object]) + "}";
            emit(json + "}");
        }
    }

    std::size_t written = 0;
    for (const auto i : order) {
        if ((++written & 0xffff) == 0 && stop()) return false;
        const auto r = store.row(i);
        const auto it = byId.find(r.actor);
        if (it == byId.end()) continue;
        const auto& a = *it->second;
        const auto name = kindName(r.kind);
        std::string args =
            "\"kind\":" + jsonString(name) +
            ",\"object\":" + jsonString(r.object ? objectNames[r.object] : std::string()) +
            ",\"value\":" + std::to_string(eventValue(r)) + ",\"a\":" + std::to_string(r.a) +
            ",\"b\":" + std::to_string(r.b);
        if (r.kind == EventKind::ProcessExit)
            args += ",\"status\":" + jsonString(exitStatusText(r.b));
        emit("{\"ph\":\"i\",\"s\":\"t\",\"cat\":\"step\",\"name\":" + jsonString(name) + where(a) +
             ",\"ts\":" + micros(r.ns) + ",\"args\":{" + args + "}}");
        if (r.kind == EventKind::QueuePut || r.kind == EventKind::QueueGet) {
            const bool put = r.kind == EventKind::QueuePut;
            emit(std::string("{\"ph\":\"") + (put ? "s" : "f") +
                 "\",\"cat\":\"item\",\"name\":\"item\",\"id\":" + std::to_string(r.a) +
                 (put ? "" : ",\"bp\":\"e\"") + where(a) + ",\"ts\":" + micros(r.ns) + "}");
        }
    }
    out << "\n]}\n";
    return true;
}

}  // namespace interleave
