#pragma once
// The distributions of measured series (creation-cost, context-switch) as box plots on a log
// scale: the box from the 25th to the 75th percentile, the median as a bar with its value
// written beside it, whiskers from the 5th to the 95th percentile. Exports PNG, SVG, PDF and every
// sample as CSV.

#include <QWidget>
#include <vector>

class QCustomPlot;
class QLabel;

namespace interleave::ui {

class DistributionModel;

class DistributionView : public QWidget {
    Q_OBJECT
  public:
    explicit DistributionView(DistributionModel* model, QWidget* parent = nullptr);

    // Axes and boxes in the current theme's colours (after the window changed it).
    void applyTheme();
    QString save(const QString& path) const;  // .png, .pdf or .csv; returns why not
    QCustomPlot* plot() const { return m_plot; }
    QString statusText() const;
    QStringList medianLabels() const;  // the values written beside the boxes
    QString otherCpuText() const;      // the busy-machine warning; empty when none

    // The log axis's ticks between low and high (µs): 1, 2, 5 (or 1, 3, or 1) times a power of
    // ten, at least three of them and at most about eight, whatever the span.
    static std::vector<double> logTicks(double low, double high);
    // A series' name in short lines under its box ("threads:\nshared\nmemory"), so that the
    // names of neighbouring boxes do not run into each other.
    static QString wrapName(const QString& name);
    // What the plot needs for readable boxes and their two-line names under them (px).
    static constexpr int kPlotRoom = 200;

  protected:
    void resizeEvent(QResizeEvent* event) override;

  private:
    void rebuild();
    // The status line and a busy machine's warning, wrapped when the plot keeps kPlotRoom
    // beside them, else one line each (their whole text in the tooltip): at 1280x720 the
    // wrapped texts pushed the plot's bottom out of the window.
    void fitTexts();
    QString csv() const;

    DistributionModel* m_model;
    QCustomPlot* m_plot;
    QLabel* m_status;
    QLabel* m_otherCpu;
    QString m_statusText, m_otherCpuText;  // whole, whatever the labels show
};

}  // namespace interleave::ui
