#pragma once
#include <cstdint>

#include "core/schema/event.h"

namespace interleave {

// What a primitive does for another object (see ObjectRole): the lock of a buffer, its
// "not full" condition. Default: it stands on its own.
struct ObjectLink {
    ObjectRole role = ObjectRole::Own;
    std::uint32_t owner = kNoObject;
};

}  // namespace interleave
