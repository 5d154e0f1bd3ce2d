#pragma once
// One time base for every process of a run. Writers stamp events with raw ticks, because the
// hot path must stay within 2x of an uncontended mutex pair and clock_gettime() alone costs more
// than that. On x86-64 with an invariant TSC the tick is the TSC, which all cores and all
// processes share; elsewhere it is CLOCK_MONOTONIC in ns. The channel stores one TimeBase that
// readers use to turn ticks into nanoseconds since the run began.

#include <time.h>

#include <cstdint>

#if defined(__x86_64__)
#include <x86intrin.h>
#endif

namespace interleave {

// Whether this process's ticks() reads the TSC. A process that writes into a channel takes the
// channel's choice (Runtime::install), so every writer of a run stamps in one time base;
// before that it holds this machine's choice (tscUsable()).
extern bool g_interleaveUseTsc;

// __extension__ keeps -pedantic quiet about the GCC/Clang 128-bit integer.
__extension__ typedef __int128 Int128;

struct TimeBase {
    std::uint64_t tick0 = 0;         // tick at the origin of the run
    std::int64_t mono0Ns = 0;        // CLOCK_MONOTONIC at the same instant
    std::uint64_t nsPerTickQ32 = 0;  // nanoseconds per tick, 32.32 fixed point
    std::uint32_t usesTsc = 0;

    // The current tick in this time base, whatever the calling process chose for itself: for
    // readers (supervisor, window) that stamp rows or ask for "now" in a run's time base.
    std::uint64_t now() const;

    // Nanoseconds since the origin. Ticks taken before the origin map to negative values.
    std::int64_t toNs(std::uint64_t tick) const {
        const auto delta = static_cast<Int128>(static_cast<std::int64_t>(tick - tick0));
        return static_cast<std::int64_t>((delta * static_cast<Int128>(nsPerTickQ32)) >> 32);
    }
};

std::int64_t monotonicNs();

// CLOCK_REALTIME `ns` from now, as the absolute deadline sem_timedwait and mq_timedsend take.
timespec realtimeDeadline(std::int64_t ns);

// CLOCK_MONOTONIC at the moment this process started (from /proc/self/stat, 10 ms resolution),
// so start-up can be measured from exec() rather than from main().
std::int64_t processStartMonotonicNs();

// Whether a run on this machine may stamp with the TSC (checked once, cached): an x86-64 CPU
// whose TSC is invariant (constant_tsc, nonstop_tsc), a kernel that trusts it as its own clock
// source (/sys/devices/system/clocksource/clocksource0/current_clocksource is "tsc": the kernel
// has checked it is synchronised across cores), and no INTERLEAVE_CLOCK=monotonic in the
// environment. Otherwise every writer uses CLOCK_MONOTONIC.
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
inline std::uint64_t orderedTicks(bool useTsc) {
#if defined(__x86_64__)
    if (useTsc) {
        _mm_lfence();
        return __rdtsc();
    }
#endif
    (void)useTsc;
    return static_cast<std::uint64_t>(monotonicNs());
}
inline std::uint64_t orderedTicks() {
    return orderedTicks(g_interleaveUseTsc);
}

// The time base of a new run, whose origin is "now": the TSC when tscUsable(), measured
// against CLOCK_MONOTONIC once per process (a few milliseconds), else CLOCK_MONOTONIC itself.
TimeBase makeTimeBase();
TimeBase makeTimeBase(bool useTsc);

}  // namespace interleave
