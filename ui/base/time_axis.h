#pragma once
// Time <-> pixel math for every view, in a plain struct so it is tested without a GUI.

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace interleave::ui {

struct TimeAxis {
    double t0 = 0;     // ns at the left edge
    double t1 = 1;     // ns at the right edge
    double x0 = 0;     // pixel of the left edge
    double width = 1;  // pixels

    double nsPerPixel() const { return (t1 - t0) / width; }
    double toPixel(double ns) const { return x0 + (ns - t0) / (t1 - t0) * width; }
    double toTime(double px) const { return t0 + (px - x0) / width * (t1 - t0); }

    // The span that shows [0, end] over `widthPx` with at least `marginPx` (and 2% of the width)
    // right of `end`, so that a mark drawn at the end (a cut-off's cross) is not cut in half.
    static double fittedSpan(double end, double widthPx, double marginPx) {
        const double margin = std::max(marginPx, widthPx * 0.02);
        if (widthPx <= margin + 1) return end * 1.02;
        return end * widthPx / (widthPx - margin);
    }

    // Zoom by `factor` (< 1 zooms in) keeping the time under pixel `px` where it is.
    TimeAxis zoomedAt(double px, double factor) const {
        const double anchor = toTime(px);
        TimeAxis z = *this;
        z.t0 = anchor - (anchor - t0) * factor;
        z.t1 = anchor + (t1 - anchor) * factor;
        return z;
    }
};

}  // namespace interleave::ui
