#include "ui/views/pipe_model.h"

#include <QThread>
#include <algorithm>

#include "core/schema/event_kinds.h"
#include "ui/base/time_ordered.h"

namespace interleave::ui {

PipeModel::PipeModel(QObject* parent) : QObject(parent) {}

void PipeModel::reset(const EventStore* store) {
    m_store = store;
    m_consumed = 0;
    m_objectsSeen = 0;
    m_pipes.clear();
    m_pipeOf.clear();
    if (store) append(0, store->size());
    emit changed();
}

void PipeModel::findPipes() {
    const auto objects = m_store->objects();
    for (std::size_t i = m_objectsSeen; i < objects.size(); ++i) {
        const auto& o = objects[i];
        if (!carriesMessages(o.kind)) continue;
        m_pipeOf[o.id] = m_pipes.size();
        m_pipes.push_back(Pipe{o.id, o.kind, o.capacity, QString::fromStdString(o.name), {}, {}});
    }
    m_objectsSeen = objects.size();
}

void PipeModel::apply(PipeState& s, const Op& op, bool queue) {
    s.ns = op.ns;
    s.last = op.kind;
    switch (kindInfo(op.kind).message) {
        case MessageStep::Send:
            if (queue) {
                // Behind every message of its priority or higher: the order mq_receive keeps.
                const auto prio = msgPriority(op.b);
                const auto at =
                    std::find_if(s.queued.begin(), s.queued.end(),
                                 [&](const PipeState::Queued& q) { return q.priority < prio; });
                s.queued.insert(at, {op.a, prio});
            }
            s.fill = msgFill(op.b);
            s.lastSent = op.a;
            ++s.sends;
            s.writerBlocked = false;
            s.writer = op.actor;
            break;
        case MessageStep::Receive:
            if (queue) {
                const auto it =
                    std::find_if(s.queued.begin(), s.queued.end(),
                                 [&](const PipeState::Queued& q) { return q.number == op.a; });
                if (it != s.queued.end()) s.queued.erase(it);
            }
            s.fill = msgFill(op.b);
            s.lastReceived = op.a;
            ++s.receives;
            s.readerBlocked = false;
            s.reader = op.actor;
            break;
        case MessageStep::SendBlocks:
            s.fill = op.a;
            s.writerBlocked = true;
            s.writer = op.actor;
            break;
        case MessageStep::ReceiveBlocks:
            s.fill = op.a;
            s.readerBlocked = true;
            s.reader = op.actor;
            break;
        case MessageStep::End:
            s.readerBlocked = false;
            s.ended = true;
            s.reader = op.actor;
            break;
        case MessageStep::None:
            break;
    }
}

void PipeModel::append(std::size_t first, std::size_t last) {
    Q_ASSERT_X(QThread::currentThread() == thread(), "PipeModel::append", "GUI thread only");
    if (!m_store || last <= m_consumed) return;
    first = std::max(first, m_consumed);
    const auto pipesBefore = m_pipes.size();
    findPipes();
    for (std::size_t i = first; i < last && !m_pipes.empty(); ++i) {
        const auto k = m_store->kind(i);
        if (kindInfo(k).message == MessageStep::None) continue;
        const Row r = m_store->row(i);
        const auto it = m_pipeOf.find(r.object);
        if (it == m_pipeOf.end()) continue;
        m_pipes[it->second].history.add(Op{r.ns, k, r.actor, r.a, r.b});
    }
    m_consumed = last;
    bool changedAny = m_pipes.size() != pipesBefore;
    for (auto& pipe : m_pipes) {
        if (!pipe.history.stale()) continue;
        pipe.sentOrder.resize(pipe.history.settledState().sends);
        const bool queue = pipe.kind == ObjectKind::MessageQueue;
        pipe.history.settle([&](PipeState& s, const Op& op) {
            const auto fillBefore = s.fill;
            apply(s, op, queue);
            const bool send = kindInfo(op.kind).message == MessageStep::Send;
            // A socket's sender cannot measure the other end's queue: only receives say.
            if (send && pipe.kind == ObjectKind::Socket) s.fill = fillBefore;
            if (send && !queue) pipe.sentOrder.push_back(op.a);
        });
        changedAny = true;
    }
    if (changedAny) emit changed();
}

std::vector<PipeState::Queued> PipeModel::messagesHeld(int pipe, const PipeState& s,
                                                       std::size_t max) const {
    if (pipe < 0 || pipe >= pipeCount()) return {};
    const Pipe& p = m_pipes[static_cast<std::size_t>(pipe)];
    std::vector<PipeState::Queued> out;
    if (p.kind == ObjectKind::MessageQueue) {
        out.assign(s.queued.begin(), s.queued.begin() + std::min(max, s.queued.size()));
        return out;
    }
    // First in, first out: the ones sent and not yet received.
    const auto end = std::min<std::size_t>(s.sends, p.sentOrder.size());
    for (std::size_t i = s.receives; i < end && out.size() < max; ++i)
        out.push_back({p.sentOrder[i], 0});
    return out;
}

PipeState PipeModel::stateAt(int pipe, std::int64_t t) const {
    if (pipe < 0 || pipe >= pipeCount()) return {};
    return m_pipes[static_cast<std::size_t>(pipe)].history.at(t);
}

}  // namespace interleave::ui
