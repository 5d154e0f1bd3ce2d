#include "core/analysis/samples.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "core/analysis/other_cpu.h"

namespace interleave {

double percentile(const std::vector<double>& sorted, double p) {
    if (sorted.empty()) return 0;
    const double at = std::clamp(p, 0.0, 100.0) / 100.0 * static_cast<double>(sorted.size() - 1);
    const auto lo = static_cast<std::size_t>(std::floor(at));
    const auto hi = std::min(lo + 1, sorted.size() - 1);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - static_cast<double>(lo));
}

void summarise(SampleSeries& s) {
    auto sorted = s.ns;
    std::sort(sorted.begin(), sorted.end());
    s.p5 = percentile(sorted, 5);
    s.p25 = percentile(sorted, 25);
    s.median = percentile(sorted, 50);
    s.p75 = percentile(sorted, 75);
    s.p95 = percentile(sorted, 95);
}

std::vector<SampleSeries> sampleSeries(const EventStore& store, std::int64_t untilNs) {
    std::vector<SampleSeries> out;
    std::map<std::uint32_t, std::size_t> index;
    for (const auto& o : store.objects()) {
        if (o.kind != ObjectKind::Series || isOtherCpuSeries(o.name)) continue;
        index[o.id] = out.size();
        out.push_back(SampleSeries{o.id, o.name, {}});
    }
    for (std::size_t i = 0, n = store.size(); i < n; ++i) {
        if (store.kind(i) != EventKind::MeasureSample) continue;
        const Row r = store.row(i);
        const auto it = index.find(r.object);
        if (it == index.end() || r.ns > untilNs || r.a < 0) continue;
        out[it->second].ns.push_back(static_cast<double>(r.a));
    }
    for (auto& s : out)
        summarise(s);
    return out;
}

}  // namespace interleave
