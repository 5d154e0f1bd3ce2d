#include "core/trace/trace_perfetto.h"

#include <algorithm>
#include <map>
#include <string>

#include "core/analysis/links.h"
#include "core/schema/event_kinds.h"
#include "core/trace/state_slices.h"
#include "core/trace/trace_chrome.h"

namespace interleave {
namespace {

// Field numbers of the messages written (Perfetto's trace protos).
namespace f {
constexpr int kTracePacket = 1;  // Trace.packet
// TracePacket
constexpr int kTimestamp = 8, kSequenceId = 10, kTrackEvent = 11, kTrackDescriptor = 60;
// TrackDescriptor
constexpr int kUuid = 1, kParentUuid = 5, kProcess = 3, kThread = 4;
// ProcessDescriptor / ThreadDescriptor
constexpr int kPid = 1, kProcessName = 6, kTid = 2, kThreadName = 5;
// TrackEvent
constexpr int kDebugAnnotations = 4, kType = 9, kTrackUuid = 11, kCategories = 22, kName = 23;
constexpr int kFlowIds = 47, kTerminatingFlowIds = 48;  // repeated fixed64
constexpr int kSliceBegin = 1, kSliceEnd = 2, kInstant = 3;
// DebugAnnotation
constexpr int kIntValue = 4, kStringValue = 6, kAnnotationName = 10;
}  // namespace f

constexpr std::uint32_t kSequence = 1;  // one writer, one sequence

// One protobuf message under construction: fields are appended in order; a nested message is
// built apart and added whole with its length.
class Message {
  public:
    void varint(int field, std::uint64_t v) {
        key(field, 0);
        raw(v);
    }
    // Protobuf's int64 (and int32): two's complement in a varint, ten bytes when negative; not
    // sint64's zigzag, which the fields written here are not declared as.
    void int64(int field, std::int64_t v) { varint(field, static_cast<std::uint64_t>(v)); }
    void fixed64(int field, std::uint64_t v) {
        key(field, 1);
        for (int i = 0; i < 8; ++i)
            m_buf.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
    }
    void bytes(int field, std::string_view s) {
        key(field, 2);
        raw(s.size());
        m_buf.append(s);
    }
    void message(int field, const Message& m) { bytes(field, m.m_buf); }
    const std::string& data() const { return m_buf; }
    void clear() { m_buf.clear(); }

  private:
    void key(int field, int wireType) {
        raw((static_cast<std::uint64_t>(field) << 3) | static_cast<std::uint64_t>(wireType));
    }
    void raw(std::uint64_t v) {
        while (v >= 0x80) {
            m_buf.push_back(static_cast<char>((v & 0x7f) | 0x80));
            v >>= 7;
        }
        m_buf.push_back(static_cast<char>(v));
    }
    std::string m_buf;
};

class PacketWriter {
  public:
    explicit PacketWriter(std::ostream& out) : m_out(out) {}
    ~PacketWriter() { flush(); }
    void add(const Message& packet) {
        m_trace.message(f::kTracePacket, packet);
        if (m_trace.data().size() > (1u << 16)) flush();
    }
    void flush() {
        m_out.write(m_trace.data().data(), static_cast<std::streamsize>(m_trace.data().size()));
        m_trace.clear();
    }

  private:
    std::ostream& m_out;
    Message m_trace;  // packets not yet written, as fields of the Trace message
};

Message annotation(std::string_view name, std::int64_t value) {
    Message a;
    a.bytes(f::kAnnotationName, name);
    a.int64(f::kIntValue, value);
    return a;
}
Message annotation(std::string_view name, std::string_view value) {
    Message a;
    a.bytes(f::kAnnotationName, name);
    a.bytes(f::kStringValue, value);
    return a;
}

}  // namespace

bool writePerfettoTrace(const EventStore& store, std::ostream& out, const CancelCheck& cancelled) {
    const auto actors = store.actors();
    std::map<std::uint32_t, std::string> objectNames = {{kNoObject, ""}};
    for (const auto& o : store.objects())
        objectNames[o.id] = o.name;
    const auto order = store.timeOrder();
    // Perfetto's timestamps are unsigned: a run whose first stamp is before its origin (a few
    // hundred ns, a clock read before another) is moved up as a whole.
    std::int64_t first = 0;
    for (const auto& a : actors)
        if (store.actorEventCount(a.id))
            first = std::min(first, store.ns(store.actorEvent(a.id, 0)));
    const auto stamp = [&](std::int64_t ns) { return static_cast<std::uint64_t>(ns - first); };
    PacketWriter w(out);
    Message packet, body, inner;

    // Tracks: a process, then its threads under it.
    std::map<int, const ActorInfo*> processes;
    for (const auto& a : actors)
        if (a.role == ActorRole::ProcessMain || !processes.count(a.pid)) processes[a.pid] = &a;
    for (const auto& [pid, main] : processes) {
        inner.clear();
        inner.int64(f::kPid, pid);
        inner.bytes(f::kProcessName, main->name + " (pid " + std::to_string(pid) + ")");
        body.clear();
        body.varint(f::kUuid, perfettoProcessTrack(pid));
        body.message(f::kProcess, inner);
        packet.clear();
        packet.message(f::kTrackDescriptor, body);
        packet.varint(f::kSequenceId, kSequence);
        w.add(packet);
    }
    for (const auto& a : actors) {
        inner.clear();
        inner.int64(f::kPid, a.pid);
        inner.int64(f::kTid, a.tid);
        inner.bytes(f::kThreadName, a.name);
        body.clear();
        body.varint(f::kUuid, perfettoActorTrack(a.id));
        body.varint(f::kParentUuid, perfettoProcessTrack(a.pid));
        body.message(f::kThread, inner);
        packet.clear();
        packet.message(f::kTrackDescriptor, body);
        packet.varint(f::kSequenceId, kSequence);
        w.add(packet);
    }

    auto event = [&](std::uint64_t ts, std::uint32_t actor, int type, std::string_view name,
                     std::string_view category) {
        packet.clear();
        packet.varint(f::kTimestamp, ts);
        packet.varint(f::kSequenceId, kSequence);
        body.clear();
        body.varint(f::kType, static_cast<std::uint64_t>(type));
        body.varint(f::kTrackUuid, perfettoActorTrack(actor));
        if (!name.empty()) body.bytes(f::kName, name);
        if (!category.empty()) body.bytes(f::kCategories, category);
    };
    auto stop = [&] { return cancelled && cancelled(); };

    // States: a slice each, per actor (a track's slices must nest, and one actor's states
    // follow each other).
    const std::int64_t lastNs = order.empty() ? 0 : store.ns(order.back());
    const bool whole = forEachStateSlice(
        store, actors, lastNs, cancelled, [&](const ActorInfo& a, const StateSegment& seg) {
            event(stamp(seg.begin), a.id, f::kSliceBegin, stateName(seg.state), "state");
            if (seg.object != kNoObject)
                body.message(f::kDebugAnnotations, annotation("object", objectNames[seg.object]));
            packet.message(f::kTrackEvent, body);
            w.add(packet);
            event(stamp(seg.end), a.id, f::kSliceEnd, {}, {});
            packet.message(f::kTrackEvent, body);
            w.add(packet);
        });
    if (!whole) return false;
    // Causes and their effects (a put and its get, a notify and the wake-up, ...) as flows: the
    // cause's step starts flow k, the effect's step ends it, as the window draws its arrows.
    std::map<std::pair<std::uint32_t, std::int64_t>, std::vector<std::uint64_t>> flowsFrom, flowsTo;
    std::uint64_t flow = 0;
    for (const auto& l : allLinks(store)) {
        ++flow;
        flowsFrom[{l.fromActor, l.t0}].push_back(flow);
        flowsTo[{l.toActor, l.t1}].push_back(flow);
    }
    // Steps: an instant each, in time order.
    std::size_t written = 0;
    for (const auto i : order) {
        if ((++written & 0xffff) == 0 && stop()) return false;
        const auto r = store.row(i);
        event(stamp(r.ns), r.actor, f::kInstant, kindInfo(r.kind).name, "step");
        const auto object = objectNames.find(r.object);
        if (object != objectNames.end() && !object->second.empty())
            body.message(f::kDebugAnnotations, annotation("object", object->second));
        body.message(f::kDebugAnnotations, annotation("value", eventValue(r)));
        // Each end once: a second event of the same actor at the same ns carries none.
        if (const auto from = flowsFrom.find({r.actor, r.ns}); from != flowsFrom.end()) {
            for (const auto id : from->second)
                body.fixed64(f::kFlowIds, id);
            flowsFrom.erase(from);
        }
        if (const auto to = flowsTo.find({r.actor, r.ns}); to != flowsTo.end()) {
            for (const auto id : to->second)
                body.fixed64(f::kTerminatingFlowIds, id);
            flowsTo.erase(to);
        }
        packet.message(f::kTrackEvent, body);
        w.add(packet);
    }
    return true;
}

}  // namespace interleave
