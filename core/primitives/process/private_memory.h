#pragma once
// Memory of one process that fork() copies: an anonymous private mapping, every page written
// before the fork so that it is resident. After fork() parent and child each see "their own"
// copy, but the kernel shares the pages until one of them writes a page: copy on write. This
// reports, from /proc/self/smaps, how much of the mapping is still shared and how much is this
// process's own.

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace interleave {

class PrivateMemory {
  public:
    // Throws std::runtime_error when the mapping cannot be made.
    PrivateMemory(std::string_view name, std::size_t kib);
    ~PrivateMemory();
    PrivateMemory(const PrivateMemory&) = delete;
    PrivateMemory& operator=(const PrivateMemory&) = delete;

    // Writes one byte in each page of the first `kib` KiB: each page written is copied.
    void write(std::size_t kib, std::uint8_t value);
    // Records memory_pages: KiB shared with another process, and this process's own.
    void reportPages() const;
    std::uint32_t id() const { return m_id; }

  private:
    std::uint8_t* m_bytes = nullptr;
    std::size_t m_size = 0;
    std::uint32_t m_id = 0;
};

}  // namespace interleave
