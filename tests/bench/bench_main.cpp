// Runs the benchmarks, then states each goal as a ratio of two results from this same run:
// absolute numbers on shared machines are noise, ratios are not.

#include <benchmark/benchmark.h>

#include <cstdio>
#include <map>
#include <string>
#include <tuple>
#include <vector>

namespace {

double nsPer(benchmark::TimeUnit unit) {
    switch (unit) {
        case benchmark::kNanosecond:
            return 1.0;
        case benchmark::kMicrosecond:
            return 1e3;
        case benchmark::kMillisecond:
            return 1e6;
        case benchmark::kSecond:
            return 1e9;
    }
    return 1.0;
}

class RatioReporter : public benchmark::ConsoleReporter {
  public:
    void ReportRuns(const std::vector<Run>& runs) override {
        for (const auto& r : runs) {
            if (r.error_occurred) {
                ++errors;
                continue;
            }
            // Repeated benchmarks report their median; single ones their only run.
            const bool median = r.run_type == Run::RT_Aggregate && r.aggregate_name == "median";
            if (r.run_type != Run::RT_Iteration && !median) continue;
            // Keyed by function and arguments, without the iterations/repeats/manual_time
            // decorations of the full name.
            const auto key =
                r.run_name.function_name + (r.run_name.args.empty() ? "" : "/" + r.run_name.args);
            nsPerIter[key] = r.GetAdjustedRealTime() * nsPer(r.time_unit);
            for (const auto& [name, counter] : r.counters)
                counters[key][name] = counter.value;
            const auto items = r.counters.find("items_per_second");
            if (items != r.counters.end()) itemsPerSecond[key] = items->second;
        }
        ConsoleReporter::ReportRuns(runs);
    }
    std::map<std::string, double> nsPerIter;
    std::map<std::string, double> itemsPerSecond;
    std::map<std::string, std::map<std::string, double>> counters;
    int errors = 0;
};

int g_missed = 0;
const char* verdict(bool met) {
    g_missed += met ? 0 : 1;
    return met ? "MET" : "MISSED";
}

}  // namespace

int main(int argc, char** argv) {
    // --smoke (CI): every benchmark once, briefly, so none can rot; goals are printed but not
    // judged, since a loaded CI machine says nothing about speed. Errors still fail.
    std::vector<char*> args(argv, argv + argc);
    bool smoke = false;
    static char shortRuns[] = "--benchmark_min_time=0.01";
    for (auto it = args.begin(); it != args.end(); ++it) {
        if (std::string(*it) == "--smoke") {
            smoke = true;
            *it = shortRuns;
            break;
        }
    }
    argc = static_cast<int>(args.size());
    argv = args.data();
    benchmark::Initialize(&argc, argv);
    RatioReporter reporter;
    benchmark::RunSpecifiedBenchmarks(&reporter);

    auto& t = reporter.nsPerIter;
    std::printf("\n== goals (ratios from this run) ==\n");
    if (t.count("BM_RecordEvent") && t.count("BM_MutexLockUnlock")) {
        const double ratio = t["BM_RecordEvent"] / t["BM_MutexLockUnlock"];
        std::printf(
            "record one event / mutex lock+unlock: %.2f ns / %.2f ns = %.2fx (goal <= 2.00x) %s\n",
            t["BM_RecordEvent"], t["BM_MutexLockUnlock"], ratio, verdict(ratio <= 2.0));
    }
    auto& ips = reporter.itemsPerSecond;
    if (ips.count("BM_ReaderDrainIntoStore") && ips.count("BM_MemcpySameBytes")) {
        const double reader = ips["BM_ReaderDrainIntoStore"];
        const double ratio = reader / ips["BM_MemcpySameBytes"];
        std::printf(
            "reader: %.1f M events/s (goal >= 30) %s; %.0f%% of memcpy of the same bytes "
            "(goal >= 25%%) %s\n",
            reader / 1e6, verdict(reader >= 30e6), ratio * 100.0, verdict(ratio >= 0.25));
    }
    auto& c = reporter.counters;
    for (const auto& [live, limit, label] :
         {std::tuple{"BM_RecordLive", "BM_RecordLimit", "plain stamp"},
          std::tuple{"BM_RecordOrderedLive", "BM_RecordOrderedLimit", "fenced stamp"}}) {
        if (!c.count(live) || !c.count(limit)) continue;
        const double ns = c[live].at("ns_per_event");
        const double floor = c[limit].at("ns_per_event");
        std::printf(
            "record with a live reader, 2 writers, %s: %.2f ns per event vs a bare stamp "
            "+ 32-byte store %.2f ns = %.2fx (goal <= 1.30x) %s\n",
            label, ns, floor, ns / floor, verdict(ns / floor <= 1.3));
    }
    if (c.count("BM_ReaderWithLiveWriters") && c.count("BM_LiveProducerConsumer/0")) {
        const double capture = c["BM_ReaderWithLiveWriters"]["events_per_s"];
        const auto& lossless = c["BM_LiveProducerConsumer/0"];
        const double ratio = lossless.at("events_per_s") / capture;
        std::printf(
            "live producer-consumer 2+2, capacity 64, unpaced, lossless: %.1f M events/s "
            "delivered = %.0f%% of the capture rate with 4 live writers (%.1f M/s) (goal >= "
            "50%%) %s; lost share %.4f%% (goal 0) %s; %.0f waits\n",
            lossless.at("events_per_s") / 1e6, ratio * 100.0, capture / 1e6, verdict(ratio >= 0.5),
            lossless.at("lost_share") * 100.0, verdict(lossless.at("lost_share") == 0.0),
            lossless.at("waits"));
    }
    if (c.count("BM_LiveProducerConsumer/1")) {
        const auto& drop = c["BM_LiveProducerConsumer/1"];
        std::printf(
            "live producer-consumer, drop mode: %.1f M events/s delivered; lost share "
            "%.2f%% (goal < 1%%) %s\n",
            drop.at("events_per_s") / 1e6, drop.at("lost_share") * 100.0,
            verdict(drop.at("lost_share") < 0.01));
        if (c.count("BM_LiveProducerConsumer/0")) {
            // Drop mode never slows a thread, so what it generated is what the scenario makes
            // unhindered: lossless capture should cost the scenario little of that.
            const double ratio =
                c["BM_LiveProducerConsumer/0"].at("events_per_s") / drop.at("generated_per_s");
            std::printf(
                "lossless delivered / what the scenario generates unhindered (drop "
                "mode): %.0f%% (goal >= 80%%) %s\n",
                ratio * 100.0, verdict(ratio >= 0.8));
        }
    }
    if (t.count("BM_StopDeadlockedRun")) {
        const double ms = t["BM_StopDeadlockedRun"] / 1e6;
        std::printf("Stop of a deadlocked run: %.1f ms (goal < 500 ms) %s\n", ms,
                    verdict(ms < 500.0));
    }
    if (t.count("BM_StopManualRun")) {
        const double ms = t["BM_StopManualRun"] / 1e6;
        std::printf(
            "Stop of a run scheduled by hand, 9 threads waiting: %.1f ms (goal < 500 ms) "
            "%s\n",
            ms, verdict(ms < 500.0));
    }
    if (t.count("BM_GrantOneStep"))
        std::printf("one step by hand (grant -> waiting at the next checkpoint): %.1f us\n",
                    t["BM_GrantOneStep"] / 1e3);
    if (c.count("BM_PausedRunCpu")) {
        const double share = c["BM_PausedRunCpu"]["cpu_share_of_core"];
        std::printf("paused run, 10 s: lab + reader use %.2f%% of one core (goal < 1%%) %s\n",
                    share * 100.0, verdict(share < 0.01));
    }
    benchmark::Shutdown();
    if (reporter.errors) std::printf("%d benchmark(s) failed\n", reporter.errors);
    if (smoke) {
        std::printf("smoke run: goals not judged\n");
        return reporter.errors ? 1 : 0;
    }
    if (g_missed) std::printf("%d goal(s) missed\n", g_missed);
    return g_missed || reporter.errors ? 1 : 0;
}
