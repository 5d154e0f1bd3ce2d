#pragma once
// Futex waits on 32-bit atomics in the shared channel. Not FUTEX_PRIVATE: waiters and wakers
// are different processes mapping the same memfd. Linux only, like the rest of core/.

#include <atomic>
#include <cstdint>

namespace interleave {

// Sleeps while *word == expected, at most timeoutNs (< 0: no limit). Returns at once when the
// value differs; may return early (spurious wake, signal): callers re-check their condition.
void futexWait(const std::atomic<std::uint32_t>& word, std::uint32_t expected,
               std::int64_t timeoutNs);
void futexWakeAll(const std::atomic<std::uint32_t>& word);

}  // namespace interleave
