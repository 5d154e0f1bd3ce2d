#include "core/analysis/speedup.h"

#include <algorithm>
#include <map>
#include <utility>

namespace interleave {

std::string_view executorName(Executor e) {
    switch (e) {
        case Executor::Sequential:
            return "sequential";
        case Executor::Threads:
            return "threads";
        case Executor::GilThreads:
            return "threads + GIL";
        case Executor::Processes:
            return "processes";
    }
    return "unknown";
}

double median(std::vector<double> v) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const auto n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

int cpuVsIoMeasurementCount(int maxWorkers, int repetitions) {
    if (maxWorkers < 1 || repetitions < 1) return 0;
    int counts = 1;
    for (int n = 1; n < maxWorkers; n *= 2)
        ++counts;
    return kExecutorCount * counts * (repetitions + 1);
}

std::vector<SpeedupPoint> speedupTable(const EventStore& store) {
    Measurements runs;
    for (std::size_t i = 0, n = store.size(); i < n; ++i) {
        if (store.kind(i) != EventKind::MeasureResult) continue;
        const Row r = store.row(i);
        if (measureRepetition(r.b) == 0) continue;  // a warm-up
        const auto e = measureExecutor(r.b);
        if (e < 0 || e >= kExecutorCount || r.a < 0) continue;  // not ours: a hostile file
        runs[{static_cast<Executor>(e), static_cast<int>(measureWorkers(r.b))}].push_back(
            static_cast<double>(r.a) / 1e6);
    }
    return speedupPoints(runs);
}

std::vector<WorkerCostPoint> workerCosts(const EventStore& store) {
    std::map<std::pair<std::int64_t, int>, WorkerCostPoint> points;
    for (std::size_t i = 0, n = store.size(); i < n; ++i) {
        if (store.kind(i) != EventKind::MeasureResult) continue;
        const Row r = store.row(i);
        const auto what = workerCostOf(r.b);
        const auto e = workerCostExecutor(r.b);
        if (what == 0 || e < 0 || e >= kExecutorCount || r.a < 0) continue;
        const int workers = static_cast<int>(measureWorkers(r.b));
        auto& p = points[{e, workers}];
        p.executor = static_cast<Executor>(e);
        p.workers = workers;
        const auto a = static_cast<double>(r.a);
        switch (static_cast<WorkerCost>(what)) {
            case WorkerCost::StartNs:
                p.startUs = a / 1e3;
                break;
            case WorkerCost::OwnKiB:
                p.ownKiB = a;
                break;
            case WorkerCost::SharedKiB:
                p.sharedKiB = a;
                break;
        }
    }
    std::vector<WorkerCostPoint> out;
    for (const auto& [key, p] : points)
        out.push_back(p);
    return out;
}

std::vector<SpeedupPoint> speedupPoints(const Measurements& runs) {
    std::vector<SpeedupPoint> out;
    for (const auto& [key, ms] : runs) {
        if (ms.empty()) continue;
        SpeedupPoint p;
        p.executor = key.first;
        p.workers = key.second;
        p.ms = ms;
        p.medianMs = median(ms);
        const auto seq = runs.find({Executor::Sequential, key.second});
        if (seq != runs.end() && p.medianMs > 0) {
            const auto base = median(seq->second);
            const auto [fastest, slowest] = std::minmax_element(ms.begin(), ms.end());
            p.speedup = base / p.medianMs;
            p.speedupLow = *slowest > 0 ? base / *slowest : 0;
            p.speedupHigh = *fastest > 0 ? base / *fastest : 0;
        }
        out.push_back(std::move(p));
    }
    return out;
}

}  // namespace interleave
