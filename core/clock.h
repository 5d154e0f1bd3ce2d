#pragma once
// One time base for every process of a run. Writers stamp events with raw ticks, because the
// hot path must stay within 2x of an uncontended mutex pair and clock_gettime() alone costs more
// than that. On x86-64 with an invariant TSC the tick is the TSC, which all cores and all
// processes share; elsewhere it is CLOCK_MONOTONIC in ns. The channel stores one TimeBase that
// readers use to turn ticks into nanoseconds since the run began.

#include <cstdint>

#if defined(__x86_64__)
#include <x86intrin.h>
#endif

namespace interleave {

// Decided once at start-up from /proc/cpuinfo; read on every ticks() call.
extern bool g_interleaveUseTsc;

// __extension__ keeps -pedantic quiet about the GCC/Clang 128-bit integer.
__extension__ typedef __int128 Int128;

struct TimeBase {
    std::uint64_t tick0 = 0;         // tick at the origin of the run
    std::int64_t mono0Ns = 0;        // CLOCK_MONOTONIC at the same instant
    std::uint64_t nsPerTickQ32 = 0;  // nanoseconds per tick, 32.32 fixed point
    std::uint32_t usesTsc = 0;

    // Nanoseconds since the origin. Ticks taken before the origin map to negative values.
    std::int64_t toNs(std::uint64_t tick) const {
        const auto delta = static_cast<Int128>(static_cast<std::int64_t>(tick - tick0));
        return static_cast<std::int64_t>((delta * static_cast<Int128>(nsPerTickQ32)) >> 32);
    }
};

std::int64_t monotonicNs();

// Whether ticks() reads the TSC in this build on this CPU (checked once, cached).
bool tscUsable();

// The current tick. rdtscp rather than rdtsc: it waits for earlier instructions, so a stamp
// taken right after a lock is acquired cannot be taken before the acquisition completed.
inline std::uint64_t ticks() {
#if defined(__x86_64__)
    if (g_interleaveUseTsc) {
        unsigned aux;
        return __rdtscp(&aux);
    }
#endif
    return static_cast<std::uint64_t>(monotonicNs());
}

// Measures the tick rate against CLOCK_MONOTONIC once per process (a few milliseconds), then
// returns a time base whose origin is "now".
TimeBase makeTimeBase();

}  // namespace interleave
