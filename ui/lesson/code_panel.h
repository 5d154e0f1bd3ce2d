#pragma once
// The code panel: the scenario's Python program, with line numbers and simple highlighting,
// and for each thread or process a marker in its colour on the line of its current step at the
// time cursor (live, in a replay at the cursor, and so in videos). In scheduler mode a click on
// a marked line asks for that actor's step to be granted, as its card in the scheduler does.

#include <QWidget>
#include <cstdint>
#include <vector>

#include "ui/lesson/code_model.h"
#include "ui/lesson/code_view.h"

class QLabel;
class QScrollArea;

namespace interleave::ui {

class RunSession;
class TimeCursor;

class CodePanel : public QWidget {
    Q_OBJECT
  public:
    CodePanel(RunSession* session, TimeCursor* cursor, QWidget* parent = nullptr);

    // The program of `scenario`; false when it has none (the panel then says so).
    bool setScenario(const QString& scenario);
    bool hasProgram() const { return m_model.hasProgram(); }
    // Reads the markers again at the cursor's time.
    void refresh();

    // For tests.
    const std::vector<CodeMarker>& markers() const { return m_markers; }
    const CodeModel& model() const { return m_model; }
    CodeView* view() const { return m_view; }

  signals:
    // A marked line was clicked: its actor's step is asked for.
    void actorChosen(std::uint32_t actor);

  private:
    void keepMarkersInView();

    RunSession* m_session;
    TimeCursor* m_cursor;
    CodeModel m_model;
    std::vector<CodeMarker> m_markers;
    QLabel* m_title;
    QScrollArea* m_scroll;
    CodeView* m_view;
};

}  // namespace interleave::ui
