#pragma once
// The measured series of a run (measure_sample events on objects of kind series) with their
// distribution: how many samples, the median and the percentiles a box plot draws.

#include <cstdint>
#include <string>
#include <vector>

#include "core/channel/event_store.h"

namespace interleave {

struct SampleSeries {
    std::uint32_t object = 0;
    std::string name;
    std::vector<double> ns;  // every sample, in the order recorded
    // Of the samples, sorted: the 5th, 25th, 50th, 75th and 95th percentiles (0 when none).
    double p5 = 0, p25 = 0, median = 0, p75 = 0, p95 = 0;
};

// The p-th percentile (0..100) of sorted values, interpolated between neighbours; 0 for none.
double percentile(const std::vector<double>& sorted, double p);

// Sets the percentiles of `s` from its samples.
void summarise(SampleSeries& s);

// Every series object of the run in registration order (but the busy-machine record, see
// other_cpu.h), with the samples recorded up to and
// including `untilNs` (every sample by default).
std::vector<SampleSeries> sampleSeries(const EventStore& store, std::int64_t untilNs = INT64_MAX);

}  // namespace interleave
