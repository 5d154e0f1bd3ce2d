#include "core/sys/clock.h"

#include "core/sys/proc_stat.h"

#include <unistd.h>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <mutex>
#include <string>

namespace interleave {

namespace {
bool kernelClockIsTsc() {
    std::ifstream in("/sys/devices/system/clocksource/clocksource0/current_clocksource");
    std::string source;
    return static_cast<bool>(in >> source) && source == "tsc";
}

bool detectTsc() {
    if (const char* forced = std::getenv("INTERLEAVE_CLOCK");
        forced && std::string(forced) == "monotonic")
        return false;
    if (!kernelClockIsTsc()) return false;
#if defined(__x86_64__)
    // constant_tsc + nonstop_tsc together mean the TSC ticks at one rate on every core in every
    // power state, which is what makes it a shared time base.
    std::ifstream in("/proc/cpuinfo");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("flags", 0) == 0) {
            auto has = [&](const char* f) {
                return line.find(std::string(" ") + f + " ") != std::string::npos ||
                       line.ends_with(std::string(" ") + f);
            };
            return has("constant_tsc") && has("nonstop_tsc") && has("rdtscp");
        }
    }
#endif
    return false;
}
}  // namespace

bool tscUsable() {
    static const bool usable = detectTsc();
    return usable;
}

bool g_interleaveUseTsc = tscUsable();

std::uint64_t TimeBase::now() const {
    return orderedTicks(usesTsc != 0);
}

std::int64_t monotonicNs() {
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<std::int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

timespec realtimeDeadline(std::int64_t ns) {
    timespec ts{};
    clock_gettime(CLOCK_REALTIME, &ts);
    const std::int64_t total = ts.tv_nsec + ns % 1'000'000'000;
    ts.tv_sec += static_cast<time_t>(ns / 1'000'000'000 + total / 1'000'000'000);
    ts.tv_nsec = static_cast<long>(total % 1'000'000'000);
    return ts;
}

std::int64_t processStartMonotonicNs() {
    const auto self = readProcStat(0);
    if (!self) return monotonicNs();
    const auto startTicks = self->startTicks;
    timespec boot{}, mono{};
    clock_gettime(CLOCK_BOOTTIME, &boot);
    clock_gettime(CLOCK_MONOTONIC, &mono);
    const std::int64_t bootNs =
        static_cast<std::int64_t>(boot.tv_sec) * 1'000'000'000 + boot.tv_nsec;
    const std::int64_t monoNs =
        static_cast<std::int64_t>(mono.tv_sec) * 1'000'000'000 + mono.tv_nsec;
    const std::int64_t startBootNs =
        static_cast<std::int64_t>(startTicks) * (1'000'000'000 / sysconf(_SC_CLK_TCK));
    return monoNs - (bootNs - startBootNs);
}

TimeBase makeTimeBase() {
    return makeTimeBase(tscUsable());
}

TimeBase makeTimeBase(bool useTsc) {
    TimeBase base;
    base.usesTsc = useTsc ? 1 : 0;
    base.nsPerTickQ32 = std::uint64_t{1} << 32;
#if defined(__x86_64__)
    static std::once_flag once;
    static std::uint64_t rateQ32 = std::uint64_t{1} << 32;
    if (useTsc) {
        std::call_once(once, [] {
            // Bracket each clock read between two tick reads and keep the tightest pair, so
            // the pairing error is a few tens of ns over a 5 ms window (~1e-5 relative).
            auto sample = [](std::uint64_t& tick, std::int64_t& ns) {
                std::uint64_t best = ~0ull;
                for (int i = 0; i < 16; ++i) {
                    const auto t0 = __rdtsc();
                    const auto m = monotonicNs();
                    const auto t1 = __rdtsc();
                    if (t1 - t0 < best) {
                        best = t1 - t0;
                        tick = t0 + (t1 - t0) / 2;
                        ns = m;
                    }
                }
            };
            std::uint64_t ta = 0, tb = 0;
            std::int64_t na = 0, nb = 0;
            sample(ta, na);
            while (monotonicNs() - na < 5'000'000) {
            }
            sample(tb, nb);
            const auto dt = static_cast<double>(tb - ta);
            const auto dn = static_cast<double>(nb - na);
            rateQ32 = static_cast<std::uint64_t>(dn / dt * 4294967296.0);
        });
        base.nsPerTickQ32 = rateQ32;
    }
#else
    base.usesTsc = 0;
#endif
    base.tick0 = base.now();
    base.mono0Ns = monotonicNs();
    return base;
}

}  // namespace interleave
