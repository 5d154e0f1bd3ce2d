#include "ui/lesson/code_view.h"

#include <QEvent>
#include <QFontDatabase>
#include <QMouseEvent>
#include <QPainter>
#include <QSet>
#include <algorithm>

#include "ui/base/palette.h"

namespace interleave::ui {
namespace {

const QSet<QString>& keywords() {
    static const QSet<QString> words = [] {
        QSet<QString> set;
        for (const char* w : {"and",    "as",     "def",     "elif", "else",  "for",     "from",
                              "global", "if",     "import",  "in",   "is",    "lambda",  "not",
                              "or",     "return", "while",   "with", "None",  "True",    "False",
                              "try",    "except", "finally", "pass", "break", "continue"})
            set.insert(QLatin1String(w));
        return set;
    }();
    return words;
}

// "thread 1" -> "T1", "main" -> "M", "process 2" -> "P2": short enough for a chip.
QString chipText(const QString& name) {
    QString digits;
    for (const QChar c : name)
        if (c.isDigit()) digits += c;
    return (name.isEmpty() ? QStringLiteral("?") : name.left(1).toUpper()) + digits;
}

bool wordChar(QChar c) {
    return c.isLetterOrNumber() || c == QLatin1Char('_');
}

}  // namespace

CodeView::CodeView(QWidget* parent) : QWidget(parent) {
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setAutoFillBackground(false);
}

void CodeView::setLines(const QStringList& lines) {
    m_lines = lines;
    updateGeometry();
    adjustSize();
    update();
}

void CodeView::setMarkers(const std::vector<CodeMarker>& markers) {
    m_markers = markers;
    update();
}

int CodeView::lineHeight() const {
    return fontMetrics().height() + 2;
}
int CodeView::lineTop(int line) const {
    return 4 + (line - 1) * lineHeight();
}
int CodeView::chipWidth() const {
    return fontMetrics().horizontalAdvance(QStringLiteral("T10")) + 6;
}

int CodeView::gutterWidth() const {
    // The line number, then room for two chips side by side (more squeeze in, overlapping).
    return fontMetrics().horizontalAdvance(QStringLiteral("00")) + 8 + 2 * (chipWidth() + 2);
}

QSize CodeView::sizeHint() const {
    int widest = 0;
    for (const auto& l : m_lines)
        widest = std::max(widest, fontMetrics().horizontalAdvance(l));
    return {gutterWidth() + widest + 12, lineTop(static_cast<int>(m_lines.size()) + 1) + 4};
}

void CodeView::changeEvent(QEvent* event) {
    if (event->type() == QEvent::FontChange) {
        updateGeometry();
        adjustSize();
    }
    QWidget::changeEvent(event);
}

void CodeView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.fillRect(rect(), Palette::background());
    const int h = lineHeight();
    const int numberWidth = fontMetrics().horizontalAdvance(QStringLiteral("00"));
    for (int i = 0; i < m_lines.size(); ++i) {
        const int line = i + 1;
        const int top = lineTop(line);
        int chip = 0;
        const auto here = std::count_if(m_markers.begin(), m_markers.end(),
                                        [line](const CodeMarker& m) { return m.line == line; });
        const int step = here > 2
                             ? (2 * (chipWidth() + 2) - chipWidth()) / static_cast<int>(here - 1)
                             : chipWidth() + 2;
        for (const auto& m : m_markers) {
            if (m.line != line) continue;
            if (chip == 0) {  // the line tinted in the first marker's colour
                auto tint = m.color;
                tint.setAlpha(48);
                p.fillRect(QRect(0, top, width(), h), tint);
            }
            const QRect box(numberWidth + 6 + chip * step, top + 1, chipWidth(), h - 2);
            p.setPen(Qt::NoPen);
            p.setBrush(m.color);
            p.drawRoundedRect(box, 3, 3);
            p.setPen(Qt::white);  // on the series colours, all of them mid to dark
            p.setFont(font());
            p.drawText(box, Qt::AlignCenter, chipText(m.name));
            ++chip;
        }
        auto dim = Palette::text();
        dim.setAlpha(120);
        p.setFont(font());
        p.setPen(dim);
        p.drawText(QRect(0, top, numberWidth + 2, h), Qt::AlignRight | Qt::AlignVCenter,
                   QString::number(line));
        paintCode(p, m_lines[i], gutterWidth(), top + fontMetrics().ascent() + 1);
    }
}

// Keywords bold, strings in a colour, comments dimmed: enough to read the program by.
void CodeView::paintCode(QPainter& p, const QString& text, int x, int y) const {
    QFont plain = font();
    QFont bold = plain;
    bold.setBold(true);
    QFont italic = plain;
    italic.setItalic(true);
    auto comment = Palette::text();
    comment.setAlpha(130);
    const auto draw = [&](const QString& s, const QFont& f, const QColor& c) {
        p.setFont(f);
        p.setPen(c);
        p.drawText(x, y, s);
        x += QFontMetrics(f).horizontalAdvance(s);
    };
    for (int i = 0; i < text.size();) {
        const QChar c = text[i];
        if (c == QLatin1Char('#')) {
            draw(text.mid(i), italic, comment);
            return;
        }
        if (c == QLatin1Char('"') || c == QLatin1Char('\'')) {
            int end = text.indexOf(c, i + 1);
            end = end < 0 ? static_cast<int>(text.size()) : end + 1;
            draw(text.mid(i, end - i), plain, Palette::series(2));
            i = end;
            continue;
        }
        int end = i + 1;
        if (wordChar(c))
            while (end < text.size() && wordChar(text[end]))
                ++end;
        const auto word = text.mid(i, end - i);
        draw(word, keywords().contains(word) ? bold : plain, Palette::text());
        i = end;
    }
}

void CodeView::mousePressEvent(QMouseEvent* event) {
    const int y = static_cast<int>(event->position().y());
    const int line = (y - lineTop(1)) / lineHeight() + 1;
    if (line < 1 || line > m_lines.size()) return;
    const int numberWidth = fontMetrics().horizontalAdvance(QStringLiteral("00"));
    const int x = static_cast<int>(event->position().x()) - (numberWidth + 6);
    const int chip = x >= 0 && x < 2 * (chipWidth() + 2) ? x / (chipWidth() + 2) : -1;
    emit lineClicked(line, chip);
}

}  // namespace interleave::ui
