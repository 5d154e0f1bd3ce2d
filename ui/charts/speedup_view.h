#pragma once
// The speedup chart of the measurement scenarios: for each executor, the median speedup against
// sequential work for each number of workers, with the spread of the repetitions as error bars,
// the machine's core count and the ideal (N workers, N times as fast) drawn in. Points appear as
// each repetition finishes. Beside them, when asked, real CPython's points on the same workload,
// measured on this machine by the bundled script (hollow markers, labelled). Exports the chart
// as PNG, SVG or PDF and the raw numbers as CSV.

#include <QWidget>
#include <optional>

#include "core/supervise/python_baseline.h"

class QCustomPlot;
class QLabel;
class QProgressBar;
class QPushButton;

namespace interleave::ui {

class PythonComparisonJob;
class SpeedupModel;

class SpeedupView : public QWidget {
    Q_OBJECT
  public:
    explicit SpeedupView(SpeedupModel* model, QWidget* parent = nullptr);
    ~SpeedupView() override;

    // The chart as PNG, SVG or PDF, or every measurement as CSV (by the name's suffix); returns why
    // not, empty when written.
    QString save(const QString& path) const;
    // Starts measuring real CPython on the run's workload (python3 and the bundled script);
    // returns why it cannot, empty when started.
    QString comparePython();
    void cancelPython();
    bool measuringPython() const;
    QCustomPlot* plot() const { return m_plot; }
    QPushButton* pythonButton() const { return m_pythonButton; }
    QString statusText() const;
    QString otherCpuText() const;  // the busy-machine warning; empty when none
    // While the run measures, a Stop button beside the progress bar ends it.
    void setRunning(bool running);
    QPushButton* stopButton() const { return m_stopButton; }
    // Axes, legend and points in the current theme's colours (after the window changed it).
    void applyTheme();

  signals:
    void pythonFinished(const QString& error);  // empty: the points are on the chart
    void stopRequested();                       // the Stop beside the progress bar

  private:
    void rebuild();
    // The status line (how far the measuring is, what a worker costs) and the progress bar.
    void showProgress();
    // One executor's points of `points` as a line, with error bars unless `hollow` (CPython's);
    // returns the highest speedup it reaches.
    double plotSeries(const std::vector<SpeedupPoint>& points, Executor e, const QString& name,
                      bool hollow);
    // The ideal N× and the machine's core count, up to `most` workers.
    void plotLimits(int most, int cores);
    void pythonDone(std::optional<PythonBaseline> baseline, const QString& error);
    void exportChart();
    QString csv() const;

    SpeedupModel* m_model;
    QCustomPlot* m_plot;
    QLabel* m_status;
    QLabel* m_otherCpu;
    QProgressBar* m_progress;
    QPushButton* m_pythonButton;
    QPushButton* m_exportButton;
    QPushButton* m_stopButton;
    bool m_running = false;
    PythonComparisonJob* m_job;
};

}  // namespace interleave::ui
