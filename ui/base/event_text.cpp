#include "ui/base/event_text.h"

#include "core/schema/event_kinds.h"
#include "core/schema/sys_text.h"

namespace interleave::ui {

QString deadlockSentence(const WaitForGraph& graph, const Names& names) {
    const auto cycle = graph.cycle();
    QString text;
    for (std::size_t k = 0; k < cycle.size(); ++k)
        text += QStringLiteral("%1 waits for %2, held by %3")
                    .arg(k ? QStringLiteral(", which") : names.actor(cycle[k]),
                         names.object(graph.waiting.at(cycle[k])),
                         names.actor(cycle[(k + 1) % cycle.size()]));
    return text;
}

QString exitText(std::int64_t status) {
    return QString::fromStdString(exitStatusText(status));
}

namespace {

bool altApplies(AltWhen when, const Row& r) {
    switch (when) {
        case AltWhen::BNonZero:
            return r.b != 0;
        case AltWhen::BNegative:
            return r.b < 0;
        case AltWhen::ANegative:
            return r.a < 0;
        case AltWhen::ANonZero:
            return r.a != 0;
        case AltWhen::BNotAMinusOne:
            return r.b != r.a - 1;
        case AltWhen::Never:
            break;
    }
    return false;
}

// What waiting on a buffer's condition or semaphore means to a person, from the object's role.
QString ownerMeaning(const Row& r, const Names& n, const QString& who) {
    const ObjectInfo* info = n.info ? n.info(r.object) : nullptr;
    if (!info || info->role == ObjectRole::Own || info->role == ObjectRole::Guard) return {};
    const ObjectInfo* owner = n.info(info->owner);
    if (!owner || (owner->kind != ObjectKind::Queue && owner->kind != ObjectKind::SharedSegment))
        return {};
    const bool space = info->role == ObjectRole::Space;
    if (r.kind == EventKind::CondWait)
        return space ? QStringLiteral("%1 waits: %2 is full").arg(who, n.object(owner->id))
                     : QStringLiteral("%1 waits: %2 is empty").arg(who, n.object(owner->id));
    if (r.kind == EventKind::SemBlock)
        return space ? QStringLiteral("%1 blocks: no free slot in %2").arg(who, n.object(owner->id))
                     : QStringLiteral("%1 blocks: no item to take from %2")
                           .arg(who, n.object(owner->id));
    return {};
}

// The words for a message through `kind`: its units, its calls and how its reader learns the end.
struct MessageWords {
    const char *unit, *send, *receive, *end;
};
MessageWords messageWords(ObjectKind kind) {
    switch (kind) {
        case ObjectKind::MessageQueue:
            return {"messages", "mq_send()", "mq_receive()",
                    "the sender's last message, which says it is done"};
        case ObjectKind::Socket:
            return {"bytes", "send()", "recv()", "the other end has shut down its sending side"};
        default:
            return {"bytes", "write()", "read()", "end of file, every writer has closed it"};
    }
}

}  // namespace

QString describeEvent(const Row& r, const Names& n) {
    const auto& info = kindInfo(r.kind);
    const auto& tmpl = altApplies(info.altWhen, r) ? info.alt : info.caption;
    if (tmpl.empty()) return {};
    const QString who = n.actor(r.actor);
    const QString obj = n.object(r.object);
    if (auto special = ownerMeaning(r, n, who); !special.isEmpty()) return special;

    // Fill the placeholders in one pass; each is looked up only when the template uses it.
    QString out;
    const QString text = QString::fromUtf8(tmpl.data(), static_cast<qsizetype>(tmpl.size()));
    out.reserve(text.size() + 32);
    for (qsizetype i = 0; i < text.size();) {
        if (text[i] != QLatin1Char('{')) {
            out += text[i++];
            continue;
        }
        const auto close = text.indexOf(QLatin1Char('}'), i);
        const auto key = text.mid(i + 1, close - i - 1);
        i = close + 1;
        const auto b = static_cast<std::uint64_t>(r.b);
        if (key == QLatin1String("who"))
            out += who;
        else if (key == QLatin1String("object"))
            out += obj;
        else if (key == QLatin1String("a"))
            out += QString::number(r.a);
        else if (key == QLatin1String("hexA"))
            out += QStringLiteral("0x") + QString::number(static_cast<quint64>(r.a), 16);
        else if (key == QLatin1String("b"))
            out += QString::number(r.b);
        else if (key == QLatin1String("actorA"))
            out += n.actor(static_cast<std::uint32_t>(r.a));
        else if (key == QLatin1String("actorB"))
            out += n.actor(static_cast<std::uint32_t>(r.b));
        else if (key == QLatin1String("procA") || key == QLatin1String("procB")) {
            const auto pid = key == QLatin1String("procA") ? r.a : r.b;
            out += n.process ? n.process(pid) : QStringLiteral("process %1").arg(pid);
        } else if (key == QLatin1String("msA"))
            out += QString::number(static_cast<double>(r.a) / 1e6, 'f', 0);
        else if (key == QLatin1String("priority")) {
            const ObjectInfo* info = n.info ? n.info(r.object) : nullptr;
            if (info && info->kind == ObjectKind::MessageQueue)
                out += QStringLiteral(" (priority %1)").arg(msgPriority(r.b));
        } else if (key == QLatin1String("level")) {
            const ObjectInfo* info = n.info ? n.info(r.object) : nullptr;
            if (info && info->capacity > 0) {
                const bool wait = r.kind == EventKind::MsgSendBlocks;
                out += QStringLiteral(" (%1/%2 %3 in it)")
                           .arg(wait ? r.a : msgFill(r.b))
                           .arg(info->capacity)
                           .arg(QLatin1String(messageWords(info->kind).unit));
            }
        } else if (key == QLatin1String("send") || key == QLatin1String("receive") ||
                   key == QLatin1String("end")) {
            const ObjectInfo* info = n.info ? n.info(r.object) : nullptr;
            const auto w = messageWords(info ? info->kind : ObjectKind::Pipe);
            out += QString::fromLatin1(key == QLatin1String("send")      ? w.send
                                       : key == QLatin1String("receive") ? w.receive
                                                                         : w.end);
        } else if (key == QLatin1String("status"))
            out += exitText(r.b);
        else if (key == QLatin1String("slot"))
            out += QString::number(b >> 32);
        else if (key == QLatin1String("occupancy"))
            out += QString::number(b & 0xffffffffu);
        else if (key == QLatin1String("capacity"))
            if (const ObjectInfo* info = n.info ? n.info(r.object) : nullptr)
                out += QString::number(info->capacity);
    }
    return out;
}

}  // namespace interleave::ui
