#pragma once
// Records that arrive nearly, not fully, in time order (each actor's ring is drained on its
// own), kept sorted by their `ns`: how the views' models take in each batch.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace interleave::ui {

// Inserts `op` after every record at or before its time; returns where it went.
template <class Op>
std::size_t insertByTime(std::vector<Op>& ops, const Op& op) {
    const auto pos = std::upper_bound(ops.begin(), ops.end(), op.ns,
                                      [](std::int64_t t, const Op& o) { return t < o.ns; });
    const auto at = static_cast<std::size_t>(pos - ops.begin());
    ops.insert(pos, op);
    return at;
}

}  // namespace interleave::ui
