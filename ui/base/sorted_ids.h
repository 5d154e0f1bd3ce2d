#pragma once
// A sorted list of ids without repeats (actors, objects): the node lists views lay out once.

#include <algorithm>
#include <cstdint>
#include <vector>

namespace interleave::ui {

inline void insertSorted(std::vector<std::uint32_t>& ids, std::uint32_t id) {
    const auto it = std::lower_bound(ids.begin(), ids.end(), id);
    if (it == ids.end() || *it != id) ids.insert(it, id);
}

}  // namespace interleave::ui
