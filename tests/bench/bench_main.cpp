// Runs the benchmarks, then states each goal as a ratio of two results from this same run:
// absolute numbers on shared machines are noise, ratios are not.

#include <benchmark/benchmark.h>

#include <cstdio>
#include <map>
#include <string>

namespace {

class RatioReporter : public benchmark::ConsoleReporter {
  public:
    void ReportRuns(const std::vector<Run>& runs) override {
        for (const auto& r : runs) {
            if (r.run_type != Run::RT_Iteration || r.error_occurred) continue;
            nsPerIter[r.benchmark_name()] =
                r.GetAdjustedRealTime() * (r.time_unit == benchmark::kMicrosecond ? 1000.0 : 1.0);
            const auto items = r.counters.find("items_per_second");
            if (items != r.counters.end()) itemsPerSecond[r.benchmark_name()] = items->second;
        }
        ConsoleReporter::ReportRuns(runs);
    }
    std::map<std::string, double> nsPerIter;
    std::map<std::string, double> itemsPerSecond;
};

}  // namespace

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    RatioReporter reporter;
    benchmark::RunSpecifiedBenchmarks(&reporter);

    auto& t = reporter.nsPerIter;
    std::printf("\n== goals (ratios from this run) ==\n");
    if (t.count("BM_RecordEvent") && t.count("BM_MutexLockUnlock")) {
        const double ratio = t["BM_RecordEvent"] / t["BM_MutexLockUnlock"];
        std::printf(
            "record one event / mutex lock+unlock: %.2f ns / %.2f ns = %.2fx (goal <= 2.00x) %s\n",
            t["BM_RecordEvent"], t["BM_MutexLockUnlock"], ratio, ratio <= 2.0 ? "MET" : "MISSED");
    }
    auto& ips = reporter.itemsPerSecond;
    if (ips.count("BM_ReaderDrainIntoStore") && ips.count("BM_MemcpySameBytes")) {
        const double reader = ips["BM_ReaderDrainIntoStore"];
        const double ratio = reader / ips["BM_MemcpySameBytes"];
        std::printf(
            "reader: %.1f M events/s (goal >= 30) %s; %.0f%% of memcpy of the same bytes "
            "(goal >= 25%%) %s\n",
            reader / 1e6, reader >= 30e6 ? "MET" : "MISSED", ratio * 100.0,
            ratio >= 0.25 ? "MET" : "MISSED");
    }
    benchmark::Shutdown();
    return 0;
}
