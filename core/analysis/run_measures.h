#pragma once
// One number read off a recorded run, named by the questions lessons ask (lesson_quiz.h):
//   lost_updates     additions lost on the shared variables (writes and adds minus the final value)
//   final_value      the last value written to a shared variable
//   deadlock         1 if threads wait for each other's locks in a cycle at the end, else 0
//   waits_on_empty   waits for an item (condition, semaphore, polling, an empty pipe or queue)
//   waits_on_full    waits for room (the same, on a full buffer, pipe or queue)
//   lock_waits       lock acquisitions that had to wait
//   threads, processes, distinct_pids   actors, process main threads, pids among the actors
//   lost_events      events the rings could not take
//   count:KIND       events of a kind (its trace name, e.g. count:signal_handled); KIND@OBJECT
//                    counts one object's only (count:signal_handled@SIGUSR1), here and below
//   max_a:KIND, min_a:KIND   the largest and smallest payload `a` of a kind's events
//   max_b:KIND       the largest second payload `b` (max_b:memory_pages: KiB a process owns)
//   first_a:KIND, last_a:KIND   the payload `a` of a kind's first and last event in time order
//                    (first_a:msg_receive: the number of the message taken out first)
//   speedup:EXECUTOR:N       cpu-vs-io's median speedup (executor as executorName, N workers)
//   median_us:SERIES         a measured series' median, in µs
//   ratio:SERIES_A/SERIES_B  the two series' medians divided
// Never estimated: each is counted from the events.

#include <optional>
#include <string>
#include <string_view>

#include "core/channel/event_store.h"

namespace interleave {

// nullopt with `error` when the name is unknown or the run has nothing to measure it by (no
// such series, no such measurement).
std::optional<double> measureRun(const EventStore& store, std::string_view measure,
                                 std::string& error);
// Whether `measure` is well-formed (the run may still lack what it names).
bool knownMeasure(std::string_view measure);

}  // namespace interleave
