#pragma once
// The step an actor will take next, in words, for manual scheduling: "read counter",
// "write 42 to counter", "lock counter.lock". A checkpoint says which event its step records
// (checkpoint_wait: a = kind, b = argument, object); this turns that into a short phrase.

#include <cstdint>
#include <string>
#include <string_view>

#include "core/schema/event.h"

namespace interleave {

// `object` is the object's name, `argActor` the name of the actor the argument names (a join's
// thread), when there is one.
std::string stepText(EventKind next, std::string_view object, std::int64_t arg,
                     std::string_view argActor = {});

}  // namespace interleave
