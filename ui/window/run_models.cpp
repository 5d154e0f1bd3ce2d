#include "ui/window/run_models.h"

#include <algorithm>

#include "ui/charts/distribution_model.h"
#include "ui/charts/speedup_model.h"
#include "ui/session/run_follower.h"
#include "ui/session/run_session.h"
#include "ui/timeline/timeline_model.h"
#include "ui/views/buffer_model.h"
#include "ui/views/caption_model.h"
#include "ui/views/memory_model.h"
#include "ui/views/pipe_model.h"
#include "ui/views/process_tree_model.h"
#include "ui/views/shared_variable_model.h"
#include "ui/views/signal_model.h"
#include "ui/views/wait_for_model.h"

namespace interleave::ui {

RunModels::RunModels(RunSession* session, QObject* parent)
    : QObject(parent),
      m_session(session),
      m_timeline(new TimelineModel(this)),
      m_buffers(new BufferModel(this)),
      m_pipes(new PipeModel(this)),
      m_signals(new SignalModel(this)),
      m_memory(new MemoryModel(this)),
      m_tree(new ProcessTreeModel(m_timeline, this)),
      m_captions(new CaptionModel(m_timeline, 8, this)),
      m_waits(new WaitForModel(m_timeline->names(), this)),
      m_shared(new SharedVariableModel(this)),
      m_speedup(new SpeedupModel(this)),
      m_distributions(new DistributionModel(this)),
      m_followers{m_timeline, m_buffers, m_pipes,   m_signals,      m_memory,
                  m_waits,    m_shared,  m_speedup, m_distributions} {
    connect(session, &RunSession::eventsAppended, this, &RunModels::announce);
}

void RunModels::reset(const EventStore* store) {
    m_pending.reset();  // rows of the store just dropped
    // Captions first: they hold entries of the old store, which the timeline is about to drop.
    m_captions->reset();
    for (auto* f : m_followers)
        f->reset(store);
    m_speedup->setParameters(m_session->description().parameters);  // for real Python's turn
    m_tree->sync();
}

void RunModels::announce(quint64 first, quint64 last) {
    // A running run's new events are taken in by the next frame, with everything else that
    // frame changes: the window then paints once a frame, not once more for each batch the
    // reader hands over between two frames. Paused or ended, at once: no frame comes soon.
    m_pending = m_pending ? std::pair{std::min<std::size_t>(m_pending->first, first),
                                      std::max<std::size_t>(m_pending->second, last)}
                          : std::pair<std::size_t, std::size_t>{first, last};
    if (!m_session->active() || m_session->paused()) takePending();
}

void RunModels::takePending() {
    if (!m_pending) return;
    const auto [first, last] = *m_pending;
    m_pending.reset();
    for (auto* f : m_followers)
        f->append(first, last);
    m_tree->sync();
    m_captions->setStepping(m_session->active() && m_session->paused());
    m_captions->append(first, last);
    emit rowsTaken(first, last);
}

void RunModels::setCursorTime(std::int64_t t) {
    for (auto* f : m_followers)
        f->setCursorTime(t);
}

void RunModels::followCursorSlowly(std::int64_t t) {
    m_captions->setCursorTime(t);
    m_tree->setCursorTime(t);
}

}  // namespace interleave::ui
