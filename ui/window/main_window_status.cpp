// MainWindow's status line: what the run is doing in one sentence (running, paused, scheduled
// by hand, deadlocked, ended), the hints that go with it, and the first lost update pointed at
// on the timeline.

#include <limits>

#include "core/analysis/lost_update.h"
#include "ui/base/event_text.h"
#include "ui/session/replay_player.h"
#include "ui/session/run_session.h"
#include "ui/session/time_cursor.h"
#include "ui/timeline/timeline_model.h"
#include "ui/timeline/timeline_view.h"
#include "ui/views/shared_variable_model.h"
#include "ui/views/wait_for_model.h"
#include "ui/window/main_window.h"
#include "ui/window/run_models.h"
#include "ui/window/status_line.h"

namespace interleave::ui {

QString MainWindow::stateLine() const {
    return m_status->state();
}

void MainWindow::updateStatus() {
    const auto* store = m_session->store();
    QString state;
    if (m_session->isReplay())
        state = m_session->scenario();
    else if (const auto deadlock = deadlockNow();
             m_session->active() && !m_session->paused() && !deadlock.isEmpty())
        state = tr("%1 — deadlock: %2").arg(m_session->scenario(), deadlock);
    else if (m_session->manual())
        state = tr("%1 — scheduled by hand: choose who takes the next step (its card, or its "
                   "number)")
                    .arg(m_session->scenario());
    else if (m_session->active())
        state = m_session->paused()
                    ? tr("%1 — paused (Space resumes, Right steps)").arg(m_session->scenario())
                    : tr("%1 — running").arg(m_session->scenario());
    else if (store)
        state = tr("%1 — ended (%2)").arg(m_session->scenario(), m_session->labStatusText());
    else
        state = tr("Choose a scenario and press Run.");
    // A hint in the state line, not a status message: a message would cover the state.
    if (m_player && m_player->playing())
        state += tr("   ·   playing at %1x (Space pauses)").arg(m_player->speed());
    else if (!m_session->active() && store)
        state += tr("   ·   Space plays it again, Right and Left step through its events");
    if (m_presenter) state += tr("   ·   Esc: normal window");
    if (!m_cursor->live() && m_session->active())
        state += tr("   ·   looking at %1 ms (double-click the timeline to go live)")
                     .arg(m_cursor->time() / 1e6, 0, 'f', 1);
    else if (!m_cursor->live() && store)
        state += tr("   ·   at %1 ms").arg(m_cursor->time() / 1e6, 0, 'f', 1);
    m_status->show(*m_session, state);
    pointAtLostUpdate();
}

void MainWindow::pointAtLostUpdate() {
    // Looked for a few times a second until found, in runs that have shared variables; small
    // runs only (the search walks the whole run in time order).
    const auto* store = m_session->store();
    // Searched again as the run grows (each update lost is marked), not again once it ended.
    if (!store || !m_models->sharedVariables()->hasVariables() || store->size() > 200'000) return;
    if (m_lostUpdateFound && (store->size() == m_lostUpdatesSearched || !m_session->active()))
        return;
    m_lostUpdatesSearched = store->size();
    const auto all = allLostUpdates(*store, 200);
    if (all.size() != m_lostUpdateCount) {
        m_lostUpdateCount = all.size();
        m_timelineView->setLostUpdates(all, store);
    }
    // Once more after the run ends: the last updates may have been lost in its last moments.
    m_lostUpdateFound = !m_session->active();
}

QString MainWindow::deadlockNow() {
    if (!m_session->store()) return {};
    return deadlockSentence(m_waitsNow.at(std::numeric_limits<std::int64_t>::max()),
                            m_models->timeline()->names());
}

}  // namespace interleave::ui
