#pragma once
#include <ostream>

#include "core/event_store.h"

namespace interleave {

// Chrome Trace Event format (JSON object form), which Perfetto and chrome://tracing open:
// real pids and tids, process/thread names as metadata events, actor states as complete ("X")
// events, every synchronisation step as a thread-scoped instant whose args carry kind, object
// and value, and a flow arrow from each queue_put to the queue_get of the same item.
void writeChromeTrace(const EventStore& store, std::ostream& out);

// The `value` a step reports: the item for queue events, the counter for semaphores, etc.
std::int64_t eventValue(const Row& row);

}  // namespace interleave
