#pragma once
// The measurements of a run (measure_result events) as a table: for each executor and number
// of workers, the time of every repetition, its median, and the speedup against doing the same
// work sequentially, with the spread the repetitions give. Warm-ups (repetition 0) are recorded
// but left out here.

#include <cstdint>
#include <map>
#include <string_view>
#include <utility>
#include <vector>

#include "core/channel/event_store.h"

namespace interleave {

std::string_view executorName(Executor e);  // "sequential", "threads", ...

struct SpeedupPoint {
    Executor executor = Executor::Sequential;
    int workers = 0;
    std::vector<double> ms;  // every measured repetition, in the order they ran
    double medianMs = 0;
    // Sequential median / this median; low and high from this executor's slowest and fastest
    // repetition. 0 when there is no sequential measurement with as many workers.
    double speedup = 0, speedupLow = 0, speedupHigh = 0;
};

double median(std::vector<double> values);  // 0 for none

// Measurements cpu-vs-io makes with these parameters, warm-ups included: every executor for
// 1, 2, 4, ... below `maxWorkers` and `maxWorkers`, one warm-up and `repetitions` each.
int cpuVsIoMeasurementCount(int maxWorkers, int repetitions);

// Every repetition's ms, by executor and workers.
using Measurements = std::map<std::pair<Executor, int>, std::vector<double>>;

// One point per executor and worker count measured, ordered by executor, then workers.
std::vector<SpeedupPoint> speedupPoints(const Measurements& measured);
// The same from a run's measure_result events.
std::vector<SpeedupPoint> speedupTable(const EventStore& store);

// What one worker of a pool cost, beside what the pool's work took (see WorkerCost in event.h):
// -1 where the run did not measure it.
struct WorkerCostPoint {
    Executor executor = Executor::Threads;
    int workers = 0;
    double startUs = -1;    // to start one worker
    double ownKiB = -1;     // memory one worker added, its own
    double sharedKiB = -1;  // memory one worker still shares with the lab (a forked process)
};
// One point per executor and worker count measured, ordered by executor, then workers.
std::vector<WorkerCostPoint> workerCosts(const EventStore& store);

}  // namespace interleave
