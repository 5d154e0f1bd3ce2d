#pragma once
// One palette for the whole program. State colours are Okabe-Ito (safe for the common forms of
// colour blindness), and every state also has its own fill pattern and a label, because
// projectors wash colours out.

#include <QBrush>
#include <QColor>
#include <QString>

#include "core/actor_states.h"

class QApplication;

namespace interleave::ui {

enum class Theme { Light, Dark, HighContrast };

struct StateStyle {
    QColor color;
    Qt::BrushStyle pattern;  // drawn over the colour; Qt::NoBrush for none
    QString label;           // "blocked on lock"
    QString shortLabel;      // "blocked", drawn inside wide segments
};

class Palette {
  public:
    static const StateStyle& state(ActorState s);
    static QColor patternInk(ActorState s);  // the pattern's colour, darker than the fill
    static void apply(Theme theme, QApplication& app);
    static Theme current();
    static QColor text();
    static QColor background();
    static QColor grid();
    static QColor accent();  // "now" line, highlights
    static QColor arrow();   // notify and item arrows
    static QString themeName(Theme t);
};

}  // namespace interleave::ui
