#pragma once
// Tick labels for the timeline's time axis that carry their unit and never run together: ms for
// short ranges, s for long ones ("75 s", not "75000"), and fewer ticks on a narrow plot.

#include <qcustomplot.h>
#include <QString>

namespace interleave::ui {

// The label of a tick at `ms` on an axis that shows `rangeMs`: "250 ms", "1.5 s", "75 s".
QString timeTickLabel(double ms, double rangeMs);

class TimeTicker : public QCPAxisTicker {
  public:
    // About one label per `pixelsPerLabel` of the axis' `pixels`.
    void fitTo(int pixels, int pixelsPerLabel);

  protected:
    QString getTickLabel(double tick, const QLocale& locale, QChar formatChar,
                         int precision) override;
    void generate(const QCPRange& range, const QLocale& locale, QChar formatChar, int precision,
                  QVector<double>& ticks, QVector<double>* subTicks,
                  QVector<QString>* tickLabels) override;

  private:
    double m_rangeMs = 1000;
};

}  // namespace interleave::ui
