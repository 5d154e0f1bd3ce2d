#include "core/analysis/other_cpu.h"

#include <cstdio>

namespace interleave {

std::optional<OtherCpu> otherProgramsCpu(const EventStore& store) {
    std::optional<std::uint32_t> series;
    for (const auto& o : store.objects())
        if (o.kind == ObjectKind::Series && isOtherCpuSeries(o.name)) series = o.id;
    if (!series) return std::nullopt;
    std::optional<OtherCpu> out;
    for (std::size_t i = 0, n = store.size(); i < n; ++i) {
        if (store.kind(i) != EventKind::MeasureSample || store.objectOf(i) != *series) continue;
        const Row r = store.row(i);
        if (r.a < 0 || r.b <= 0) continue;  // not ours: a hostile file
        if (!out) out = OtherCpu{};
        out->otherNs += r.a;
        out->wallNs += r.b;
    }
    return out;
}

std::string otherCpuText(const OtherCpu& o) {
    char text[400];
    const int percent = static_cast<int>(o.cores() * 100 + 0.5);
    if (o.unreliable())
        std::snprintf(text, sizeof text,
                      "Unreliable: other programs used %d%% of a core while this measured "
                      "(more than %d%%). They took CPU time the measurement needed, so its times "
                      "and their order may be wrong. Measure again when the machine is quiet.",
                      percent, static_cast<int>(kBusyCores * 100));
    else
        std::snprintf(text, sizeof text,
                      "Other programs used %d%% of a core while this measured: quiet enough.",
                      percent);
    return text;
}

}  // namespace interleave
