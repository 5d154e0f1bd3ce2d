#pragma once
// The bytes of a numbered message, as every IPC scenario sends it: its number first, then a
// pattern that differs from one message to the next, so that a receiver reports the number it
// really read and a torn, mixed or misordered message cannot pass its check.

#include <cstddef>
#include <cstdint>
#include <string>

namespace interleave {

inline constexpr std::size_t kMinMessageBytes = 8;  // room for the number

// Fills `size` bytes (at least kMinMessageBytes) of `buf` with message `number`.
void fillMessage(std::uint8_t* buf, std::size_t size, std::int64_t number);
// The number in `buf`; throws std::runtime_error naming `where` when any other byte is not what
// fillMessage wrote for that number.
std::int64_t checkedMessageNumber(const std::uint8_t* buf, std::size_t size,
                                  const std::string& where);

}  // namespace interleave
