#pragma once
// Every event of a run as CSV (RFC 4180), one row per event in time order, for a spreadsheet,
// pandas or R: time, the actor with its name, pid and tid, the kind, the object with its name,
// the raw payload words and the value the kind table says the step reports.

#include <ostream>

#include "core/channel/event_store.h"
#include "core/trace/trace_native.h"

namespace interleave {

inline constexpr const char* kCsvHeader =
    "ns,actor,actor_name,pid,tid,kind,object,object_name,a,b,value";

// Returns false when `cancelled` said stop (out is then partial).
bool writeCsvTrace(const EventStore& store, std::ostream& out, const CancelCheck& cancelled = {});

// `text` as one CSV field: quoted, inner quotes doubled, when it holds a comma, a quote or a
// line break; as it is otherwise.
std::string csvField(const std::string& text);

}  // namespace interleave
