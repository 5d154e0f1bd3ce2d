#include "core/primitives/ipc/traced_socket_pair.h"

#include <poll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <stdexcept>
#include <string>

#include "core/primitives/ipc/message_bytes.h"
#include "core/primitives/runtime.h"
#include "core/schema/sys_text.h"
#include "core/sys/clock.h"

namespace interleave {
namespace {

// Each wait in the kernel is cut into slices, so that a stopping run never leaves a process
// waiting for a partner that has already stopped (a datagram socket never tells its reader that
// the other end closed).
constexpr int kSliceMs = 50;

void closeFd(int& fd) {
    if (fd >= 0) close(fd);
    fd = -1;
}

void checkSize(std::size_t size) {
    if (size < TracedSocketPair::kMinMessage || size > TracedSocketPair::kMaxMessage)
        throw std::invalid_argument("socket message of " + std::to_string(size) + " bytes (" +
                                    std::to_string(TracedSocketPair::kMinMessage) + " to " +
                                    std::to_string(TracedSocketPair::kMaxMessage) + ")");
}

}  // namespace

TracedSocketPair::TracedSocketPair(Type type, std::string_view toSecond, std::string_view toFirst)
    : m_type(type) {
    const int kind = type == Type::Stream ? SOCK_STREAM : SOCK_DGRAM;
    if (socketpair(AF_UNIX, kind | SOCK_CLOEXEC | SOCK_NONBLOCK, 0, m_fd) != 0)
        throw std::runtime_error(errnoText("socketpair(AF_UNIX)"));
    m_toSecond = Runtime::registerObject(ObjectKind::Socket, toSecond);
    m_toFirst = Runtime::registerObject(ObjectKind::Socket, toFirst);
}

TracedSocketPair::~TracedSocketPair() {
    closeBoth();
}

void TracedSocketPair::keep(End end) {
    m_end = end;
    const int mine = end == End::First ? 0 : 1;
    closeFd(m_fd[1 - mine]);
    m_kept = m_fd[mine];
}

void TracedSocketPair::closeBoth() {
    closeFd(m_fd[0]);
    closeFd(m_fd[1]);
    m_kept = -1;
}

std::int64_t TracedSocketPair::bytesToRead() const {
    int n = 0;
    return ioctl(m_kept, FIONREAD, &n) == 0 ? n : 0;
}

bool TracedSocketPair::waitFor(bool writing, bool& recorded) {
    if (!recorded) {
        if (writing)
            Runtime::emitOrdered(EventKind::MsgSendBlocks, sendObject(), 0);
        else
            Runtime::emitOrdered(EventKind::MsgReceiveBlocks, receiveObject(), bytesToRead());
        recorded = true;
    }
    pollfd p{m_kept, static_cast<short>(writing ? POLLOUT : POLLIN), 0};
    while (true) {
        const int r = poll(&p, 1, kSliceMs);
        if (r > 0) return true;  // ready, or an error the next call reports
        if (r < 0 && errno != EINTR) throw std::runtime_error(errnoText("poll(socket)"));
        if (Runtime::stopRequested()) return false;
    }
}

bool TracedSocketPair::send(std::int64_t number, std::size_t size) {
    checkSize(size);
    Runtime::checkpoint(EventKind::MsgSend, sendObject(), number);
    std::array<std::uint8_t, kMaxMessage> buf;
    fillMessage(buf.data(), size, number);
    std::size_t sent = 0;
    bool waited = false;
    bool recorded = false;
    while (sent < size) {
        // Cause before effect: stamped before the send() that puts the message's first bytes
        // where the reader can take them, so its receive, which needs them all, is recorded
        // later. A call that finds no room is not a send: its stamp is dropped.
        const auto stamp = orderedTicks();
        // MSG_NOSIGNAL: a gone reader is an EPIPE here, not a SIGPIPE that ends the process.
        const long n = ::send(m_kept, buf.data() + sent, size - sent, MSG_NOSIGNAL);
        if (n > 0) {
            // The sender cannot see the other socket's receive queue: the fill is the
            // receiver's to say. A stream may take a message in parts; the send is recorded
            // at its first part, before any wait for room for the rest.
            if (!recorded) Runtime::emitAt(stamp, EventKind::MsgSend, sendObject(), number, 0);
            recorded = true;
            sent += static_cast<std::size_t>(n);
            continue;
        }
        if (errno == EPIPE || errno == ECONNREFUSED || errno == ECONNRESET) return false;
        if (errno == EINTR) continue;
        if (errno != EAGAIN) throw std::runtime_error(errnoText("send(socket)"));
        if (!waitFor(true, waited)) return false;
    }
    return true;
}

std::optional<std::int64_t> TracedSocketPair::receive(std::size_t size) {
    checkSize(size);
    Runtime::checkpoint(EventKind::MsgReceive, receiveObject());
    std::array<std::uint8_t, kMaxMessage> buf;
    std::size_t have = 0;
    bool waited = false;
    auto ended = [&] {
        Runtime::emitOrdered(EventKind::MsgEnd, receiveObject(), m_received);
        return std::nullopt;
    };
    while (have < size) {
        // A datagram is read whole, into room for the largest: a size that differs is an error.
        const std::size_t room = m_type == Type::Datagram ? kMaxMessage : size - have;
        const long n = recv(m_kept, buf.data() + have, room, 0);
        if (n > 0) {
            if (m_type == Type::Datagram && static_cast<std::size_t>(n) != size)
                throw std::runtime_error("a datagram of " + std::to_string(n) + " bytes, not " +
                                         std::to_string(size));
            have += static_cast<std::size_t>(n);
            continue;
        }
        if (n == 0) {
            if (have != 0)
                throw std::runtime_error("socket closed in the middle of a message (" +
                                         std::to_string(have) + " of " + std::to_string(size) +
                                         " bytes)");
            return ended();  // stream: end of file; datagram: the empty datagram that says so
        }
        if (errno == ECONNRESET) return ended();
        if (errno == EINTR) continue;
        if (errno != EAGAIN) throw std::runtime_error(errnoText("recv(socket)"));
        if (!waitFor(false, waited)) return std::nullopt;
    }
    const auto number = checkedMessageNumber(buf.data(), size, "the socket");
    ++m_received;
    Runtime::emitOrdered(EventKind::MsgReceive, receiveObject(), number,
                         packMsgFill(bytesToRead()));
    return number;
}

void TracedSocketPair::shutdownSending() {
    if (m_kept < 0) return;
    if (m_type == Type::Stream) {
        shutdown(m_kept, SHUT_WR);
    } else {
        ::send(m_kept, nullptr, 0, MSG_NOSIGNAL | MSG_DONTWAIT);
    }
}

}  // namespace interleave
