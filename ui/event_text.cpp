#include "ui/event_text.h"

namespace interleave::ui {

QString exitText(std::int64_t status) {
    return exitWasSignal(status)
               ? QStringLiteral("killed by signal %1").arg(exitCodeOrSignal(status))
               : QStringLiteral("exited with status %1").arg(exitCodeOrSignal(status));
}

QString describeEvent(const Row& r, const Names& n) {
    const QString who = n.actor(r.actor);
    const QString obj = n.object(r.object);
    const auto slot = static_cast<std::uint32_t>(static_cast<std::uint64_t>(r.b) >> 32);
    const auto occupancy = static_cast<std::uint32_t>(r.b & 0xffffffff);
    switch (r.kind) {
        case EventKind::ActorStart:
            return QStringLiteral("%1 starts").arg(who);
        case EventKind::ActorExit:
            return QStringLiteral("%1 finishes").arg(who);
        case EventKind::ThreadCreate:
            return QStringLiteral("%1 creates %2")
                .arg(who, n.actor(static_cast<std::uint32_t>(r.a)));
        case EventKind::JoinRequest:
            return QStringLiteral("%1 waits for %2 to finish")
                .arg(who, n.actor(static_cast<std::uint32_t>(r.a)));
        case EventKind::Joined:
            return QStringLiteral("%1 has joined %2")
                .arg(who, n.actor(static_cast<std::uint32_t>(r.a)));
        case EventKind::ProcessFork:
            return QStringLiteral("%1 forks %2 (pid %3): a copy of itself")
                .arg(who, n.actor(static_cast<std::uint32_t>(r.b)))
                .arg(r.a);
        case EventKind::ProcessWait:
            return r.a < 0 ? QStringLiteral("%1 waits for a child process to end").arg(who)
                           : QStringLiteral("%1 waits for process %2 to end").arg(who).arg(r.a);
        case EventKind::ProcessExit:
            return QStringLiteral("process %1 %2").arg(r.a).arg(exitText(r.b));
        case EventKind::ProcessReparent:
            return QStringLiteral("process %1 is orphaned and re-parented to %2").arg(r.a).arg(r.b);
        case EventKind::LockRequest:
            return QStringLiteral("%1 asks for %2").arg(who, obj);
        case EventKind::LockAcquired:
            return r.b ? QStringLiteral("%1 gets %2 after waiting").arg(who, obj)
                       : QStringLiteral("%1 takes %2").arg(who, obj);
        case EventKind::LockReleased:
            return QStringLiteral("%1 releases %2").arg(who, obj);
        case EventKind::CondWait:
            if (obj.endsWith(QLatin1String(".not_empty")))
                return QStringLiteral("%1 waits: the buffer is empty").arg(who);
            if (obj.endsWith(QLatin1String(".not_full")))
                return QStringLiteral("%1 waits: the buffer is full").arg(who);
            return QStringLiteral("%1 waits on %2").arg(who, obj);
        case EventKind::CondWoken:
            return QStringLiteral("%1 wakes up (%2)").arg(who, obj);
        case EventKind::CondNotifyOne:
            return r.b >= 0 ? QStringLiteral("%1 signals %2, waking %3")
                                  .arg(who, obj, n.actor(static_cast<std::uint32_t>(r.b)))
                            : QStringLiteral("%1 signals %2; nobody is waiting").arg(who, obj);
        case EventKind::CondNotifyAll:
            return QStringLiteral("%1 wakes all %2 waiting on %3").arg(who).arg(r.a).arg(obj);
        case EventKind::SemBlock:
            if (obj.endsWith(QLatin1String(".free_slots")))
                return QStringLiteral("%1 blocks: no free slot").arg(who);
            if (obj.endsWith(QLatin1String(".filled_slots")))
                return QStringLiteral("%1 blocks: no item to take").arg(who);
            return QStringLiteral("%1 blocks on %2 (its value is 0)").arg(who, obj);
        case EventKind::SemAcquired:
            return QStringLiteral("%1 passes %2 (now %3)").arg(who, obj).arg(r.a);
        case EventKind::SemReleased:
            return QStringLiteral("%1 raises %2 (now %3)").arg(who, obj).arg(r.a);
        case EventKind::QueuePut:
            return QStringLiteral("%1 puts item %2 in slot %3 (%4/%5 full)")
                .arg(who)
                .arg(r.a)
                .arg(slot)
                .arg(occupancy)
                .arg(n.capacity(r.object));
        case EventKind::QueueGet:
            return QStringLiteral("%1 takes item %2 from slot %3 (%4/%5 full)")
                .arg(who)
                .arg(r.a)
                .arg(slot)
                .arg(occupancy)
                .arg(n.capacity(r.object));
        case EventKind::QueueClosed:
            return QStringLiteral("%1 closes %2").arg(who, obj);
        case EventKind::WorkBegin:
            return QStringLiteral("%1 works for %2 ms")
                .arg(who)
                .arg(static_cast<double>(r.a) / 1e6, 0, 'f', 0);
        case EventKind::CaptureWaitBegin:
            return QStringLiteral("%1 waits for the recorder: its event ring is full").arg(who);
        case EventKind::CaptureWaitEnd:
            return QStringLiteral("%1 goes on: the recorder made room").arg(who);
        case EventKind::LostBegin:
            return QStringLiteral("%1's events start being lost (its ring is full)").arg(who);
        case EventKind::LostEnd:
            return QStringLiteral("%1 lost %2 events here: what is shown around this is incomplete")
                .arg(who)
                .arg(r.a);
        default:
            return {};
    }
}

}  // namespace interleave::ui
