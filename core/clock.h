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

// CLOCK_MONOTONIC at the moment this process started (from /proc/self/stat, 10 ms resolution),
// so start-up can be measured from exec() rather than from main().
std::int64_t processStartMonotonicNs();

// Whether ticks() reads the TSC in this build on this CPU (checked once, cached).
bool tscUsable();

// The current tick: plain rdtsc, the cheapest stamp there is (~10 ns here, and most events
// need nothing more).
inline std::uint64_t ticks() {
#if defined(__x86_64__)
    if (g_interleaveUseTsc) return __rdtsc();
#endif
    return static_cast<std::uint64_t>(monotonicNs());
}

// A tick that is not read before earlier instructions complete. rdtsc may execute early, so
// a stamp taken right after acquiring a lock could otherwise predate the acquisition, and two
// owners' intervals would seem to overlap. lfence first (Intel SDM, RDTSC) closes that window;
// used for the events that order threads against each other (acquire, release, wake).
inline std::uint64_t orderedTicks() {
#if defined(__x86_64__)
    if (g_interleaveUseTsc) {
        _mm_lfence();
        return __rdtsc();
    }
#endif
    return static_cast<std::uint64_t>(monotonicNs());
}

// Measures the tick rate against CLOCK_MONOTONIC once per process (a few milliseconds), then
// returns a time base whose origin is "now".
TimeBase makeTimeBase();

}  // namespace interleave
