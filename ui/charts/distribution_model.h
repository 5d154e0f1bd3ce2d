#pragma once
// The measured series of creation-cost and context-switch as they come in: every sample of
// every series object, and their distributions up to the time cursor.

#include <QObject>
#include <cstdint>
#include <optional>
#include <vector>

#include "core/analysis/other_cpu.h"
#include "core/analysis/samples.h"
#include "ui/session/run_follower.h"

namespace interleave::ui {

class DistributionModel : public QObject, public RunFollower {
    Q_OBJECT
  public:
    explicit DistributionModel(QObject* parent = nullptr);

    void reset(const EventStore* store) override;
    void append(std::size_t first, std::size_t last) override;
    void setCursorTime(std::int64_t ns) override;

    bool hasSeries() const { return !m_series.empty(); }
    // Each series with the samples recorded up to the cursor, summarised.
    const std::vector<SampleSeries>& atCursor() const { return m_shown; }
    // Every sample of every series, for export: (series index, ns).
    const std::vector<SampleSeries>& all() const { return m_series; }
    // How busy the rest of the machine was while the run measured (once it has said).
    const std::optional<OtherCpu>& otherCpu() const { return m_otherCpu; }

  signals:
    void changed();

  private:
    void refresh();

    const EventStore* m_store = nullptr;
    std::vector<SampleSeries> m_series;             // every sample
    std::vector<std::vector<std::int64_t>> m_when;  // when each sample was recorded
    std::vector<SampleSeries> m_shown;              // up to the cursor
    std::int64_t m_cursor = 0;
    std::size_t m_shownCount = static_cast<std::size_t>(-1);
    std::optional<OtherCpu> m_otherCpu;
};

}  // namespace interleave::ui
