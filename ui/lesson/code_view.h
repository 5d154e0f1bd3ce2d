#pragma once
// The code panel's painted lines: line numbers, the program with its keywords, strings and
// comments told apart, and each actor's marker (a chip in its colour, its line tinted).

#include <QStringList>
#include <QWidget>
#include <vector>

#include "ui/lesson/code_model.h"

namespace interleave::ui {

class CodeView : public QWidget {
    Q_OBJECT
  public:
    explicit CodeView(QWidget* parent = nullptr);
    void setLines(const QStringList& lines);
    void setMarkers(const std::vector<CodeMarker>& markers);
    int lineHeight() const;
    int lineTop(int line) const;  // 1-based line -> y
    QSize sizeHint() const override;

  signals:
    void lineClicked(int line, int chip);  // chip: which marker on the line, -1 the code

  protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void changeEvent(QEvent* event) override;

  private:
    int gutterWidth() const;
    int chipWidth() const;
    void paintCode(QPainter& p, const QString& text, int x, int y) const;

    QStringList m_lines;
    std::vector<CodeMarker> m_markers;
};

}  // namespace interleave::ui
