#pragma once
#include <atomic>
#include <cstdint>
#include <string_view>

namespace interleave {

// A shared counter that threads change the way an unsynchronised `counter = counter + 1` does:
// a read, then (after whatever the thread does in between) a write of what it computed. Both
// are relaxed atomics, so the race is real and visible without being undefined behaviour. The
// write is one exchange, so each write records exactly the value it replaced: a write over a
// value its thread never read is an update lost, and the trace proves it. add() is the fix that
// needs no lock: one indivisible read-modify-write.
class TracedCounter {
  public:
    explicit TracedCounter(std::string_view name);

    std::int64_t read();
    void write(std::int64_t value);
    void add();
    std::int64_t value() const { return m_value.load(std::memory_order_relaxed); }
    std::uint32_t id() const { return m_id; }
    // In a forked child: its copy of the counter becomes an object of its own (the memory is
    // the child's, though at the same address), named `name`; records where it is.
    void becomeCopy(std::string_view name);
    // Records where the counter is in this process's memory (variable_at).
    void reportAddress() const;

  private:
    std::atomic<std::int64_t> m_value{0};
    std::uint32_t m_id;
};

}  // namespace interleave
