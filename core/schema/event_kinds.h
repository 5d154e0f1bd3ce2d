#pragma once
// Everything the program knows about each event kind, in one table: its name in traces, its
// group, what it does to its actor's state, which payload word is its "value" in a Chrome
// trace, and its caption. Adding a kind is one line here (plus its enumerator in event.h and
// its row in docs/trace-format.md); the state tracker, the trace writers, the captions, the
// process facts, the run measures and the pipe and signal models all read this table, and no
// other file switches over kinds (a test checks). A static_assert keeps the rows in enumerator
// order.

#include <array>
#include <cstddef>
#include <string_view>

#include "core/schema/event.h"

namespace interleave {

enum class KindGroup : std::uint8_t {
    Lifecycle,
    Process,
    Mutex,
    Condition,
    Semaphore,
    Queue,
    Work,
    Note,
    Capture,
    Shared,
    RwLock,
    Spin,
    Measure,
    Message,
    Signal,
    Memory,
    Gil,
    Io,
    Schedule
};

// What an event does to its actor's state (ActorStateTracker).
enum class StateEffect : std::uint8_t {
    None,            // a step that leaves the state as it is
    LockRequest,     // still running: only the acquisition tells whether it had to wait
    LockAcquired,    // ends a request; b = 1 turns the request into a blocked stretch
    ToCondWait,      // waiting on a condition
    ToSemWait,       // waiting on a semaphore
    ToWorking,       // simulated work
    ToSpinning,      // busy waiting: on the CPU, polling
    ToIpcWait,       // blocked in the kernel on a pipe (or another IPC object)
    ToJoinWait,      // joining a thread, waiting for a child process
    ToGilWait,       // waiting for the GIL model's lock
    ToTurnWait,      // manual scheduling: stopped at a checkpoint until granted a step
    ToRunning,       // a wait or work ends
    ProcessExit,     // a == the actor's pid: its process ended; else a waited-for child did
    ActorExit,       // the actor ends
    StretchBegin,    // a capture stretch opens (capture_wait_begin, lost_begin)
    CaptureWaitEnd,  // closes a stretch as "capture wait"
    LostEnd,         // closes a stretch as "events lost"
};

// The `value` a Chrome trace step reports.
enum class ValueField : std::uint8_t { A, B, AInMs, ExitCode };

// Captions are templates with placeholders the window fills in:
//   {who} the actor, {object} the object, {a} {b} the payload words, {actorA} {actorB} the
//   actors the payload words name, {procA} {procB} the processes they name by pid, {msA} a in ms,
//   {hexA} a in hexadecimal, {status} b as an exit status, {slot} {occupancy} b's two halves,
//   {capacity} the object's capacity; for messages, {priority} (" (priority 3)" for a queue, else
//   empty), {level}
//   (" (3/4 messages in it)" from the fill in b, or in a for a wait; empty for an object of no
//   fixed capacity, a socket), and from the object's kind {send} and {receive} (the calls:
//   "write()", "mq_send()", ...) and {end} (how a reader learns there is no more).
// `alt` replaces `caption` when `altWhen` holds; an empty caption means "too small to say".
// BNotAMinusOne: a write that did not add exactly one to the value it replaced (a lost update).
enum class AltWhen : std::uint8_t {
    Never,
    BNonZero,
    BNegative,
    ANegative,
    ANonZero,
    BNotAMinusOne
};

// Who holds and who waits for what (LockHolders, the wait-for graph, DeadlockWatch, the
// lock_waits measure): the object an event names, and the step it takes on it.
enum class Holding : std::uint8_t {
    None,
    Mutex,      // one owner at a time
    Read,       // a reader-writer lock's shared side: many readers at once
    Write,      // its exclusive side
    Units,      // a semaphore: no owner, whoever raises it lets another pass
    Condition,  // a condition variable: whoever notifies it wakes a waiter
};
enum class ObjectStep : std::uint8_t { None, Request, Acquire, Release, Notify, NotifyAll, Wakes };
struct Hold {
    Holding what = Holding::None;
    ObjectStep step = ObjectStep::None;
    // A lock in the wait-for sense: an owner (or owners) others wait for.
    constexpr bool lock() const {
        return what == Holding::Mutex || what == Holding::Read || what == Holding::Write;
    }
};

// The phrase for a step an actor is about to take, under manual scheduling ("write 42 to
// counter"); placeholders {object}, {arg} (the checkpoint's argument) and {argActor} (the actor
// it names). `alt` replaces `text` when `when` holds; an empty text reads "go on".
enum class StepAlt : std::uint8_t { Never, ArgOne, ArgNegative, NoArgActor };
struct StepPhrase {
    std::string_view text = {};
    StepAlt when = StepAlt::Never;
    std::string_view alt = {};
};

// The two ends of an arrow the timeline draws between lanes (LinkPairer): an item put and
// taken, a message sent and received, a signal sent and handled, a notify and the thread it
// woke, a semaphore raised and the blocked thread it let through. `key` says which payload word
// pairs the ends (an item's or message's number, a signal's send number, the woken actor).
enum class LinkFamily : std::uint8_t { None, Item, Message, Signal, Wake, Semaphore };
enum class LinkKey : std::uint8_t { A, B, Actor };
struct LinkEnd {
    LinkFamily family = LinkFamily::None;
    bool from = false;  // the cause's end (put, send, notify, raise)
    LinkKey key = LinkKey::A;
};

// How a lane marks an event (LanePainter draws the glyph): a lock taken (▲) or given back (▽),
// an item or message going in (●) or out (○), the shared counter read (small ○) or written
// (small ●), a signal sent (◆) or handled (◇), a cross where a process or thread was ended.
enum class Marker : std::uint8_t {
    None,
    LockTaken,
    LockGiven,
    ItemIn,
    ItemOut,
    SharedRead,
    SharedWrite,
    SignalSent,
    SignalHandled,
    Cross
};

// What a kind is in a process's life (ProcessFacts, the process tree): a fork, an exec, the
// end of a process (killed when its status says a signal ended it), a parent waiting for a child
// (the reap), a child ended and not yet waited for, an orphan handed to a new parent, a fault
// that ends the whole process, a thread cut off because its process ended.
enum class ProcessStep : std::uint8_t {
    None,
    Fork,
    Exec,
    Exit,
    Reap,
    Zombie,
    Reparent,
    Fault,
    CutOff
};

// What a kind does to a message-carrying object (a pipe, FIFO, socket or message queue;
// PipeModel): a message goes in or comes out, the writer or the reader blocks (full or empty),
// the reader learns there is no more.
enum class MessageStep : std::uint8_t { None, Send, Receive, SendBlocks, ReceiveBlocks, End };

// What a kind does to a signal (SignalModel): sent (pending until handled), handled, blocked or
// unblocked by its receiver (a != 0: blocked), pending or no longer (a != 0: pending), or waited
// for (sigsuspend: the signal's own state is unchanged).
enum class SignalStep : std::uint8_t { None, Send, Handled, Block, Pending, Wait };

// Which side of a bounded buffer a wait is for (the waits_on_empty and waits_on_full measures):
// an item (the buffer is empty) or room (it is full); ByRole: the object's role says (a
// condition or semaphore counting items or spaces); ByA: the payload says (a = 1: an item).
enum class BufferWait : std::uint8_t { None, Empty, Full, ByRole, ByA };

// What a kind does to a shared variable (the lost_updates and final_value measures): reads it,
// or writes it (a = the value written).
enum class SharedAccess : std::uint8_t { None, Read, Write };

struct KindInfo {
    EventKind kind;
    std::string_view name;
    KindGroup group;
    StateEffect effect;
    ValueField value;
    std::string_view caption;
    AltWhen altWhen = AltWhen::Never;
    std::string_view alt = {};
    Hold hold = {};
    StepPhrase step = {};
    LinkEnd link = {};
    Marker marker = Marker::None;
    ProcessStep process = ProcessStep::None;
    MessageStep message = MessageStep::None;
    SignalStep signal = SignalStep::None;
    BufferWait wait = BufferWait::None;
    SharedAccess shared = SharedAccess::None;
};

// clang-format off
inline constexpr std::array<KindInfo, static_cast<std::size_t>(EventKind::Count_)> kKinds = {{
    {EventKind::None, "none", KindGroup::Note, StateEffect::None, ValueField::B, ""},
    {EventKind::ActorStart, "actor_start", KindGroup::Lifecycle, StateEffect::None, ValueField::B,
     "{who} starts"},
    {EventKind::ActorExit, "actor_exit", KindGroup::Lifecycle, StateEffect::ActorExit, ValueField::A,
     "{who} finishes"},
    {EventKind::ThreadCreate, "thread_create", KindGroup::Lifecycle, StateEffect::None, ValueField::A,
     "{who} creates {actorA}"},
    {EventKind::JoinRequest, "join_request", KindGroup::Lifecycle, StateEffect::ToJoinWait,
     ValueField::A, "{who} waits for {actorA} to finish",
     AltWhen::Never, {}, {}, {"join {argActor}", StepAlt::NoArgActor, "join a thread"}},
    {EventKind::Joined, "joined", KindGroup::Lifecycle, StateEffect::ToRunning, ValueField::A,
     "{who} has joined {actorA}"},
    {EventKind::ProcessFork, "process_fork", KindGroup::Process, StateEffect::None, ValueField::A,
     "{who} forks {actorB} (pid {a}): a copy of itself",
     AltWhen::Never, {}, {}, {"fork a child process"}, {}, Marker::None, ProcessStep::Fork},
    {EventKind::ProcessExit, "process_exit", KindGroup::Process, StateEffect::ProcessExit,
     ValueField::ExitCode, "process {a} {status}",
     AltWhen::Never, {}, {}, {}, {}, Marker::None, ProcessStep::Exit},
    {EventKind::ProcessWait, "process_wait", KindGroup::Process, StateEffect::ToJoinWait,
     ValueField::A, "{who} waits for {procA} to end", AltWhen::ANegative,
     "{who} waits for a child process to end", {},
     {"wait for process {arg}", StepAlt::ArgNegative, "wait for a child process"}, {},
     Marker::None, ProcessStep::Reap},
    {EventKind::ProcessReparent, "process_reparent", KindGroup::Process, StateEffect::None,
     ValueField::B,
     "{who} is orphaned: its parent ended, and the kernel makes {procB}, the run's subreaper, its "
     "new parent",
     AltWhen::Never, {}, {}, {}, {}, Marker::None, ProcessStep::Reparent},
    {EventKind::LockRequest, "lock_request", KindGroup::Mutex, StateEffect::LockRequest,
     ValueField::B, "{who} asks for {object}",
     AltWhen::Never, {}, {Holding::Mutex, ObjectStep::Request},
     {"lock {object}", StepAlt::ArgOne, "try to lock {object}"}},
    {EventKind::LockAcquired, "lock_acquired", KindGroup::Mutex, StateEffect::LockAcquired,
     ValueField::B, "{who} takes {object}", AltWhen::BNonZero, "{who} gets {object} after waiting",
     {Holding::Mutex, ObjectStep::Acquire}, {}, {},
     Marker::LockTaken},
    {EventKind::LockReleased, "lock_released", KindGroup::Mutex, StateEffect::None, ValueField::B,
     "{who} releases {object}",
     AltWhen::Never, {}, {Holding::Mutex, ObjectStep::Release}, {"unlock {object}"}, {},
     Marker::LockGiven},
    {EventKind::CondWait, "cond_wait", KindGroup::Condition, StateEffect::ToCondWait, ValueField::B,
     "{who} waits on {object}",
     AltWhen::Never, {}, {Holding::Condition, ObjectStep::Request}, {"wait on {object}"}, {},
     Marker::None, ProcessStep::None, MessageStep::None, SignalStep::None, BufferWait::ByRole},
    {EventKind::CondWoken, "cond_woken", KindGroup::Condition, StateEffect::ToRunning,
     ValueField::B, "{who} wakes up ({object})",
     AltWhen::Never, {}, {}, {},
     {LinkFamily::Wake, false, LinkKey::Actor}},
    {EventKind::CondNotifyOne, "cond_notify_one", KindGroup::Condition, StateEffect::None,
     ValueField::A, "{who} signals {object}, waking {actorB}", AltWhen::BNegative,
     "{who} signals {object}; nobody is waiting", {Holding::Condition, ObjectStep::Notify},
     {"signal {object}"},
     {LinkFamily::Wake, true, LinkKey::B}},
    {EventKind::CondNotifyAll, "cond_notify_all", KindGroup::Condition, StateEffect::None,
     ValueField::A, "{who} wakes all {a} waiting on {object}",
     AltWhen::Never, {}, {Holding::Condition, ObjectStep::NotifyAll},
     {"wake all waiting on {object}"}},
    {EventKind::SemBlock, "sem_block", KindGroup::Semaphore, StateEffect::ToSemWait, ValueField::A,
     "{who} blocks on {object} (its value is 0)",
     AltWhen::Never, {}, {Holding::Units, ObjectStep::Request}, {}, {},
     Marker::None, ProcessStep::None, MessageStep::None, SignalStep::None, BufferWait::ByRole},
    {EventKind::SemAcquired, "sem_acquired", KindGroup::Semaphore, StateEffect::ToRunning,
     ValueField::A, "{who} passes {object} (now {a})",
     AltWhen::Never, {}, {Holding::Units, ObjectStep::Acquire}, {"acquire {object} (wait if 0)"},
     {LinkFamily::Semaphore, false, LinkKey::B}},
    {EventKind::SemReleased, "sem_released", KindGroup::Semaphore, StateEffect::None, ValueField::A,
     "{who} raises {object} (now {a})",
     AltWhen::Never, {}, {Holding::Units, ObjectStep::Release}, {"release {object}"},
     {LinkFamily::Semaphore, true, LinkKey::B}},
    {EventKind::QueuePut, "queue_put", KindGroup::Queue, StateEffect::None, ValueField::A,
     "{who} puts item {a} in slot {slot} ({occupancy}/{capacity} full)",
     AltWhen::Never, {}, {}, {},
     {LinkFamily::Item, true, LinkKey::A},
     Marker::ItemIn},
    {EventKind::QueueGet, "queue_get", KindGroup::Queue, StateEffect::None, ValueField::A,
     "{who} takes item {a} from slot {slot} ({occupancy}/{capacity} full)",
     AltWhen::Never, {}, {}, {},
     {LinkFamily::Item, false, LinkKey::A},
     Marker::ItemOut},
    {EventKind::QueueClosed, "queue_closed", KindGroup::Queue, StateEffect::None, ValueField::A,
     "{who} closes {object}"},
    {EventKind::WorkBegin, "work_begin", KindGroup::Work, StateEffect::ToWorking, ValueField::AInMs,
     "{who} works for {msA} ms"},
    {EventKind::WorkEnd, "work_end", KindGroup::Work, StateEffect::ToRunning, ValueField::B, ""},
    {EventKind::Note, "note", KindGroup::Note, StateEffect::None, ValueField::B, ""},
    {EventKind::CaptureWaitBegin, "capture_wait_begin", KindGroup::Capture,
     StateEffect::StretchBegin, ValueField::B,
     "{who} waits for the recorder: its event ring is full"},
    {EventKind::CaptureWaitEnd, "capture_wait_end", KindGroup::Capture,
     StateEffect::CaptureWaitEnd, ValueField::B, "{who} goes on: the recorder made room"},
    {EventKind::LostBegin, "lost_begin", KindGroup::Capture, StateEffect::StretchBegin,
     ValueField::B, "{who}'s events start being lost (its ring is full)"},
    {EventKind::LostEnd, "lost_end", KindGroup::Capture, StateEffect::LostEnd, ValueField::A,
     "{who} lost {a} events here: what is shown around this is incomplete"},
    {EventKind::SharedRead, "shared_read", KindGroup::Shared, StateEffect::None, ValueField::A,
     "{who} reads {object}: {a}",
     AltWhen::Never, {}, {}, {"read {object}"}, {},
     Marker::SharedRead, ProcessStep::None, MessageStep::None, SignalStep::None, BufferWait::None,
     SharedAccess::Read},
    {EventKind::SharedWrite, "shared_write", KindGroup::Shared, StateEffect::None, ValueField::A,
     "{who} writes {a} to {object}", AltWhen::BNotAMinusOne,
     "{who} writes {a} to {object} over {b}: an update is lost", {}, {"write {arg} to {object}"},
     {},
     Marker::SharedWrite, ProcessStep::None, MessageStep::None, SignalStep::None, BufferWait::None,
     SharedAccess::Write},
    {EventKind::SharedAdd, "shared_add", KindGroup::Shared, StateEffect::None, ValueField::A,
     "{who} adds one to {object} in one step: {b} -> {a}",
     AltWhen::Never, {}, {}, {"add one to {object} (atomically)"}, {},
     Marker::SharedWrite, ProcessStep::None, MessageStep::None, SignalStep::None, BufferWait::None,
     SharedAccess::Write},
    {EventKind::LockTryFailed, "lock_try_failed", KindGroup::Mutex, StateEffect::None,
     ValueField::A, "{who} tries {object}, held by {actorA}: does not wait", AltWhen::ANegative,
     "{who} tries {object}; it is taken: does not wait"},
    {EventKind::CondWakes, "cond_wakes", KindGroup::Condition, StateEffect::None, ValueField::A,
     "",
     AltWhen::Never, {}, {Holding::Condition, ObjectStep::Wakes}, {},
     {LinkFamily::Wake, true, LinkKey::A}},
    {EventKind::RwReadRequest, "rw_read_request", KindGroup::RwLock, StateEffect::LockRequest,
     ValueField::B, "{who} asks to read {object}",
     AltWhen::Never, {}, {Holding::Read, ObjectStep::Request}, {"lock {object} to read"}},
    {EventKind::RwReadAcquired, "rw_read_acquired", KindGroup::RwLock, StateEffect::LockAcquired,
     ValueField::A, "{who} reads {object} ({a} reading)", AltWhen::BNonZero,
     "{who} gets to read {object} after waiting ({a} reading)",
     {Holding::Read, ObjectStep::Acquire}},
    {EventKind::RwReadReleased, "rw_read_released", KindGroup::RwLock, StateEffect::None,
     ValueField::A, "{who} stops reading {object} ({a} still reading)",
     AltWhen::Never, {}, {Holding::Read, ObjectStep::Release}, {"stop reading {object}"}},
    {EventKind::RwWriteRequest, "rw_write_request", KindGroup::RwLock, StateEffect::LockRequest,
     ValueField::B, "{who} asks to write {object}",
     AltWhen::Never, {}, {Holding::Write, ObjectStep::Request}, {"lock {object} to write"}},
    {EventKind::RwWriteAcquired, "rw_write_acquired", KindGroup::RwLock,
     StateEffect::LockAcquired, ValueField::B, "{who} writes {object}, alone", AltWhen::BNonZero,
     "{who} gets to write {object} after waiting, alone", {Holding::Write, ObjectStep::Acquire}},
    {EventKind::RwWriteReleased, "rw_write_released", KindGroup::RwLock, StateEffect::None,
     ValueField::B, "{who} stops writing {object}",
     AltWhen::Never, {}, {Holding::Write, ObjectStep::Release}, {"stop writing {object}"}},
    {EventKind::SpinBegin, "spin_begin", KindGroup::Spin, StateEffect::ToSpinning, ValueField::A,
     "{who} polls {object} in a loop, on the CPU, for room", AltWhen::ANonZero,
     "{who} polls {object} in a loop, on the CPU, for an item", {}, {}, {},
     Marker::None, ProcessStep::None, MessageStep::None, SignalStep::None, BufferWait::ByA},
    {EventKind::SpinEnd, "spin_end", KindGroup::Spin, StateEffect::ToRunning, ValueField::A,
     "{who} stops polling {object} after {a} checks"},
    {EventKind::CpuTime, "cpu_time", KindGroup::Measure, StateEffect::None, ValueField::AInMs, ""},
    {EventKind::MsgSend, "msg_send", KindGroup::Message, StateEffect::ToRunning, ValueField::A,
     "{who} sends message {a}{priority} into {object}{level}",
     AltWhen::Never, {}, {}, {"send message {arg} into {object}"},
     {LinkFamily::Message, true, LinkKey::A},
     Marker::ItemIn, ProcessStep::None, MessageStep::Send},
    {EventKind::MsgReceive, "msg_receive", KindGroup::Message, StateEffect::ToRunning,
     ValueField::A, "{who} takes message {a}{priority} out of {object}{level}",
     AltWhen::Never, {}, {}, {"receive a message from {object}"},
     {LinkFamily::Message, false, LinkKey::A},
     Marker::ItemOut, ProcessStep::None, MessageStep::Receive},
    {EventKind::MsgSendBlocks, "msg_send_blocks", KindGroup::Message, StateEffect::ToIpcWait,
     ValueField::A, "{who} waits in {send}: {object} is full{level}",
     AltWhen::Never, {}, {}, {}, {}, Marker::None, ProcessStep::None, MessageStep::SendBlocks,
     SignalStep::None, BufferWait::Full},
    {EventKind::MsgReceiveBlocks, "msg_receive_blocks", KindGroup::Message, StateEffect::ToIpcWait,
     ValueField::A, "{who} waits in {receive}: {object} is empty",
     AltWhen::Never, {}, {}, {}, {}, Marker::None, ProcessStep::None, MessageStep::ReceiveBlocks,
     SignalStep::None, BufferWait::Empty},
    {EventKind::MsgEnd, "msg_end", KindGroup::Message, StateEffect::ToRunning, ValueField::A,
     "{who} sees the end of {object}: {end} ({a} messages in all)",
     AltWhen::Never, {}, {}, {}, {}, Marker::None, ProcessStep::None, MessageStep::End},
    {EventKind::ProcessZombie, "process_zombie", KindGroup::Process, StateEffect::None,
     ValueField::A, "{procA} has ended: a zombie (its pid and exit status kept) until its parent "
     "waits for it",
     AltWhen::Never, {}, {}, {"wait until process {arg} has ended"}, {}, Marker::None,
     ProcessStep::Zombie},
    {EventKind::ProcessFault, "process_fault", KindGroup::Process, StateEffect::None,
     ValueField::A, "{who} writes to memory it may not touch: the kernel answers with signal {a} "
     "(SIGSEGV), which ends its whole process, every thread in it", AltWhen::Never, {}, {}, {}, {},
     Marker::Cross, ProcessStep::Fault},
    {EventKind::SignalSend, "signal_send", KindGroup::Signal, StateEffect::None, ValueField::B,
     "{who} sends {object} #{b} to {procA}",
     AltWhen::Never, {}, {}, {"send {object} to process {arg}"},
     {LinkFamily::Signal, true, LinkKey::B},
     Marker::SignalSent, ProcessStep::None, MessageStep::None, SignalStep::Send},
    {EventKind::SignalHandled, "signal_handled", KindGroup::Signal, StateEffect::ToRunning,
     ValueField::B, "{who}'s handler runs for {object} #{b}, sent by {procA}",
     AltWhen::Never, {}, {}, {},
     {LinkFamily::Signal, false, LinkKey::B},
     Marker::SignalHandled, ProcessStep::None, MessageStep::None, SignalStep::Handled},
    {EventKind::SignalBlocked, "signal_blocked", KindGroup::Signal, StateEffect::None,
     ValueField::A, "{who} unblocks {object}: what is pending is delivered now", AltWhen::ANonZero,
     "{who} blocks {object}: one sent now waits, pending, until it is unblocked", {}, {}, {},
     Marker::None, ProcessStep::None, MessageStep::None, SignalStep::Block},
    {EventKind::SignalPending, "signal_pending", KindGroup::Signal, StateEffect::None,
     ValueField::A, "{object} is no longer pending for {who}", AltWhen::ANonZero,
     "{object} is pending for {who}: sent, blocked, not delivered yet", {}, {}, {},
     Marker::None, ProcessStep::None, MessageStep::None, SignalStep::Pending},
    {EventKind::SignalWait, "signal_wait", KindGroup::Signal, StateEffect::ToIpcWait,
     ValueField::A, "{who} sleeps until a signal comes",
     AltWhen::Never, {}, {}, {}, {}, Marker::None, ProcessStep::None, MessageStep::None,
     SignalStep::Wait},
    {EventKind::VariableAt, "variable_at", KindGroup::Memory, StateEffect::None, ValueField::A,
     "{who} finds {object} at address {hexA} of its own memory"},
    {EventKind::MemoryPages, "memory_pages", KindGroup::Memory, StateEffect::None, ValueField::B,
     "{who}'s {object}: {a} KiB still shared with another process, {b} KiB its own (copied "
     "when written)"},
    {EventKind::ProcessExec, "process_exec", KindGroup::Process, StateEffect::None, ValueField::A,
     "{who} replaces itself with the program {object} (exec): the same process, pid {a}, runs "
     "another program now, which records nothing",
     AltWhen::Never, {}, {}, {}, {}, Marker::None, ProcessStep::Exec},
    {EventKind::GilRequest, "gil_request", KindGroup::Gil, StateEffect::ToGilWait, ValueField::A,
     "{who} wants {object} to compute, but {actorA} holds it: waits"},
    {EventKind::GilDropRequest, "gil_drop_request", KindGroup::Gil, StateEffect::None,
     ValueField::A, "{who} has waited a whole switch interval: asks {actorA} to drop {object}"},
    {EventKind::GilAcquired, "gil_acquired", KindGroup::Gil, StateEffect::ToRunning, ValueField::A,
     "{who} takes {object} and computes"},
    {EventKind::GilReleased, "gil_released", KindGroup::Gil, StateEffect::None, ValueField::A,
     "{who} drops {object}"},
    {EventKind::IoWaitBegin, "io_wait_begin", KindGroup::Io, StateEffect::ToIpcWait,
     ValueField::AInMs, "{who} waits {msA} in the kernel, as for a slow read: the CPU is free"},
    {EventKind::IoWaitEnd, "io_wait_end", KindGroup::Io, StateEffect::ToRunning, ValueField::B,
     ""},
    {EventKind::MeasureResult, "measure_result", KindGroup::Measure, StateEffect::None,
     ValueField::AInMs, ""},
    {EventKind::MeasureSample, "measure_sample", KindGroup::Measure, StateEffect::None,
     ValueField::A, ""},
    {EventKind::CheckpointWait, "checkpoint_wait", KindGroup::Schedule, StateEffect::ToTurnWait,
     ValueField::A, "{who} waits for its turn"},
    {EventKind::CheckpointPass, "checkpoint_pass", KindGroup::Schedule, StateEffect::ToRunning,
     ValueField::A, "{who} is given step {a}", AltWhen::ANegative,
     "{who} goes on by itself: the run is no longer scheduled by hand"},
    {EventKind::ThreadCutOff, "thread_cut_off", KindGroup::Lifecycle, StateEffect::ActorExit,
     ValueField::A, "{who} is cut off where it was: its process has ended, and no thread of a "
     "process outlives it", AltWhen::Never, {}, {}, {}, {},
     Marker::Cross, ProcessStep::CutOff},
}};
// clang-format on

constexpr bool kindsInOrder() {
    for (std::size_t i = 0; i < kKinds.size(); ++i)
        if (static_cast<std::size_t>(kKinds[i].kind) != i || kKinds[i].name.empty()) return false;
    return true;
}
static_assert(kindsInOrder(), "kKinds must have one row per EventKind, in enumerator order");

// The row of a kind; the `none` row for a value outside the enumeration.
constexpr const KindInfo& kindInfo(EventKind kind) {
    const auto i = static_cast<std::size_t>(kind);
    return i < kKinds.size() ? kKinds[i] : kKinds[0];
}

}  // namespace interleave
