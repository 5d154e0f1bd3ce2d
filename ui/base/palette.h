#pragma once
// One palette for the whole program. State colours are Okabe-Ito (safe for the common forms of
// colour blindness), and every state also has its own fill pattern and a label, because
// projectors wash colours out.

#include <QBrush>
#include <QColor>
#include <QIcon>
#include <QString>
#include <QStyle>
#include <cstddef>

#include "core/analysis/actor_states.h"

class QApplication;

namespace interleave::ui {

enum class Theme { Light, Dark, HighContrast };

// A widget whose text is a fixed ratio of the window's (a field's help in smaller print) carries
// this property; the window keeps the ratio whenever it sets the text size.
inline constexpr char kFontRatioProperty[] = "interleaveFontRatio";

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
    static QColor accent();     // "now" line, highlights
    static QColor arrow();      // notify and item arrows
    static QColor arrival();    // something new: a forked process, an item put (Okabe-Ito yellow)
    static QColor departure();  // something gone: an exit, an item taken, a loss (vermillion)
    static QColor labelInk();   // text on a label box drawn over any fill
    static QColor labelBox();
    static QColor hollowMark();  // the inside of an open marker (a get)
    static QColor faultInk();    // the cross where a fault kills a process
    static QColor pausedVeil();
    static QColor foldedFill();  // many short steps folded into a few pixels (zoom in to see)
    static QColor foldedInk();   // translucent, over every lane while the run was paused
    // The charts' series, told apart by people with any colour vision (Okabe-Ito), in order;
    // on the dark themes the dark blue gives way to sky blue, which keeps 3:1 on the background.
    // The one definition for every chart (the speedup's executors, the distributions' boxes).
    static QColor series(std::size_t index);
    static constexpr std::size_t kSeriesCount = 6;
    static QColor baselineSeries();  // the grey of a reference line (the sequential run)
    // A style sheet for warning text, or, with `filled`, for a warning badge.
    static QString warningStyle(bool filled);
    static QString themeName(Theme t);
    // The style's standard icon, in the text's colour on the dark themes.
    static QIcon icon(QStyle::StandardPixmap which);
};

}  // namespace interleave::ui
