#pragma once
// What every chart (the timeline's axes, the measurement charts) shares: the theme's colours on
// its axes, and Export: the picture as PNG (at twice the screen's pixels, sharp on a slide), SVG
// or PDF, or its raw numbers as CSV, by the name's suffix.

#include <qcustomplot.h>

#include <QString>
#include <optional>

#include "core/analysis/other_cpu.h"

class QLabel;
class QWidget;

namespace interleave::ui {

// A chart that waits until it is shown to draw: QCustomPlot replots on every resize, and a hidden
// chart (one the scenario does not show) that is resized before it was ever painted, as a
// video frame's render does to every hidden widget, draws into a null buffer and prints
// "paint buffer returned inactive painter" for each of its layers.
class ChartPlot : public QCustomPlot {
  public:
    using QCustomPlot::QCustomPlot;

  protected:
    void resizeEvent(QResizeEvent* event) override;
    void showEvent(QShowEvent* event) override;
};

// Background, axes, ticks, labels and grid in the current theme's colours.
void applyChartTheme(QCustomPlot& plot);

// Returns why not, empty when written.
QString saveChart(const QCustomPlot& plot, const QString& path, const QString& csv);
// Asks where (suggesting `name`.png), writes, and says what went wrong in a message box.
void exportChartAs(QWidget* parent, const QCustomPlot& plot, const QString& name,
                   const QString& csv);

// The line above a measurement's chart that says, plainly and in the warning colour, when other
// programs used so much CPU while it measured that its numbers are not to be trusted; hidden
// while they were quiet or have not been measured.
QLabel* makeOtherCpuLabel(QWidget* parent);
void showOtherCpu(QLabel* label, const std::optional<OtherCpu>& other);

}  // namespace interleave::ui
