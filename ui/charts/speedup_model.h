#pragma once
// The measurement scenarios' results as they come in: every measure_result of the run, and the
// speedups up to the time cursor (a replay shows the chart grow as the run did). Also holds real
// CPython's points when they have been measured, and the run's parameters they were measured
// with.

#include <QObject>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/analysis/other_cpu.h"
#include "core/analysis/speedup.h"
#include "core/supervise/python_baseline.h"
#include "ui/session/run_follower.h"

namespace interleave::ui {

class SpeedupModel : public QObject, public RunFollower {
    Q_OBJECT
  public:
    struct Measurement {
        std::int64_t ns;  // when it was recorded
        Executor executor;
        int workers;
        int repetition;  // 0: a warm-up
        double ms;
    };

    explicit SpeedupModel(QObject* parent = nullptr);

    void reset(const EventStore* store) override;
    void append(std::size_t first, std::size_t last) override;
    void setCursorTime(std::int64_t ns) override;

    // The run's parameters (workload, max_workers, task_ms, repetitions, ...).
    void setParameters(std::vector<std::pair<std::string, std::string>> parameters);
    std::string parameter(const std::string& name) const;  // empty when absent
    // Measurements the run will make (warm-ups included); 0 when the parameters do not say.
    int plannedCount() const;

    bool hasResults() const { return !m_all.empty(); }
    const std::vector<Measurement>& measurements() const { return m_all; }
    int countAtCursor() const;  // measurements recorded up to the cursor
    std::vector<SpeedupPoint> pointsAtCursor() const;
    std::vector<int> workerCounts() const;  // measured, ascending

    // What one worker cost, to start and in memory, for each pool measured so far.
    const std::vector<WorkerCostPoint>& workerCosts() const { return m_costs; }
    // How busy the rest of the machine was while the run measured (once it has said).
    const std::optional<OtherCpu>& otherCpu() const { return m_otherCpu; }

    void setPython(std::optional<PythonBaseline> python);
    const std::optional<PythonBaseline>& python() const { return m_python; }

  signals:
    void changed();

  private:
    const EventStore* m_store = nullptr;
    std::vector<Measurement> m_all;  // in time order
    std::int64_t m_cursor = 0;
    std::vector<std::pair<std::string, std::string>> m_parameters;
    std::optional<PythonBaseline> m_python;
    std::optional<OtherCpu> m_otherCpu;
    std::vector<WorkerCostPoint> m_costs;
};

}  // namespace interleave::ui
