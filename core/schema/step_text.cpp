#include "core/schema/step_text.h"

namespace interleave {

std::string stepText(EventKind next, std::string_view object, std::int64_t arg,
                     std::string_view argActor) {
    const std::string o(object.empty() ? std::string_view("it") : object);
    const std::string n = std::to_string(arg);
    switch (next) {
        case EventKind::SharedRead:
            return "read " + o;
        case EventKind::SharedWrite:
            return "write " + n + " to " + o;
        case EventKind::SharedAdd:
            return "add one to " + o + " (atomically)";
        case EventKind::LockRequest:
            return arg == 1 ? "try to lock " + o : "lock " + o;
        case EventKind::LockReleased:
            return "unlock " + o;
        case EventKind::CondWait:
            return "wait on " + o;
        case EventKind::CondNotifyOne:
            return "signal " + o;
        case EventKind::CondNotifyAll:
            return "wake all waiting on " + o;
        case EventKind::SemAcquired:
            return "acquire " + o + " (wait if 0)";
        case EventKind::SemReleased:
            return "release " + o;
        case EventKind::RwReadRequest:
            return "lock " + o + " to read";
        case EventKind::RwReadReleased:
            return "stop reading " + o;
        case EventKind::RwWriteRequest:
            return "lock " + o + " to write";
        case EventKind::RwWriteReleased:
            return "stop writing " + o;
        case EventKind::JoinRequest:
            return "join " + (argActor.empty() ? std::string("a thread") : std::string(argActor));
        case EventKind::ProcessFork:
            return "fork a child process";
        case EventKind::ProcessWait:
            return arg < 0 ? "wait for a child process" : "wait for process " + n;
        case EventKind::ProcessZombie:
            return "wait until process " + n + " has ended";
        case EventKind::SignalSend:
            return "send " + o + " to process " + n;
        case EventKind::MsgSend:
            return "send message " + n + " into " + o;
        case EventKind::MsgReceive:
            return "receive a message from " + o;
        default:
            return "go on";
    }
}

}  // namespace interleave
