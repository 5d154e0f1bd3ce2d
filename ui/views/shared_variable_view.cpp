#include "ui/views/shared_variable_view.h"

#include <QPainter>

#include "ui/base/palette.h"
#include "ui/session/time_cursor.h"
#include "ui/timeline/timeline_model.h"
#include "ui/views/shared_variable_model.h"

namespace interleave::ui {

SharedVariableView::SharedVariableView(SharedVariableModel* model, const TimelineModel* timeline,
                                       TimeCursor* cursor, QWidget* parent)
    : QWidget(parent), m_model(model), m_timeline(timeline), m_cursor(cursor) {
    connect(model, &SharedVariableModel::changed, this, qOverload<>(&QWidget::update));
    connect(cursor, &TimeCursor::changed, this, qOverload<>(&QWidget::update));
}

void SharedVariableView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const auto states = m_model->stateAt(m_cursor->time());
    const QFontMetrics fm(font());
    if (states.empty()) {
        p.setPen(Palette::text());
        p.drawText(rect().adjusted(4, 4, -4, -4), Qt::TextWordWrap,
                   tr("The shared counter and each thread's copy of it show here once the run "
                      "reads it. Press Run."));
        return;
    }
    int top = 4;
    const int line = fm.height() + 8;
    for (const auto& s : states) {
        // The variable: its name and value, large.
        QFont big = font();
        big.setPointSizeF(big.pointSizeF() * 1.8);
        big.setBold(true);
        const QFontMetrics bm(big);
        const QString value = QString::number(s.value);
        const QRect box(6, top, std::max(90, bm.horizontalAdvance(value) + 24), bm.height() + 12);
        p.setPen(QPen(Palette::text(), 1.5));
        p.setBrush(Palette::background());
        p.drawRoundedRect(box, 6, 6);
        p.setFont(big);
        p.drawText(box, Qt::AlignCenter, value);
        p.setFont(font());
        p.drawText(QRect(box.right() + 10, box.top(), width() - box.right() - 14, box.height()),
                   Qt::AlignLeft | Qt::AlignVCenter,
                   tr("%1, in the memory the threads share").arg(s.name));
        top = box.bottom() + 8;
        // Each thread that holds a copy: what it read, what it will write.
        for (const auto& c : s.copies) {
            const QRect row(16, top, width() - 22, line);
            const QString text = tr("%1 holds a copy: read %2, will write %3")
                                     .arg(m_timeline->actorName(c.actor))
                                     .arg(c.read)
                                     .arg(c.read + 1);
            const bool stale = c.read != s.value;  // someone wrote since: this write will lose it
            p.setPen(Qt::NoPen);
            p.setBrush(stale ? Palette::departure() : Palette::grid());
            p.drawRoundedRect(row, 4, 4);
            p.setPen(stale ? Palette::labelInk() : Palette::text());
            p.drawText(row.adjusted(6, 0, -6, 0), Qt::AlignLeft | Qt::AlignVCenter,
                       stale ? text + tr(" — stale: the counter is %1 now").arg(s.value) : text);
            top += line + 4;
        }
        if (s.copies.empty()) {
            p.setPen(Palette::text());
            p.drawText(QRect(16, top, width() - 22, line), Qt::AlignLeft | Qt::AlignVCenter,
                       tr("No thread holds a copy right now."));
            top += line + 4;
        }
        top += 6;
    }
}

}  // namespace interleave::ui
