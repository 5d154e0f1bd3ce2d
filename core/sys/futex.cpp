#include "core/sys/futex.h"

#include <linux/futex.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <climits>

namespace interleave {
namespace {
static_assert(sizeof(std::atomic<std::uint32_t>) == 4, "futex words are 32 bits");

auto* address(const std::atomic<std::uint32_t>& word) {
    return reinterpret_cast<std::uint32_t*>(const_cast<std::atomic<std::uint32_t>*>(&word));
}
}  // namespace

void futexWait(const std::atomic<std::uint32_t>& word, std::uint32_t expected,
               std::int64_t timeoutNs) {
    timespec ts{static_cast<time_t>(timeoutNs / 1'000'000'000),
                static_cast<long>(timeoutNs % 1'000'000'000)};
    syscall(SYS_futex, address(word), FUTEX_WAIT, expected, timeoutNs < 0 ? nullptr : &ts, nullptr,
            0);
}

void futexWakeAll(const std::atomic<std::uint32_t>& word) {
    syscall(SYS_futex, address(word), FUTEX_WAKE, INT_MAX, nullptr, nullptr, 0);
}

}  // namespace interleave
