#include "ui/base/time_ticker.h"

#include <algorithm>
#include <cmath>

namespace interleave::ui {

QString timeTickLabel(double ms, double rangeMs) {
    if (std::abs(ms) < 1e-9) ms = 0;  // no "-0"
    if (rangeMs >= 10'000) return QStringLiteral("%1 s").arg(ms / 1000.0, 0, 'g', 6);
    if (rangeMs >= 1) return QStringLiteral("%1 ms").arg(ms, 0, 'g', 8);
    return QStringLiteral("%1 µs").arg(ms * 1000.0, 0, 'g', 8);
}

void TimeTicker::fitTo(int pixels, int pixelsPerLabel) {
    setTickCount(std::max(2, pixels / std::max(1, pixelsPerLabel)));
}

void TimeTicker::generate(const QCPRange& range, const QLocale& locale, QChar formatChar,
                          int precision, QVector<double>& ticks, QVector<double>* subTicks,
                          QVector<QString>* tickLabels) {
    m_rangeMs = range.size();  // one unit for every label of this axis
    QCPAxisTicker::generate(range, locale, formatChar, precision, ticks, subTicks, tickLabels);
}

QString TimeTicker::getTickLabel(double tick, const QLocale&, QChar, int) {
    return timeTickLabel(tick, m_rangeMs);
}

}  // namespace interleave::ui
