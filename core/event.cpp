#include "core/event.h"

#include <array>

namespace interleave {
namespace {

constexpr std::array<std::string_view, static_cast<std::size_t>(EventKind::Count_)> kKindNames = {
    "none",
    "actor_start",
    "actor_exit",
    "thread_create",
    "join_request",
    "joined",
    "process_fork",
    "process_exit",
    "process_wait",
    "process_reparent",
    "lock_request",
    "lock_acquired",
    "lock_released",
    "cond_wait",
    "cond_woken",
    "cond_notify_one",
    "cond_notify_all",
    "sem_block",
    "sem_acquired",
    "sem_released",
    "queue_put",
    "queue_get",
    "queue_closed",
    "work_begin",
    "work_end",
    "note",
    "capture_wait_begin",
    "capture_wait_end",
    "lost_begin",
    "lost_end",
};

constexpr std::array<std::string_view, static_cast<std::size_t>(ObjectKind::Count_)> kObjectNames =
    {"none", "mutex", "condvar", "semaphore", "queue"};

}  // namespace

std::string_view kindName(EventKind kind) {
    auto i = static_cast<std::size_t>(kind);
    return i < kKindNames.size() ? kKindNames[i] : std::string_view("unknown");
}

std::optional<EventKind> kindFromName(std::string_view name) {
    for (std::size_t i = 1; i < kKindNames.size(); ++i)
        if (kKindNames[i] == name) return static_cast<EventKind>(i);
    return std::nullopt;
}

std::string_view objectKindName(ObjectKind kind) {
    auto i = static_cast<std::size_t>(kind);
    return i < kObjectNames.size() ? kObjectNames[i] : std::string_view("unknown");
}

}  // namespace interleave
