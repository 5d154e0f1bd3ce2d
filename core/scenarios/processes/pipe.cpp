// A parent writes numbered messages into an anonymous pipe and a child reads them (C6, C9):
// bytes in flight against the pipe's capacity, a writer that blocks when the pipe is full and a
// reader that blocks when it is empty; as a variant, a pipeline of several processes.

#include <chrono>
#include <csignal>
#include <deque>
#include <string>
#include <vector>

#include "core/primitives/ipc/traced_pipe.h"
#include "core/primitives/process/traced_process.h"
#include "core/primitives/runtime.h"
#include "core/scenarios/scenario.h"

namespace interleave {
namespace {

struct Shape {
    std::int64_t messages;
    std::size_t bytes;
    std::chrono::milliseconds writeEvery, readEach;
};

// Stage k reads pipe k; all but the last write what they read into pipe k + 1.
int stageBody(std::deque<TracedPipe>& pipes, std::size_t k, const Shape& s) {
    for (std::size_t i = 0; i < pipes.size(); ++i) {
        if (i == k) {
            pipes[i].keepReadEnd();
        } else if (i == k + 1) {
            pipes[i].keepWriteEnd();
        } else {
            pipes[i].closeBoth();
        }
    }
    const bool passesOn = k + 1 < pipes.size();
    while (!Runtime::stopRequested()) {
        const auto number = pipes[k].receive(s.bytes);
        if (!number) break;  // end of file: the writer has finished
        Runtime::work(s.readEach);
        if (passesOn && !pipes[k + 1].send(*number, s.bytes)) break;  // the next stage is gone
    }
    // Closing our ends tells the next stage we are done (end of file), or the previous one
    // that nobody reads any more (its next write fails with EPIPE).
    pipes[k].closeBoth();
    if (passesOn) pipes[k + 1].closeWriteEnd();
    return 0;
}

int run(const ParamValues& p) {
    const Shape s{p.integer("messages"), static_cast<std::size_t>(p.integer("message_bytes")),
                  std::chrono::milliseconds(p.integer("write_ms")),
                  std::chrono::milliseconds(p.integer("read_ms"))};
    // A reader that stops early must not kill its writer with SIGPIPE: write() fails with EPIPE
    // instead, and the writer stops. Inherited by every child.
    std::signal(SIGPIPE, SIG_IGN);
    const auto stages = static_cast<std::size_t>(p.integer("stages"));
    std::deque<TracedPipe> pipes;  // not copied or moved: each owns its file descriptors
    for (std::size_t i = 1; i <= stages; ++i)
        pipes.emplace_back(stages == 1 ? "pipe" : "pipe " + std::to_string(i),
                           static_cast<int>(p.integer("capacity_bytes")));
    std::vector<ChildProcess> kids;
    for (std::size_t k = 0; k < stages; ++k) {
        const auto name = stages == 1 ? std::string("reader") : "stage " + std::to_string(k + 1);
        kids.push_back(forkTraced(name, [&] { return stageBody(pipes, k, s); }));
    }
    // The parent writes into the first pipe and holds no other end: a stage sees end of file
    // only when every write end of its pipe, in every process, is closed.
    for (std::size_t i = 0; i < pipes.size(); ++i)
        i == 0 ? pipes[i].keepWriteEnd() : pipes[i].closeBoth();
    for (std::int64_t n = 1; n <= s.messages && !Runtime::stopRequested(); ++n) {
        Runtime::work(s.writeEvery);
        if (!pipes[0].send(n, s.bytes)) break;
    }
    pipes[0].closeWriteEnd();
    while (!kids.empty())
        waitAnyTraced(kids);
    return 0;
}

}  // namespace

Scenario makePipe() {
    return Scenario{
        "pipe",
        "processes",
        "A parent writes numbered messages into a pipe; a child process reads them.",
        {
            ParamSpec::integer("messages", 1, 100000, 20, "", "Messages the parent writes."),
            ParamSpec::integer("message_bytes", TracedPipe::kMinMessage, TracedPipe::kMaxMessage,
                               4096, "bytes",
                               "Size of each message (at most PIPE_BUF, so a write is atomic)."),
            ParamSpec::integer("capacity_bytes", 4096, 1 << 20, 16384, "bytes",
                               "Pipe capacity asked of the kernel (F_SETPIPE_SZ; it rounds up to "
                               "a power-of-two number of pages)."),
            ParamSpec::integer("write_ms", 0, 5000, 100, "ms",
                               "Work before each write (how fast the parent writes)."),
            ParamSpec::integer("read_ms", 0, 5000, 400, "ms",
                               "Work after each read (how fast a reader handles a message)."),
            ParamSpec::integer("stages", 1, 4, 1, "",
                               "Reading processes in a pipeline: each but the last passes every "
                               "message on through a pipe of its own."),
        },
        run,
        {ObjectKind::Pipe},
    };
}

}  // namespace interleave
