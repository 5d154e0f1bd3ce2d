// libFuzzer target: the native trace loader on arbitrary bytes, then every lookup a view makes
// on what it accepted. Built by the `fuzz` preset (clang); see docs/trace-format.md.

#include <cstddef>
#include <cstdint>
#include <string>

#include "core/trace_native.h"

using namespace interleave;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    const auto loaded = parseNativeTrace(bytes, "fuzz");
    if (!loaded.store) return 0;
    const auto& s = *loaded.store;
    const auto order = s.timeOrder();
    std::int64_t sum = 0;
    for (const auto i : order)
        sum += s.row(i).a;
    for (const auto& a : s.actors()) {
        const auto n = s.actorEventCount(a.id);
        for (std::size_t k = 0; k < n; ++k)
            sum += s.ns(s.actorEvent(a.id, k));
        sum += static_cast<std::int64_t>(s.actorLowerBound(a.id, sum & 0xffff));
    }
    for (const auto& o : s.objects())
        sum += static_cast<std::int64_t>(s.objectName(o.id).size());
    return sum == 42 ? 0 : 0;
}
