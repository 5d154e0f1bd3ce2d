#pragma once
// fork() and waitpid() that report themselves. Only the lab calls these, and only while the
// calling process is single-threaded (the lab's main thread before it starts threads, or a
// child's main thread likewise): POSIX allows nothing but async-signal-safe calls in the child
// of a multi-threaded fork, and a body must be free to allocate and log.

#include <sys/types.h>

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace interleave {

struct ChildProcess {
    pid_t pid = -1;
    std::uint32_t actor = 0;
};

// Forks; the child becomes a new actor (role ProcessMain, real pid/ppid/tid), runs body and
// _exit()s with its return value without running the parent's atexit handlers.
// Throws std::runtime_error when fork fails, and std::logic_error when the calling process runs
// traced threads (fork only while single-threaded).
ChildProcess forkTraced(std::string_view name, const std::function<int()>& body);

// In a forked child: replaces this process's program with `argv[0]` (execv), as a shell runs a
// command: same pid, same parent, a new program, untraced from here on (its end is still
// reported, by its parent's wait). Records process_exec on `program` (an object of kind
// `program` the parent registered, named for the program) first. Returns only if execv fails,
// with its error; the caller then ends the child.
std::string execTraced(std::uint32_t program, const std::vector<std::string>& argv);

// Waits for the child and reports process_wait / process_exit. Returns the encoded status
// (see exitStatusExited / exitStatusSignaled in event.h). Throws std::runtime_error when the
// child cannot be waited for (not this process's child, already reaped).
std::int64_t waitTraced(const ChildProcess& child);

// Waits until the child has ended without reaping it (waitid with WNOWAIT): it stays a zombie.
// Records process_zombie when /proc shows it in state Z, and returns whether it did. Throws
// std::runtime_error when the child cannot be waited for.
bool waitUntilZombie(const ChildProcess& child);

// Waits for whichever of `children` ends first, reports it, removes it from the list and
// returns it. Waits on exactly these children (pidfds), never on "any child": the lab is the
// run's subreaper and also has orphans it did not fork. Returns pid -1 when the list is empty.
ChildProcess waitAnyTraced(std::vector<ChildProcess>& children);

}  // namespace interleave
