#pragma once
// The one event schema shared by every writer (lab threads, forked children) and every reader
// (supervisor, trace files, GUI). Changing a record layout or the meaning of a kind means
// bumping kProtocolVersion: readers refuse channels of another version, and trace files outside
// kOldestTraceVersion..kProtocolVersion.

#include <cstdint>
#include <optional>
#include <string_view>
#include <type_traits>

namespace interleave {

// 3: objects carry their role and owner (ObjectRole).
// 4: shared variables (object kind `variable`; shared_read, shared_write, shared_add), appended
//    after every older kind, so version 2 and 3 traces read as before.
// 5: lock_try_failed (a try_lock that found the mutex taken) and cond_wakes (one per thread a
//    notify_all wakes), appended likewise; sem_released's b counts the threads blocked on it;
//    reader-writer locks (object kind rwlock, rw_* kinds).
// 6: busy waiting (spin_begin, spin_end) and per-thread CPU time (cpu_time), appended likewise.
// 7: messages through kernel objects (msg_*: pipes first) and zombies seen (process_zombie),
//    appended likewise.
// 8: a msg_* record's b carries a message queue's priority in its high half (0 elsewhere, so
//    version 7 records read the same); process_fault (a thread about to crash its process);
//    signals (object kind `signal`; signal_send, signal_handled, signal_blocked,
//    signal_pending, signal_wait); memory (object kind `memory`; variable_at, memory_pages);
//    process_exec (object kind `program`).
// 9: no new kinds; a trace file carries the run's description (scenario, parameters, program,
//    cores, speed, duration, annotations) after its strings.
// 10: manual scheduling (checkpoint_wait, checkpoint_pass), appended; the channel's actor
//     table carries a grant futex per actor.
// 11: thread_cut_off (a thread still running when its process ended normally), appended; a
//     msg_send is stamped before its call and carries the fill its write leaves.
inline constexpr std::uint32_t kProtocolVersion = 11;
// Version 2 traces have the same records, with zeros where role and owner now are.
inline constexpr std::uint32_t kOldestTraceVersion = 2;

// Kinds are grouped by the object they concern. A new kind is an enumerator here plus its row
// in kKinds (core/event_kinds.h: name, group, state effect, trace value, caption), which a
// static_assert keeps in this order, and its row in docs/trace-format.md (payload words).
enum class EventKind : std::uint16_t {
    None = 0,
    // Lifecycle of actors (threads) and processes.
    ActorStart,       // a = parent actor (or kNoActor), b = 1 if this actor is a process main
    ActorExit,        // a = return code
    ThreadCreate,     // a = new actor id
    JoinRequest,      // a = actor being joined
    Joined,           // a = actor joined
    ProcessFork,      // a = child pid, b = child's main actor
    ProcessExit,      // a = pid, b = encoded status (see exitStatus*)
    ProcessWait,      // a = pid waited for
    ProcessReparent,  // a = pid, b = new parent pid
    // Mutex.
    LockRequest,   // object = mutex
    LockAcquired,  // b = 1 if the caller had to wait
    LockReleased,
    // Condition variable.
    CondWait,       // a = mutex object released while waiting
    CondWoken,      // a = mutex object re-acquired
    CondNotifyOne,  // a = waiters at the time of the call, b = actor woken (-1: none)
    CondNotifyAll,  // a = waiters at the time of the call
    // Counting semaphore.
    SemBlock,     // a = value seen (0): the caller blocks
    SemAcquired,  // a = value its decrement left, b = 1 if the caller had blocked
    SemReleased,  // a = value its increment left, b = threads blocked on it (one may now pass)
    // Bounded queue.
    QueuePut,     // a = item, b = slot << 32 | occupancy after
    QueueGet,     // a = item, b = slot << 32 | occupancy after
    QueueClosed,  // a = occupancy when closed
    // Simulated work and sleeping.
    WorkBegin,  // a = requested duration in ns at speed 1
    WorkEnd,
    // Free-form annotation: a = string offset in the arena (a caption a scenario wants shown).
    Note,
    // Capture itself. Written by the ring writer, never by a scenario.
    CaptureWaitBegin,  // lossless mode: the ring was full, this thread waits for the reader
    CaptureWaitEnd,    // ... and has room again
    LostBegin,         // drop mode: the first event this actor's ring could not take
    LostEnd,           // the ring takes events again; a = events lost in between
    // A shared variable (object = the variable). Appended after the capture kinds: older traces
    // keep their numbers.
    SharedRead,   // a = the value read
    SharedWrite,  // a = the value written, b = the value it replaced (one atomic exchange)
    SharedAdd,    // one indivisible read-modify-write: a = the value after, b = the value before
    // A try_lock that found the mutex taken (a successful one is a plain lock_acquired).
    LockTryFailed,  // object = mutex, a = the actor holding it (-1: not known)
    // Follows a cond_notify_all, once per waiter it wakes (the notifier knows them all).
    CondWakes,  // object = condition, a = the actor woken
    // Reader-writer lock (object = the lock). Requests and acquisitions work like a mutex's.
    RwReadRequest,
    RwReadAcquired,  // a = readers inside now, b = 1 if the caller had to wait
    RwReadReleased,  // a = readers still inside
    RwWriteRequest,
    RwWriteAcquired,  // b = 1 if the caller had to wait
    RwWriteReleased,
    // Busy waiting: the thread polls a condition in a loop, on the CPU, instead of sleeping.
    SpinBegin,  // object = what it polls (a queue), a = 0 waits for room, 1 for an item
    SpinEnd,    // a = how many times it polled
    // The calling thread's CPU time so far, from /proc (sampled a few times a second).
    CpuTime,  // a = ns on a CPU (user + system), b = 1 if only tick-grained (/proc/.../stat)
    // A message through a kernel object between processes (a pipe, a socket, a message queue).
    // The fill is what the kernel reports (FIONREAD for a pipe or socket, mq_curmsgs for a
    // queue), in the object's capacity units (bytes, or messages for a queue). Send and receive
    // pack the fill and the message's priority (queues only) in b: see msgFill, msgPriority.
    MsgSend,           // a = message number, b = fill this write leaves (counted before it)
    MsgReceive,        // a = message number, b = fill after the read
    MsgSendBlocks,     // no room: the write blocks in the kernel; a = fill when it found no room
    MsgReceiveBlocks,  // nothing to read: the read blocks in the kernel; a = fill (0)
    MsgEnd,            // the reader sees end of file (every writer closed); a = messages received
    // A parent saw its child as a zombie (state Z in /proc) before reaping it.
    ProcessZombie,  // a = pid
    // A thread is about to touch memory it may not use: the kernel will end its whole process.
    ProcessFault,  // a = the signal that will follow (SIGSEGV), b = the address
    // Signals between processes (object = the signal). Each is sent with sigqueue() and a number
    // of its own, which the handler receives (si_value): a delivery names the send it came from.
    SignalSend,     // a = target pid, b = the send's number
    SignalHandled,  // a = sender pid, b = the number delivered; stamped inside the handler
    SignalBlocked,  // a = 1 blocked (it will wait, pending), 0 unblocked
    SignalPending,  // a = 1 pending (sent, blocked, not delivered), 0 no longer
    SignalWait,     // the process sleeps until a signal comes (the next signal_handled ends it)
    // Memory of one process: where a variable is (its virtual address: equal in a parent and its
    // forked child, though the memory behind it is not), and how much of a mapping is still
    // shared with another process after fork() (copy on write), from /proc/self/smaps.
    VariableAt,   // object = a variable, a = its address
    MemoryPages,  // object = a mapping, a = KiB shared with another process, b = KiB its own
    // A process replaces its program (execv): same pid, a new program, untraced from here on.
    ProcessExec,  // object = the program, a = pid
    // The GIL model (object = the GIL): a lock a "Python" thread must hold to compute, dropped
    // every switch interval when another asks for it and around every blocking wait.
    GilRequest,      // the caller wants the GIL and another holds it; a = the holder
    GilDropRequest,  // the caller waited a switch interval: it asks the holder (a) to drop it
    GilAcquired,     // a = 1 if the caller had to wait
    GilReleased,     // a = why: see GilDropReason
    // A blocking wait in the kernel for a set time (a stand-in for I/O: a read of a slow device).
    IoWaitBegin,  // a = the wait in ns
    IoWaitEnd,
    // One measured repetition (the main thread's wall clock around it): a = ns, b = see
    // packMeasure (executor, workers, repetition).
    MeasureResult,
    // One measured sample of a series (object = the series): a = ns. The measurement scenarios
    // record their samples this way, one event each, and nothing else while they measure. On the
    // series named kOtherCpuSeries, b is set too: see there.
    MeasureSample,
    // Manual scheduling: the actor stops at a checkpoint and says what its next step is
    // (a = that step's kind, b = its argument, object = its object) ...
    CheckpointWait,
    // ... and passes it: a = how many grants it has passed (1, 2, ...), or -1 when it passed
    // without one (the run left manual mode or is stopping).
    CheckpointPass,
    // A thread of a process that ended normally (main returned, exit()) without ever ending
    // itself: the process's end cut it off wherever it was. Written by the supervisor when it
    // reaps the process, on the cut-off thread's lane. a = the process's pid.
    ThreadCutOff,
    Count_  // keep last
};

// b of msg_send / msg_receive: the fill in the low 32 bits, a queue message's priority above.
inline constexpr std::int64_t packMsgFill(std::int64_t fill, std::int64_t priority = 0) {
    return static_cast<std::int64_t>((static_cast<std::uint64_t>(priority) << 32) |
                                     (static_cast<std::uint64_t>(fill) & 0xffffffffu));
}
inline constexpr std::int64_t msgFill(std::int64_t b) {
    return static_cast<std::int64_t>(static_cast<std::uint64_t>(b) & 0xffffffffu);
}
inline constexpr std::int64_t msgPriority(std::int64_t b) {
    return static_cast<std::int64_t>(static_cast<std::uint64_t>(b) >> 32);
}

// a of gil_released.
enum class GilDropReason : std::int64_t {
    Done = 0,      // the thread's computation ended
    Asked = 1,     // another thread asked for it (a drop request after a switch interval)
    Blocking = 2,  // around a blocking wait (I/O): others compute meanwhile
};

// The series every measurement records one sample of at its end: a = the CPU time, in ns, that
// other programs used while it measured (the whole machine's busy time minus the lab's and its
// children's), b = the measurement's wall time, in ns. Not a distribution of times: it says
// whether the others were quiet enough for the measured times to be trusted.
inline constexpr std::string_view kOtherCpuSeries = "other programs' CPU";

// The executors of the measurement scenarios, as measure_result's b names them.
enum class Executor : std::int64_t { Sequential = 0, Threads = 1, GilThreads = 2, Processes = 3 };
inline constexpr int kExecutorCount = 4;

// b of measure_result: which executor, how many workers, which repetition (from 1).
inline constexpr std::int64_t packMeasure(std::int64_t executor, std::int64_t workers,
                                          std::int64_t repetition) {
    return (executor << 32) | ((workers & 0xffff) << 16) | (repetition & 0xffff);
}
// A repetition's time is what measure_result says unless b says another quantity above bit 48:
// what one worker of a pool costs. Readers that know only times see an executor out of range in
// such b (measureExecutor) and pass over it.
enum class WorkerCost : std::int64_t {
    StartNs = 1,    // a = ns to start one worker (the pool's start divided by its workers)
    OwnKiB = 2,     // a = KiB of memory one worker added, its own (resident, not shared)
    SharedKiB = 3,  // a = KiB of memory one worker still shares with the lab (a forked process)
};
inline constexpr std::int64_t packWorkerCost(WorkerCost what, std::int64_t executor,
                                             std::int64_t workers) {
    return (static_cast<std::int64_t>(what) << 48) | packMeasure(executor, workers, 0);
}
inline constexpr std::int64_t measureExecutor(std::int64_t b) {
    return b >> 32;
}
inline constexpr std::int64_t workerCostOf(std::int64_t b) {  // 0: a repetition's time
    return b >> 48;
}
inline constexpr std::int64_t workerCostExecutor(std::int64_t b) {
    return (b >> 32) & 0xffff;
}
inline constexpr std::int64_t measureWorkers(std::int64_t b) {
    return (b >> 16) & 0xffff;
}
inline constexpr std::int64_t measureRepetition(std::int64_t b) {
    return b & 0xffff;
}

inline constexpr std::uint32_t kNoActor = 0xffffffffu;
inline constexpr std::uint32_t kNoObject = 0;

// 32 bytes, trivially copyable: written into shared memory by one thread, copied out by another.
struct Event {
    std::uint64_t ticks;   // raw timestamp in the channel's time base (see clock.h)
    std::uint16_t actor;   // index into the actor table
    EventKind kind;        //
    std::uint32_t object;  // index into the object table, kNoObject when none
    std::int64_t a;        // payload word 1
    std::int64_t b;        // payload word 2
};
static_assert(sizeof(Event) == 32);
static_assert(std::is_trivially_copyable_v<Event>);

// What an object that events refer to is: the primitive or kernel object behind it.
enum class ObjectKind : std::uint16_t {
    None = 0,
    Mutex,
    CondVar,
    Semaphore,
    Queue,          // a bounded buffer; capacity = slots
    Pipe,           // capacity = bytes
    Fifo,           // a named pipe; capacity = bytes
    MessageQueue,   // capacity = messages
    SharedSegment,  // capacity = bytes
    Socket,
    Gil,       // the interpreter lock of the GIL model
    Variable,  // a shared variable (a counter) that threads read and write
    RwLock,    // a reader-writer lock: many readers or one writer
    Signal,    // one signal number (SIGUSR1, ...) as it travels between processes
    Memory,    // a private mapping of a process; capacity = KiB
    Program,   // a program a process runs with exec (its name is the program's path)
    Series,    // one series of measured samples (its name says what was measured)
    Count_     // keep last
};

// What an object does for the object that owns it (ObjectInfo::owner), so that views read
// meaning from the schema and never from names: waiting on a queue's Space condition means the
// queue is full, whatever the condition is called.
enum class ObjectRole : std::uint16_t {
    Own = 0,  // stands on its own
    Guard,    // the lock that protects its owner's contents
    Space,    // waited on while the owner is full (condition "not full", semaphore "free slots")
    Items,    // waited on while the owner is empty (condition "not empty", semaphore "filled")
    Count_    // keep last
};

// Actors are threads; the first actor of each process is its main thread.
enum class ActorRole : std::uint16_t { Thread = 0, ProcessMain = 1 };

// ProcessExit's `b` packs how a process ended so one word says both cases.
inline std::int64_t exitStatusExited(int code) {
    return code & 0xff;
}
inline std::int64_t exitStatusSignaled(int sig) {
    return 0x100 | (sig & 0xff);
}
inline bool exitWasSignal(std::int64_t b) {
    return (b & 0x100) != 0;
}
inline int exitCodeOrSignal(std::int64_t b) {
    return static_cast<int>(b & 0xff);
}

std::string_view kindName(EventKind kind);  // snake_case, e.g. "lock_acquired"
std::optional<EventKind> kindFromName(std::string_view name);
std::string_view objectKindName(ObjectKind kind);  // "mutex", "message_queue", ...
std::string_view objectRoleName(ObjectRole role);  // "own", "guard", "space", "items"
inline bool isValidKind(std::uint16_t raw) {
    return raw > 0 && raw < static_cast<std::uint16_t>(EventKind::Count_);
}

}  // namespace interleave
