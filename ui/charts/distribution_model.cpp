#include "ui/charts/distribution_model.h"

#include <algorithm>

#include "core/analysis/other_cpu.h"

namespace interleave::ui {

DistributionModel::DistributionModel(QObject* parent) : QObject(parent) {}

void DistributionModel::reset(const EventStore* store) {
    m_store = store;
    m_series.clear();
    m_when.clear();
    m_shown.clear();
    m_cursor = 0;
    m_shownCount = static_cast<std::size_t>(-1);
    m_otherCpu.reset();
    emit changed();
}

void DistributionModel::append(std::size_t first, std::size_t last) {
    if (!m_store) return;
    bool added = false;
    for (std::size_t i = first; i < last; ++i) {
        if (m_store->kind(i) != EventKind::MeasureSample) continue;
        const Row r = m_store->row(i);
        auto it = std::find_if(m_series.begin(), m_series.end(),
                               [&](const SampleSeries& s) { return s.object == r.object; });
        if (it == m_series.end()) {
            // Objects are registered before their first sample; the registration order names
            // the series in the order the scenario measures them.
            for (const auto& o : m_store->objects())
                if (o.kind == ObjectKind::Series && !isOtherCpuSeries(o.name) &&
                    std::none_of(m_series.begin(), m_series.end(),
                                 [&](const SampleSeries& s) { return s.object == o.id; })) {
                    m_series.push_back(SampleSeries{o.id, o.name, {}});
                    m_when.emplace_back();
                }
            it = std::find_if(m_series.begin(), m_series.end(),
                              [&](const SampleSeries& s) { return s.object == r.object; });
            if (it == m_series.end()) {
                // The busy-machine record (once, at the end), or a sample of no series.
                if (const auto o = otherProgramsCpu(*m_store)) {
                    m_otherCpu = o;
                    added = true;
                }
                continue;
            }
        }
        const auto k = static_cast<std::size_t>(it - m_series.begin());
        m_series[k].ns.push_back(static_cast<double>(r.a));
        m_when[k].push_back(r.ns);
        added = true;
    }
    if (added) {
        m_shownCount = static_cast<std::size_t>(-1);  // the record changes no sample: shown anew
        refresh();
    }
}

void DistributionModel::setCursorTime(std::int64_t ns) {
    m_cursor = ns;
    if (!m_series.empty()) refresh();
}

void DistributionModel::refresh() {
    // Samples come in time order per series (one thread records them): the count up to the
    // cursor is a binary search, and nothing is redone while it stays.
    std::size_t count = 0;
    std::vector<std::size_t> upTo;
    for (const auto& when : m_when) {
        upTo.push_back(static_cast<std::size_t>(
            std::upper_bound(when.begin(), when.end(), m_cursor) - when.begin()));
        count += upTo.back();
    }
    if (count == m_shownCount && m_shown.size() == m_series.size()) return;
    m_shownCount = count;
    m_shown.clear();
    for (std::size_t k = 0; k < m_series.size(); ++k) {
        SampleSeries s{m_series[k].object,
                       m_series[k].name,
                       {m_series[k].ns.begin(),
                        m_series[k].ns.begin() + static_cast<std::ptrdiff_t>(upTo[k])}};
        summarise(s);
        m_shown.push_back(std::move(s));
    }
    emit changed();
}

}  // namespace interleave::ui
