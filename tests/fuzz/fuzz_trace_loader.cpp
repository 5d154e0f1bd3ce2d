// libFuzzer target: the native trace loader on arbitrary bytes, then every lookup a view makes
// on what it accepted. Built by the `fuzz` preset (clang); see docs/trace-format.md.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>

#include "core/trace/trace_native.h"

using namespace interleave;

namespace {
// The trailer's FNV-1a checksum guards against accidents, not against crafted files: recompute
// it, so mutations reach the structural checks instead of stopping at the checksum.
void reseal(std::string& bytes) {
    if (bytes.size() < 16) return;
    std::uint64_t h = 1469598103934665603ull;
    for (std::size_t i = 0; i < bytes.size() - 16; ++i) {
        h ^= static_cast<unsigned char>(bytes[i]);
        h *= 1099511628211ull;
    }
    std::memcpy(bytes.data() + bytes.size() - 16, &h, sizeof h);
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string bytes(reinterpret_cast<const char*>(data), size);
    // Half the inputs as they are (the checksum path), half resealed (everything after it).
    if (size > 0 && (data[0] & 1)) reseal(bytes);
    const auto loaded = parseNativeTrace(bytes, "fuzz");
    if (!loaded.store) return 0;
    const auto& s = *loaded.store;
    const auto order = s.timeOrder();
    std::uint64_t sum = 0;  // unsigned: wraps, by design, whatever the file holds
    for (const auto i : order)
        sum += static_cast<std::uint64_t>(s.row(i).a);
    for (const auto& a : s.actors()) {
        const auto n = s.actorEventCount(a.id);
        for (std::size_t k = 0; k < n; ++k)
            sum += static_cast<std::uint64_t>(s.ns(s.actorEvent(a.id, k)));
        sum += s.actorLowerBound(a.id, static_cast<std::int64_t>(sum & 0xffff));
    }
    for (const auto& o : s.objects())
        sum += s.objectName(o.id).size();
    return sum == 42 ? 0 : 0;
}
