#pragma once
// A bounded buffer in memory shared by processes: slots of 8-byte items in an anonymous shared
// mapping made before fork(), guarded by three process-shared semaphores in the same mapping
// (free slots, filled slots, and one used as a lock), the textbook way. Every put and get is
// recorded with its slot, as the thread buffer's are, on an object of kind shared_segment.
//
// Nothing to clean up when a run is killed: the mapping has no name and dies with its last user.

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>

#include "core/primitives/ipc/shared_semaphore.h"

namespace interleave {

class SharedRing {
  public:
    // Throws std::runtime_error when the mapping or a semaphore cannot be made.
    SharedRing(const std::string& name, std::uint32_t slots);
    ~SharedRing();
    SharedRing(const SharedRing&) = delete;
    SharedRing& operator=(const SharedRing&) = delete;

    // The next item number of the whole run (1, 2, ...), shared by every producer process.
    std::int64_t nextItem();
    // False when the run is stopping. Throws std::logic_error when the slot still holds an
    // item nobody took: the semaphores failed to keep a producer out.
    bool put(std::int64_t item);
    // Empty once the ring is closed and drained, or the run is stopping.
    std::optional<std::int64_t> get();
    // No more puts: wakes `consumers` waiting consumers so they drain what is left and end.
    void close(int consumers);

    std::uint32_t id() const { return m_id; }
    std::uint32_t capacity() const { return m_slots; }

  private:
    struct Header;
    Header* m_header = nullptr;
    std::int64_t* m_items = nullptr;
    std::uint8_t* m_full = nullptr;  // per slot: 1 while it holds an item not yet taken
    std::size_t m_bytes = 0;
    std::uint32_t m_slots;
    std::uint32_t m_id;
};

}  // namespace interleave
