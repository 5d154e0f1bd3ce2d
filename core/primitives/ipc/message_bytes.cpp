#include "core/primitives/ipc/message_bytes.h"

#include <cstring>
#include <stdexcept>

namespace interleave {
namespace {

std::uint8_t patternByte(std::int64_t number, std::size_t i) {
    return static_cast<std::uint8_t>(static_cast<std::uint64_t>(number) * 31u + i);
}

}  // namespace

void fillMessage(std::uint8_t* buf, std::size_t size, std::int64_t number) {
    std::memcpy(buf, &number, sizeof number);
    for (std::size_t i = sizeof number; i < size; ++i)
        buf[i] = patternByte(number, i);
}

std::int64_t checkedMessageNumber(const std::uint8_t* buf, std::size_t size,
                                  const std::string& where) {
    std::int64_t number = 0;
    std::memcpy(&number, buf, sizeof number);
    for (std::size_t i = sizeof number; i < size; ++i)
        if (buf[i] != patternByte(number, i))
            throw std::runtime_error("message " + std::to_string(number) + " arrived changed in " +
                                     where + " at byte " + std::to_string(i));
    return number;
}

}  // namespace interleave
