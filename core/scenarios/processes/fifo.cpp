// A named pipe (C9): two processes that share no descriptor, neither the other's parent, meet at
// a name in the file system. Once both have opened it, it is a pipe like any other.

#include <chrono>
#include <csignal>
#include <vector>

#include "core/primitives/ipc/named_fifo.h"
#include "core/primitives/process/traced_process.h"
#include "core/primitives/runtime.h"
#include "core/scenarios/scenario.h"

namespace interleave {
namespace {

int run(const ParamValues& p) {
    const auto messages = p.integer("messages");
    const auto bytes = static_cast<std::size_t>(p.integer("message_bytes"));
    const std::chrono::milliseconds writeEvery(p.integer("write_ms")),
        readEach(p.integer("read_ms"));
    std::signal(SIGPIPE, SIG_IGN);  // a reader that stops early: EPIPE, not death
    NamedFifo fifo("fifo", static_cast<int>(p.integer("capacity_bytes")));
    std::vector<ChildProcess> kids;
    // Neither child gets a descriptor from its parent: each opens the FIFO by its name.
    kids.push_back(forkTraced("writer", [&] {
        TracedPipe out = fifo.openForWriting();
        for (std::int64_t n = 1; n <= messages && !Runtime::stopRequested(); ++n) {
            Runtime::work(writeEvery);
            if (!out.send(n, bytes)) break;
        }
        return 0;
    }));
    kids.push_back(forkTraced("reader", [&] {
        TracedPipe in = fifo.openForReading();
        // Until a writer has opened it too; then the name is no longer needed.
        if (!in.waitForData()) return 0;
        fifo.removeName();
        while (!Runtime::stopRequested()) {
            if (!in.receive(bytes)) break;  // end of file: the writer has finished
            Runtime::work(readEach);
        }
        return 0;
    }));
    while (!kids.empty())
        waitAnyTraced(kids);
    return 0;
}

}  // namespace

Scenario makeFifo() {
    return Scenario{
        "fifo",
        "processes",
        "Two processes that share no descriptor meet at a named pipe (FIFO) and pass messages.",
        {
            ParamSpec::integer("messages", 1, 100000, 20, "", "Messages the writer sends."),
            ParamSpec::integer("message_bytes", TracedPipe::kMinMessage, TracedPipe::kMaxMessage,
                               4096, "bytes", "Size of each message (at most PIPE_BUF)."),
            ParamSpec::integer("capacity_bytes", 4096, 1 << 20, 16384, "bytes",
                               "Capacity the writer asks of the kernel (F_SETPIPE_SZ)."),
            ParamSpec::integer("write_ms", 0, 5000, 100, "ms", "Work before each write."),
            ParamSpec::integer("read_ms", 0, 5000, 300, "ms", "Work after each read."),
        },
        run,
        {ObjectKind::Fifo},
    };
}

}  // namespace interleave
