#include "ui/lesson/code_panel.h"

#include <QLabel>
#include <QScrollArea>
#include <QScrollBar>
#include <QVBoxLayout>
#include <algorithm>

#include "ui/session/run_session.h"
#include "ui/session/time_cursor.h"

namespace interleave::ui {

CodePanel::CodePanel(RunSession* session, TimeCursor* cursor, QWidget* parent)
    : QWidget(parent), m_session(session), m_cursor(cursor) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    m_title = new QLabel(this);
    m_title->setWordWrap(true);
    m_scroll = new QScrollArea(this);
    m_view = new CodeView(m_scroll);
    m_scroll->setWidget(m_view);
    m_scroll->setWidgetResizable(false);
    m_scroll->setFrameShape(QFrame::NoFrame);
    layout->addWidget(m_title);
    layout->addWidget(m_scroll, 1);
    connect(m_cursor, &TimeCursor::changed, this, [this] { refresh(); });
    connect(m_session, &RunSession::storeReset, this, [this] { refresh(); });
    connect(m_view, &CodeView::lineClicked, this, [this](int line, int chip) {
        std::vector<std::uint32_t> here;
        for (const auto& m : m_markers)
            if (m.line == line) here.push_back(m.actor);
        if (here.empty()) return;
        const auto pick = chip >= 0 && chip < static_cast<int>(here.size()) ? chip : 0;
        emit actorChosen(here[static_cast<std::size_t>(pick)]);
    });
}

bool CodePanel::setScenario(const QString& scenario) {
    const bool has = m_model.setScenario(scenario);
    const auto file =
        scenario == QLatin1String("socket") ? QStringLiteral("socket-pair") : scenario;
    m_title->setText(has ? tr("<b>%1.py</b>: each actor's step at the cursor").arg(file)
                         : tr("This scenario has no Python program."));
    m_view->setLines(m_model.lines());
    refresh();
    return has;
}

void CodePanel::refresh() {
    auto markers = m_model.markersAt(m_session->store(), m_cursor->time());
    const bool same =
        markers.size() == m_markers.size() &&
        std::equal(markers.begin(), markers.end(), m_markers.begin(),
                   [](const CodeMarker& a, const CodeMarker& b) {
                       return a.line == b.line && a.actor == b.actor && a.color == b.color;
                   });
    if (same) return;
    m_markers = std::move(markers);
    m_view->setMarkers(m_markers);
    keepMarkersInView();
}

// Scrolls only when a marker is out of sight, and only to show more of them, so the lines do
// not jump under the reader's eyes: every marked line, centred, when they fit; else from the
// first marked line down.
void CodePanel::keepMarkersInView() {
    if (m_markers.empty()) return;
    int lo = m_markers.front().line;
    int hi = lo;
    for (const auto& m : m_markers) {
        lo = std::min(lo, m.line);
        hi = std::max(hi, m.line);
    }
    auto* bar = m_scroll->verticalScrollBar();
    const int height = m_scroll->viewport()->height();
    const int h = m_view->lineHeight();
    const auto shownFrom = [&](int top) {
        int n = 0;
        for (const auto& m : m_markers)
            n += m_view->lineTop(m.line) >= top && m_view->lineTop(m.line) + h <= top + height;
        return n;
    };
    const int now = shownFrom(bar->value());
    if (now == static_cast<int>(m_markers.size())) return;
    const int yLo = m_view->lineTop(lo);
    const int yHi = m_view->lineTop(hi) + h;
    const int wanted = yHi - yLo <= height ? yLo - (height - (yHi - yLo)) / 2 : yLo - h;
    if (shownFrom(std::max(0, wanted)) > now) bar->setValue(wanted);
}

}  // namespace interleave::ui
