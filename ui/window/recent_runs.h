#pragma once
// File > Recent runs: the last runs saved or opened (.ilt), newest first, kept in the settings
// so they outlive the window; and the name Save suggests for a new run.

#include <QDateTime>
#include <QString>
#include <QStringList>

namespace interleave::ui::recent_runs {

inline constexpr int kMaxRuns = 8;

QStringList list();                // newest first, at most kMaxRuns
void add(const QString& path);     // to the top (once), the oldest dropped past kMaxRuns
void remove(const QString& path);  // a file that is gone

// Where Save proposes a run of `scenario` made at `when`: "race-condition 2026-12-07 10-41.ilt"
// in `folder` (the user's documents), not run.ilt wherever the program was started.
QString suggestedPath(const QString& scenario, const QDateTime& when, const QString& folder);

}  // namespace interleave::ui::recent_runs
