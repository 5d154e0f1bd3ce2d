#pragma once
// Every model of one run, as Qt Creator's TimelineModelAggregator holds a trace's: it owns them,
// hands them a new run, the frame's new rows and the cursor's time in one fixed order (the
// timeline first: the others name actors through it), and the window owns one of these instead
// of eleven models. It lives with the window because it is the one room that may include the
// timeline, the views and the charts together.
//
// New rows come from the session once per batch (the bridge's queued signal, relayed by the
// session after it dropped a replaced run's) and wait here for the next frame (takePending), so
// that a running run is painted once a frame, not once more for every batch in between.

#include <QObject>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "core/channel/event_store.h"

namespace interleave::ui {

class BufferModel;
class CaptionModel;
class DistributionModel;
class MemoryModel;
class PipeModel;
class ProcessTreeModel;
class RunFollower;
class RunSession;
class SharedVariableModel;
class SignalModel;
class SpeedupModel;
class TimelineModel;
class WaitForModel;

class RunModels : public QObject {
    Q_OBJECT
  public:
    // Follows `session`'s new rows: they wait for the next frame (taken at once when no frame
    // comes soon: paused or ended). A new store is the window's to hand over (reset), in its
    // place among the window's own steps.
    explicit RunModels(RunSession* session, QObject* parent = nullptr);

    TimelineModel* timeline() const { return m_timeline; }
    BufferModel* buffers() const { return m_buffers; }
    PipeModel* pipes() const { return m_pipes; }
    SignalModel* posixSignals() const { return m_signals; }
    MemoryModel* memory() const { return m_memory; }
    ProcessTreeModel* processTree() const { return m_tree; }
    CaptionModel* captions() const { return m_captions; }
    WaitForModel* waitFor() const { return m_waits; }
    SharedVariableModel* sharedVariables() const { return m_shared; }
    SpeedupModel* speedup() const { return m_speedup; }
    DistributionModel* distributions() const { return m_distributions; }
    // The models that follow the store, in the order they take a new run and new rows.
    const std::vector<RunFollower*>& followers() const { return m_followers; }

    // A new run (or none): every model drops the old one and takes this one.
    void reset(const EventStore* store);
    // Hands the rows announced since the last frame to every model (the frame tick).
    void takePending();
    bool hasPending() const { return m_pending.has_value(); }
    // The cursor moved: every follower that shows "the state at the cursor" follows it.
    void setCursorTime(std::int64_t t);
    // Captions and process tree follow the cursor at most ten times a second (the window says
    // when): their change lays out wrapped text and fades again.
    void followCursorSlowly(std::int64_t t);

  signals:
    void rowsTaken(quint64 first, quint64 last);  // every model has taken these rows in

  private:
    void announce(quint64 first, quint64 last);

    RunSession* m_session;
    TimelineModel* m_timeline;
    BufferModel* m_buffers;
    PipeModel* m_pipes;
    SignalModel* m_signals;
    MemoryModel* m_memory;
    ProcessTreeModel* m_tree;
    CaptionModel* m_captions;
    WaitForModel* m_waits;
    SharedVariableModel* m_shared;
    SpeedupModel* m_speedup;
    DistributionModel* m_distributions;
    std::vector<RunFollower*> m_followers;
    std::optional<std::pair<std::size_t, std::size_t>> m_pending;  // rows not yet taken in
};

}  // namespace interleave::ui
