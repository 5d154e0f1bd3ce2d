#pragma once
// What the code panel shows: a scenario's Python program, its lines, and where each thread or
// process is in it at a time (core/lesson/code_anchors.h finds the lines; this adds the names
// and colours the panel draws).

#include <QColor>
#include <QString>
#include <QStringList>
#include <cstdint>
#include <memory>
#include <vector>

namespace interleave {
class CodeAnchors;
class EventStore;
}  // namespace interleave

namespace interleave::ui {

struct CodeMarker {
    int line = 0;  // 1-based
    std::uint32_t actor = 0;
    QString name;  // "thread 1"
    QColor color;
};

class CodeModel {
  public:
    CodeModel();
    ~CodeModel();

    // The program of `scenario`; false (and no lines) when it has none.
    bool setScenario(const QString& scenario);
    bool hasProgram() const { return !m_lines.isEmpty(); }
    const QString& scenario() const { return m_scenario; }
    const QStringList& lines() const { return m_lines; }

    // Each actor's marker at time `t`: on the line of its last step, in the actor's colour
    // (its place among the run's actors, as the timeline orders its lanes).
    std::vector<CodeMarker> markersAt(const EventStore* store, std::int64_t t) const;

  private:
    QString m_scenario;
    QStringList m_lines;
    std::unique_ptr<CodeAnchors> m_anchors;
};

}  // namespace interleave::ui
