#pragma once
// A chart written to a file by its name's suffix: the picture as PNG (at twice the screen's
// pixels, sharp on a slide) or PDF, or its raw numbers as CSV. Shared by every chart's Export.

#include <QString>

class QCustomPlot;
class QWidget;

namespace interleave::ui {

// Returns why not, empty when written.
QString saveChart(const QCustomPlot& plot, const QString& path, const QString& csv);
// Asks where (suggesting `name`.png), writes, and says what went wrong in a message box.
void exportChartAs(QWidget* parent, const QCustomPlot& plot, const QString& name,
                   const QString& csv);

}  // namespace interleave::ui
