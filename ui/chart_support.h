#pragma once
// What every chart (the timeline's axes, the measurement charts) shares: the theme's colours on
// its axes, and Export: the picture as PNG (at twice the screen's pixels, sharp on a slide), SVG
// or PDF, or its raw numbers as CSV, by the name's suffix.

#include <QString>

class QCustomPlot;
class QWidget;

namespace interleave::ui {

// Background, axes, ticks, labels and grid in the current theme's colours.
void applyChartTheme(QCustomPlot& plot);

// Returns why not, empty when written.
QString saveChart(const QCustomPlot& plot, const QString& path, const QString& csv);
// Asks where (suggesting `name`.png), writes, and says what went wrong in a message box.
void exportChartAs(QWidget* parent, const QCustomPlot& plot, const QString& name,
                   const QString& csv);

}  // namespace interleave::ui
