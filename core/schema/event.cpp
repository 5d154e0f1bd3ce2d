#include "core/schema/event.h"

#include "core/schema/event_kinds.h"

#include <array>

namespace interleave {
namespace {

constexpr std::array<std::string_view, static_cast<std::size_t>(ObjectKind::Count_)> kObjectNames =
    {"none",   "mutex",         "condvar",        "semaphore", "queue", "pipe",
     "fifo",   "message_queue", "shared_segment", "socket",    "gil",   "variable",
     "rwlock", "signal",        "memory",         "program",   "series"};
constexpr std::array<std::string_view, static_cast<std::size_t>(ObjectRole::Count_)> kRoleNames = {
    "own", "guard", "space", "items"};

}  // namespace

std::string_view kindName(EventKind kind) {
    const auto i = static_cast<std::size_t>(kind);
    return i < kKinds.size() ? kKinds[i].name : std::string_view("unknown");
}

std::optional<EventKind> kindFromName(std::string_view name) {
    for (std::size_t i = 1; i < kKinds.size(); ++i)
        if (kKinds[i].name == name) return kKinds[i].kind;
    return std::nullopt;
}

std::string_view objectKindName(ObjectKind kind) {
    auto i = static_cast<std::size_t>(kind);
    return i < kObjectNames.size() ? kObjectNames[i] : std::string_view("unknown");
}

std::string_view objectRoleName(ObjectRole role) {
    auto i = static_cast<std::size_t>(role);
    return i < kRoleNames.size() ? kRoleNames[i] : std::string_view("unknown");
}

}  // namespace interleave
