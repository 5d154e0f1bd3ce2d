#include "ui/charts/speedup_model.h"

#include <algorithm>
#include <set>

namespace interleave::ui {

SpeedupModel::SpeedupModel(QObject* parent) : QObject(parent) {}

void SpeedupModel::reset(const EventStore* store) {
    m_store = store;
    m_all.clear();
    m_cursor = 0;
    m_python.reset();  // measured beside another run
    m_otherCpu.reset();
    m_costs.clear();
    emit changed();
}

void SpeedupModel::append(std::size_t first, std::size_t last) {
    if (!m_store) return;
    const auto before = m_all.size();
    bool busyRecord = false, costs = false;
    for (std::size_t i = first; i < last; ++i) {
        busyRecord = busyRecord || m_store->kind(i) == EventKind::MeasureSample;
        if (m_store->kind(i) != EventKind::MeasureResult) continue;
        const Row r = m_store->row(i);
        if (workerCostOf(r.b) != 0) {
            costs = true;
            continue;
        }
        const auto e = measureExecutor(r.b);
        if (e < 0 || e >= kExecutorCount || r.a < 0) continue;
        Measurement m{r.ns, static_cast<Executor>(e), static_cast<int>(measureWorkers(r.b)),
                      static_cast<int>(measureRepetition(r.b)), static_cast<double>(r.a) / 1e6};
        const auto at =
            std::upper_bound(m_all.begin(), m_all.end(), m.ns,
                             [](std::int64_t ns, const Measurement& x) { return ns < x.ns; });
        m_all.insert(at, m);
    }
    // The run's only samples are the busy-machine record, once, at its end.
    if (busyRecord) m_otherCpu = otherProgramsCpu(*m_store);
    if (costs) m_costs = interleave::workerCosts(*m_store);  // a few times a run: each pool's
    if (m_all.size() != before || busyRecord || costs) emit changed();
}

void SpeedupModel::setCursorTime(std::int64_t ns) {
    const auto before = countAtCursor();
    m_cursor = ns;
    if (countAtCursor() != before) emit changed();
}

void SpeedupModel::setParameters(std::vector<std::pair<std::string, std::string>> parameters) {
    m_parameters = std::move(parameters);
}

std::string SpeedupModel::parameter(const std::string& name) const {
    for (const auto& [n, v] : m_parameters)
        if (n == name) return v;
    return {};
}

int SpeedupModel::plannedCount() const {
    return cpuVsIoMeasurementCount(std::atoi(parameter("max_workers").c_str()),
                                   std::atoi(parameter("repetitions").c_str()));
}

int SpeedupModel::countAtCursor() const {
    return static_cast<int>(
        std::upper_bound(m_all.begin(), m_all.end(), m_cursor,
                         [](std::int64_t ns, const Measurement& x) { return ns < x.ns; }) -
        m_all.begin());
}

std::vector<SpeedupPoint> SpeedupModel::pointsAtCursor() const {
    Measurements measured;
    for (int i = 0, n = countAtCursor(); i < n; ++i) {
        const auto& m = m_all[static_cast<std::size_t>(i)];
        if (m.repetition > 0) measured[{m.executor, m.workers}].push_back(m.ms);
    }
    return speedupPoints(measured);
}

std::vector<int> SpeedupModel::workerCounts() const {
    std::set<int> seen;
    for (const auto& m : m_all)
        seen.insert(m.workers);
    return {seen.begin(), seen.end()};
}

void SpeedupModel::setPython(std::optional<PythonBaseline> python) {
    m_python = std::move(python);
    emit changed();
}

}  // namespace interleave::ui
