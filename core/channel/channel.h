#pragma once
// The shared channel: one memfd mapped by the supervisor, the lab and every process the lab
// forks. Layout: header · control block · actor table · object table · string arena · rings.
// Everything inside is fixed-size and position-independent (offsets, never pointers), and all
// cross-process coordination is done with lock-free atomics, so a process that dies at any
// instruction cannot leave a lock held.

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/schema/event.h"
#include "core/sys/clock.h"

namespace interleave {

inline constexpr std::uint64_t kChannelMagic = 0x314C4E48434C5649ull;  // "IVLCHNL1"

// What a writer does when its ring is full.
enum class CaptureMode : std::uint32_t {
    // Waits (futex) until the reader makes room, and records how long as a capture_wait
    // stretch: nothing is lost, the traced thread is slowed. The default.
    Lossless = 0,
    // Drops the event and counts it, never slowing the traced thread; the drop is recorded as
    // an events_lost stretch with its count (as Perfetto's and LTTng's discard policies).
    Drop = 1,
};

// Events per thread's ring. Lossless capture needs little (a full ring only makes a writer
// wait); drop capture needs room to ride out the moments the reader is off the CPU: measured on
// 2 cores, unpaced producer-consumer lost 3% with 8192 slots and 0.2-0.8% with 32768.
inline constexpr std::uint32_t kLosslessRingSlots = 8192;
inline constexpr std::uint32_t kDropRingSlots = 32768;

struct ChannelConfig {
    std::uint32_t maxActors = 256;
    std::uint32_t ringSlots = kLosslessRingSlots;  // per actor; power of two
    std::uint32_t maxObjects = 1024;
    std::uint32_t arenaBytes = 256 * 1024;
    CaptureMode capture = CaptureMode::Lossless;
};

enum class RunState : std::uint32_t { Running = 0, Paused = 1, Stopping = 2 };

// Who decides which thread goes next. Free: the OS scheduler. Manual: every traced actor stops
// at each checkpoint until a grant addressed to it arrives (see ActorEntry::grant).
enum class ScheduleMode : std::uint32_t { Free = 0, Manual = 1 };

struct ChannelHeader {
    std::uint64_t magic;
    std::uint32_t version;
    std::uint32_t headerBytes;
    ChannelConfig config;
    std::uint64_t totalBytes;
    std::uint64_t offControl, offActors, offObjects, offArena, offRings, ringStride;
    TimeBase timeBase;
};

struct alignas(64) ControlBlock {
    std::atomic<std::uint32_t> runState;     // RunState
    std::atomic<std::uint32_t> speedMilli;   // speed factor x 1000 (speed_range.h)
    std::atomic<std::uint64_t> stepGrants;   // checkpoints allowed through while paused
    std::atomic<std::uint32_t> actorCount;   // actor slots claimed (may exceed maxActors)
    std::atomic<std::uint32_t> objectCount;  // object slots claimed; slot 0 means "none"
    std::atomic<std::uint32_t> arenaUsed;    // bytes of the string arena handed out
    std::atomic<std::int32_t> labPid;
    // Futex word the reader sleeps on when idle; a writer stuck on a full ring bumps it.
    std::atomic<std::uint32_t> readerDoorbell;
    // Losses outside the rings, each counted where it happens (see RunLosses).
    std::atomic<std::uint64_t> eventsUntraced;  // emitted by threads that got no actor slot
    std::atomic<std::uint32_t> actorsRefused;   // actor table full: a thread runs untraced
    std::atomic<std::uint32_t> forksFailed;     // fork() failed after claiming a slot
    std::atomic<std::uint32_t> objectsRefused;  // object table full: recorded as "no object"
    std::atomic<std::uint32_t> stringsRefused;  // string arena full: a name is lost
    std::atomic<std::uint32_t> schedule;        // ScheduleMode
    // Futex word a scheduler sleeps on: bumped whenever an actor arrives at a checkpoint,
    // passes one, or ends, in manual mode.
    std::atomic<std::uint32_t> scheduleDoorbell;
};

struct ActorEntry {
    std::atomic<std::uint32_t> ready;  // 1 once every other field is written
    std::int32_t pid;
    std::int32_t ppid;
    std::int32_t tid;
    std::uint32_t nameOffset;
    std::uint32_t parentActor;
    ActorRole role;
    std::uint16_t reserved;
    // A process main's re-parenting, as the kernel reported it to the process itself (its
    // parent-death signal) or, failing that, as the subreaper found it when reaping a pid it
    // had not forked. Written with lock-free atomics because the writer is a signal handler;
    // the reader turns it into a process_reparent row. reparentTicks != 0 once recorded.
    std::atomic<std::int32_t> reparentedTo;
    std::atomic<std::uint64_t> reparentTicks;
    // Manual scheduling, one futex per actor so a grant wakes exactly the actor it names, in
    // this process or a forked one. The scheduler bumps `grant`; the actor, waiting at a
    // checkpoint while grant == passed, then bumps `passed` and takes its one step. While it
    // waits, `atCheckpoint` is 1 and next* say which step it will take (see Runtime::checkpoint).
    std::atomic<std::uint32_t> grant;
    std::atomic<std::uint32_t> passed;
    std::atomic<std::uint32_t> atCheckpoint;
    std::atomic<std::uint32_t> ended;  // 1 once the actor's thread has finished
    std::atomic<std::uint32_t> nextKind;
    std::atomic<std::uint32_t> nextObject;
    std::atomic<std::int64_t> nextArg;
};

struct ObjectEntry {
    std::atomic<std::uint32_t> ready;
    ObjectKind kind;
    ObjectRole role;
    std::uint32_t nameOffset;
    std::uint32_t capacity;  // see ObjectKind; semaphore: initial value; 0 otherwise
    std::int32_t ownerPid;
    std::uint32_t owner;  // the object this one serves (ObjectRole), kNoObject when Own
};

// Head and tail on separate cache lines: the writer owns head, the reader owns tail.
struct RingHeader {
    alignas(64) std::atomic<std::uint64_t> head;     // records published by the writer
    alignas(64) std::atomic<std::uint64_t> tail;     // records consumed by the reader
    alignas(64) std::atomic<std::uint64_t> dropped;  // records the writer could not place
    std::atomic<std::uint32_t> writerWaiting;        // futex word: 1 while the writer waits
    std::atomic<std::uint64_t> waits;                // times the writer waited for room
};

static_assert(std::atomic<std::uint64_t>::is_always_lock_free);
static_assert(std::atomic<std::uint32_t>::is_always_lock_free);

class Channel {
  public:
    // Creates a memfd of the right size (close-on-exec) and maps it. Throws std::runtime_error.
    static Channel create(const ChannelConfig& config);
    // Maps an inherited fd, checking magic, protocol version and size. Throws with a message
    // that says which check failed.
    static Channel attach(int fd);

    Channel() = default;
    Channel(Channel&& other) noexcept;
    Channel& operator=(Channel&& other) noexcept;
    Channel(const Channel&) = delete;
    Channel& operator=(const Channel&) = delete;
    ~Channel();

    int fd() const { return m_fd; }
    void closeFd();  // the mapping stays valid
    bool valid() const { return m_base != nullptr; }

    ChannelHeader& header() const { return *reinterpret_cast<ChannelHeader*>(m_base); }
    const ChannelConfig& config() const { return header().config; }
    ControlBlock& control() const {
        return *reinterpret_cast<ControlBlock*>(m_base + header().offControl);
    }
    ActorEntry& actor(std::uint32_t i) const {
        return reinterpret_cast<ActorEntry*>(m_base + header().offActors)[i];
    }
    ObjectEntry& object(std::uint32_t i) const {
        return reinterpret_cast<ObjectEntry*>(m_base + header().offObjects)[i];
    }
    RingHeader& ring(std::uint32_t actor) const {
        return *reinterpret_cast<RingHeader*>(m_base + header().offRings +
                                              actor * header().ringStride);
    }
    Event* ringSlots(std::uint32_t actor) const {
        return reinterpret_cast<Event*>(reinterpret_cast<std::byte*>(&ring(actor)) +
                                        sizeof(RingHeader));
    }

    // Copies a string into the arena and returns its offset; 0 (the empty string) when full.
    std::uint32_t intern(std::string_view text) const;
    std::string_view string(std::uint32_t offset) const;

    // Claims an actor slot without publishing it (a parent does this before fork so it can name
    // the child's actor in its fork event). Returns kNoActor when the table is full.
    std::uint32_t claimActor() const;
    void publishActor(std::uint32_t index, std::string_view name, ActorRole role,
                      std::uint32_t parentActor, int pid, int ppid, int tid) const;
    std::uint32_t registerObject(ObjectKind kind, std::string_view name, std::uint32_t capacity,
                                 ObjectRole role = ObjectRole::Own,
                                 std::uint32_t owner = kNoObject) const;

    std::uint32_t actorLimit() const;   // claimed actor slots, clamped to the table size
    std::uint32_t objectLimit() const;  // claimed object slots, clamped to the table size

  private:
    Channel(int fd, std::byte* base, std::size_t size) : m_fd(fd), m_base(base), m_size(size) {}
    void release();

    int m_fd = -1;
    std::byte* m_base = nullptr;
    std::size_t m_size = 0;
};

}  // namespace interleave
