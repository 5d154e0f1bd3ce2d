#include "core/lesson/levels.h"

namespace interleave {

const std::vector<Level>& allLevels() {
    // Zero simulated work and one round each: the steps are the lock, read, write and signal
    // calls themselves, so that every order is a few dozen runs.
    static const std::vector<Level> levels = {
        {"lose-an-update",
         "Lose an update",
         "C10",
         "race-condition",
         {"threads=2", "increments=2", "think_ms=0", "variant=none"},
         Goal::LostUpdate,
         "variant",
         "mutex",
         "the lock makes read-add-write one step that nobody can cut into"},
        {"lost-update-atomic",
         "Lose an update, fix it without a lock",
         "C10",
         "race-condition",
         {"threads=2", "increments=2", "think_ms=0", "variant=none"},
         Goal::LostUpdate,
         "variant",
         "atomic",
         "an atomic increment reads, adds and writes in one instruction: no write can land "
         "between"},
        {"two-inside",
         "Two threads inside at once",
         "C10",
         "race-condition",
         {"threads=2", "increments=2", "think_ms=0", "variant=none"},
         Goal::TwoInside,
         "variant",
         "atomic",
         "an atomic increment has no inside: reading and writing are one instruction"},
        {"one-place",
         "Two workers past the door",
         "C10",
         "semaphore-pool",
         {"workers=2", "permits=2", "rounds=1", "work_ms=0", "rest_ms=0"},
         Goal::TwoInside,
         "permits",
         "1",
         "a semaphore of one permit is a mutex: one inside, the other waits"},
        {"deadlock-mutexes",
         "Deadlock two threads",
         "C14",
         "deadlock",
         {"threads=2", "hold_ms=0", "rounds=1", "through=mutex", "fix=none"},
         Goal::Deadlock,
         "fix",
         "lock-order",
         "when both take the locks in one global order, nobody can hold one the other needs "
         "while waiting for it"},
        {"deadlock-rwlocks",
         "Deadlock with reader-writer locks",
         "C14",
         "deadlock",
         {"threads=2", "hold_ms=0", "rounds=1", "through=rwlock", "fix=none"},
         Goal::Deadlock,
         "fix",
         "lock-order",
         "a write lock excludes like a mutex; the same order fixes it"},
        {"writer-starved",
         "Starve a writer",
         "C10",
         "reader-writer",
         {"readers=2", "writers=1", "rounds=1", "read_ms=0", "write_ms=0", "rest_ms=0",
          "prefer=readers"},
         Goal::WriterStarved,
         "prefer",
         "writers",
         "a writer-preferring lock makes readers who come after a waiting writer wait too"},
        {"full-buffer",
         "Fill the buffer",
         "C10",
         "producer-consumer",
         {"producers=1", "consumers=1", "capacity=1", "items=2", "produce_ms=0", "consume_ms=0",
          "variant=condvar"},
         Goal::WaitsOnFull,
         "capacity",
         "2",
         "with room for every item the producer makes, it never has to wait"},
        {"full-buffer-semaphores",
         "Fill the buffer guarded by semaphores",
         "C10",
         "producer-consumer",
         {"producers=1", "consumers=1", "capacity=1", "items=2", "produce_ms=0", "consume_ms=0",
          "variant=semaphore"},
         Goal::WaitsOnFull,
         "capacity",
         "2",
         "the free-slots semaphore starts at the capacity: two permits for two items"},
        {"one-place-processes",
         "Two processes past the door",
         "C9",
         "semaphore",
         {"workers=2", "permits=2", "rounds=1", "work_ms=0", "rest_ms=0"},
         Goal::TwoInside,
         "permits",
         "1",
         "a process-shared semaphore of one permit lets one process in at a time"},
    };
    return levels;
}

const Level* findLevel(std::string_view id) {
    for (const auto& l : allLevels())
        if (l.id == id) return &l;
    return nullptr;
}

std::vector<std::string> brokenParams(const Level& level) {
    return level.params;
}

std::vector<std::string> fixedParams(const Level& level) {
    auto out = level.params;
    const auto prefix = level.fixParam + "=";
    bool set = false;
    for (auto& p : out)
        if (p.rfind(prefix, 0) == 0) p = fixText(level), set = true;
    if (!set) out.push_back(fixText(level));
    return out;
}

std::string fixText(const Level& level) {
    return level.fixParam + "=" + level.fixValue;
}

}  // namespace interleave
