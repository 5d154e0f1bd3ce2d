#pragma once
// Draws every lane of the timeline inside QCustomPlot's axis rect: state segments (folded by
// LaneSummary below ~3 px, so the cost follows pixels, not events), acquire/release and put/get
// markers when there is room for them, and arrows from notify to woken thread and from put to
// get with the item's value.

#include <qcustomplot.h>

#include <vector>

#include "ui/lane_summary.h"
#include "ui/timeline_model.h"

namespace interleave::ui {

class LanePlottable : public QCPAbstractPlottable {
    Q_OBJECT
  public:
    LanePlottable(QCPAxis* keyAxis, QCPAxis* valueAxis, const TimelineModel* model);

    void setNow(std::int64_t ns) { m_now = ns; }
    void setFontScale(double s) { m_fontScale = s; }
    // Segments drawn by the last replot (for tests and the first-event timing).
    std::size_t lastMarkCount() const { return m_lastMarks; }
    // Put (●) and get (○) marks drawn by the last replot.
    std::size_t lastPutMarkCount() const { return m_lastPutMarks; }
    std::size_t lastGetMarkCount() const { return m_lastGetMarks; }

    double selectTest(const QPointF&, bool, QVariant* = nullptr) const override { return -1; }
    QCPRange getKeyRange(bool& found, QCP::SignDomain = QCP::sdBoth) const override;
    QCPRange getValueRange(bool& found, QCP::SignDomain = QCP::sdBoth,
                           const QCPRange& = QCPRange()) const override;

  protected:
    void draw(QCPPainter* painter) override;
    void drawLegendIcon(QCPPainter*, const QRectF&) const override {}

  private:
    void drawMarks(QCPPainter* p, double yTop, double height);
    // `itemsDrawn`: the item arrows are drawn, so their put and get marks must be too.
    void drawEventMarkers(QCPPainter* p, const Lane& lane, const TimeAxis& axis, double yTop,
                          double h, bool itemsDrawn);
    void drawLinks(QCPPainter* p, const TimeAxis& axis);
    // The links that may show in the view; too many (> kMaxLinksDrawn) are not drawn.
    std::pair<std::vector<Link>::const_iterator, std::vector<Link>::const_iterator> linksInView(
        const TimeAxis& axis) const;

    const TimelineModel* m_model;
    std::int64_t m_now = 0;
    double m_fontScale = 1.0;
    std::vector<LaneMark> m_marks;  // reused between lanes and frames
    std::size_t m_lastMarks = 0;
    std::size_t m_lastPutMarks = 0, m_lastGetMarks = 0;
};

}  // namespace interleave::ui
