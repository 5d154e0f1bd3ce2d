#pragma once
#include <ostream>

#include "core/channel/event_store.h"
#include "core/trace/trace_native.h"

namespace interleave {

// Chrome Trace Event format (JSON object form), which Perfetto and chrome://tracing open:
// real pids and tids, process/thread names as metadata events, actor states as complete ("X")
// events, every synchronisation step as a thread-scoped instant whose args carry kind, object
// and value, and a flow arrow from each queue_put to the queue_get of the same item. Losses are
// written too: totals in otherData, and per actor an "events lost" slice where they happened,
// so a reader never mistakes a gap for what the run did. The run's description goes into
// otherData.run, as the native trace's JSON. Returns false when cancelled.
bool writeChromeTrace(const EventStore& store, std::ostream& out, const CancelCheck& cancelled = {},
                      const RunDescription& description = {});

// The `value` a step reports: the item for queue events, the counter for semaphores, etc.
std::int64_t eventValue(const Row& row);

}  // namespace interleave
