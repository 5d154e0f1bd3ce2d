// Two processes talk through a pair of connected UNIX-domain sockets (C6, C9): the parent, a
// client, sends numbers; the child, a server, answers each with its square. Unlike a pipe, one
// socket pair carries messages both ways. A stream socket carries bytes, which the reader
// gathers back into messages; a datagram socket carries whole messages.

#include <chrono>

#include "core/primitives/ipc/traced_socket_pair.h"
#include "core/primitives/process/traced_process.h"
#include "core/primitives/runtime.h"
#include "core/scenarios/scenario.h"

namespace interleave {
namespace {

using End = TracedSocketPair::End;

int run(const ParamValues& p) {
    const auto requests = p.integer("requests");
    const auto bytes = static_cast<std::size_t>(p.integer("message_bytes"));
    const std::chrono::milliseconds thinkEach(p.integer("client_ms")),
        serveEach(p.integer("server_ms"));
    const auto type = p.choice("type") == "datagram" ? TracedSocketPair::Type::Datagram
                                                     : TracedSocketPair::Type::Stream;
    TracedSocketPair sockets(type, "socket to server", "socket to client");
    const auto server = forkTraced("server", [&] {
        sockets.keep(End::Second);
        while (!Runtime::stopRequested()) {
            const auto n = sockets.receive(bytes);
            if (!n) break;  // the client has finished, or the run stops
            Runtime::work(serveEach);
            if (!sockets.send(*n * *n, bytes)) break;
        }
        sockets.shutdownSending();
        return 0;
    });
    sockets.keep(End::First);
    for (std::int64_t n = 1; n <= requests && !Runtime::stopRequested(); ++n) {
        Runtime::work(thinkEach);
        if (!sockets.send(n, bytes)) break;
        if (!sockets.receive(bytes)) break;  // the answer: n * n, checked by the test
    }
    sockets.shutdownSending();
    // Until the server has seen the end and answered it with its own.
    while (sockets.receive(bytes)) {
    }
    waitTraced(server);
    return 0;
}

}  // namespace

Scenario makeSocket() {
    return Scenario{
        "socket",
        "processes",
        "A client process sends numbers through a UNIX-domain socket pair; a server process "
        "answers each with its square.",
        {
            ParamSpec::choice("type", {"stream", "datagram"},
                              "stream: bytes, gathered back into messages; datagram: whole "
                              "messages, one per recv()."),
            ParamSpec::integer("requests", 1, 100000, 10, "", "Numbers the client sends."),
            ParamSpec::integer("message_bytes", TracedSocketPair::kMinMessage,
                               TracedSocketPair::kMaxMessage, 64, "bytes",
                               "Size of each message, request or answer."),
            ParamSpec::integer("client_ms", 0, 5000, 300, "ms",
                               "Work before each request (the client thinking)."),
            ParamSpec::integer("server_ms", 0, 5000, 200, "ms",
                               "Work on each request before answering it."),
        },
        run,
        {ObjectKind::Socket},
    };
}

}  // namespace interleave
