#include "ui/pipe_model.h"

#include <QThread>
#include <algorithm>

#include "core/schema/event_kinds.h"
#include "ui/time_ordered.h"

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
        if (o.kind != ObjectKind::Pipe) continue;
        m_pipeOf[o.id] = m_pipes.size();
        m_pipes.push_back(Pipe{o.id, o.capacity, QString::fromStdString(o.name), {}, {}});
    }
    m_objectsSeen = objects.size();
}

void PipeModel::apply(PipeState& s, const Op& op) {
    s.ns = op.ns;
    s.last = op.kind;
    switch (op.kind) {
        case EventKind::MsgSend:
            s.fill = op.b;
            s.lastSent = std::max(s.lastSent, op.a);
            ++s.sends;
            s.writerBlocked = false;
            s.writer = op.actor;
            break;
        case EventKind::MsgReceive:
            s.fill = op.b;
            s.lastReceived = std::max(s.lastReceived, op.a);
            ++s.receives;
            s.readerBlocked = false;
            s.reader = op.actor;
            break;
        case EventKind::MsgSendBlocks:
            s.fill = op.a;
            s.writerBlocked = true;
            s.writer = op.actor;
            break;
        case EventKind::MsgReceiveBlocks:
            s.fill = op.a;
            s.readerBlocked = true;
            s.reader = op.actor;
            break;
        case EventKind::MsgEnd:
            s.readerBlocked = false;
            s.ended = true;
            s.reader = op.actor;
            break;
        default:
            break;
    }
}

void PipeModel::append(std::size_t first, std::size_t last) {
    Q_ASSERT_X(QThread::currentThread() == thread(), "PipeModel::append", "GUI thread only");
    if (!m_store || last <= m_consumed) return;
    first = std::max(first, m_consumed);
    const auto pipesBefore = m_pipes.size();
    findPipes();
    std::vector<std::size_t> firstChanged(m_pipes.size(), SIZE_MAX);
    for (std::size_t i = first; i < last && !m_pipes.empty(); ++i) {
        const auto k = m_store->kind(i);
        if (kindInfo(k).group != KindGroup::Message) continue;
        const Row r = m_store->row(i);
        const auto it = m_pipeOf.find(r.object);
        if (it == m_pipeOf.end()) continue;
        auto& changed = firstChanged[it->second];
        changed = std::min(changed,
                           insertByTime(m_pipes[it->second].ops, Op{r.ns, k, r.actor, r.a, r.b}));
    }
    m_consumed = last;
    bool changedAny = m_pipes.size() != pipesBefore;
    for (std::size_t p = 0; p < m_pipes.size(); ++p) {
        if (firstChanged[p] == SIZE_MAX) continue;
        auto& pipe = m_pipes[p];
        pipe.after.resize(firstChanged[p]);
        PipeState s = pipe.after.empty() ? PipeState{} : pipe.after.back();
        for (std::size_t i = firstChanged[p]; i < pipe.ops.size(); ++i) {
            apply(s, pipe.ops[i]);
            pipe.after.push_back(s);
        }
        changedAny = true;
    }
    if (changedAny) emit changed();
}

PipeState PipeModel::stateAt(int pipe, std::int64_t t) const {
    if (pipe < 0 || pipe >= pipeCount()) return {};
    const Pipe& p = m_pipes[static_cast<std::size_t>(pipe)];
    const auto end = std::upper_bound(p.ops.begin(), p.ops.end(), t,
                                      [](std::int64_t x, const Op& o) { return x < o.ns; });
    if (end == p.ops.begin()) return {};
    return p.after[static_cast<std::size_t>(end - p.ops.begin()) - 1];
}

}  // namespace interleave::ui
