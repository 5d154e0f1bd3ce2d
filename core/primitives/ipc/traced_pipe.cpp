#include "core/primitives/ipc/traced_pipe.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

#include "core/primitives/ipc/message_bytes.h"
#include "core/primitives/runtime.h"
#include "core/schema/sys_text.h"
#include "core/sys/clock.h"

namespace interleave {
namespace {

void setBlocking(int fd, bool blocking) {
    const int flags = fcntl(fd, F_GETFL);
    if (flags < 0 || fcntl(fd, F_SETFL, blocking ? flags & ~O_NONBLOCK : flags | O_NONBLOCK) < 0)
        throw std::runtime_error(errnoText("fcntl(pipe, O_NONBLOCK)"));
}

void closeFd(int& fd) {
    if (fd >= 0) close(fd);
    fd = -1;
}

}  // namespace

TracedPipe::TracedPipe(std::string_view name, int capacityBytes) {
    int fds[2];
    if (pipe2(fds, O_CLOEXEC | O_NONBLOCK) != 0) throw std::runtime_error(errnoText("pipe2"));
    m_read = fds[0];
    m_write = fds[1];
    const int got = fcntl(m_write, F_SETPIPE_SZ, capacityBytes);
    if (got < 0) {
        const int err = errno;
        closeBoth();
        throw std::runtime_error(
            errnoText("F_SETPIPE_SZ(" + std::to_string(capacityBytes) +
                          ") (an unprivileged process gets at most /proc/sys/fs/pipe-max-size)",
                      err));
    }
    m_capacity = got;
    m_id = Runtime::registerObject(ObjectKind::Pipe, name, static_cast<std::uint32_t>(got));
}

TracedPipe::TracedPipe(std::uint32_t object, int capacityBytes, int readFd, int writeFd)
    : m_read(readFd), m_write(writeFd), m_capacity(capacityBytes), m_id(object) {}

bool TracedPipe::waitForData() {
    // A look without waiting first, so that a wait is recorded from its start.
    pollfd p{m_read, POLLIN, 0};
    const int r = poll(&p, 1, 0);
    if (r > 0) return true;
    if (r < 0 && errno != EINTR) throw std::runtime_error(errnoText("poll(pipe)"));
    Runtime::emitOrdered(EventKind::MsgReceiveBlocks, m_id, 0);
    return waitUntilReady(m_read, POLLIN);
}

bool TracedPipe::waitUntilReady(int fd, short events) {
    pollfd p{fd, events, 0};
    while (true) {
        // In slices: a stopping run must not leave a process asleep for a partner that has
        // already stopped.
        const int r = poll(&p, 1, 50);
        if (r > 0) return true;  // ready, or an error that the next call reports
        if (r < 0 && errno != EINTR) throw std::runtime_error(errnoText("poll(pipe)"));
        if (Runtime::stopRequested()) return false;
    }
}

TracedPipe::~TracedPipe() {
    closeBoth();
}

void TracedPipe::keepWriteEnd() {
    closeFd(m_read);
}
void TracedPipe::keepReadEnd() {
    closeFd(m_write);
}
void TracedPipe::closeWriteEnd() {
    closeFd(m_write);
}
void TracedPipe::closeBoth() {
    closeFd(m_read);
    closeFd(m_write);
}

std::int64_t TracedPipe::bytesInPipe(int fd) const {
    int n = 0;
    return ioctl(fd, FIONREAD, &n) == 0 ? n : -1;
}

long TracedPipe::readSome(void* data, std::size_t size) {
    long n = read(m_read, data, size);
    if (n >= 0 || (errno != EAGAIN && errno != EINTR)) return n;
    if (errno == EAGAIN) {
        // Recorded before the kernel makes us wait: the lane shows the wait from its start.
        // Refused for want of bytes: at that instant the pipe was empty. Asking the kernel
        // again could already count what the writer has put in since.
        Runtime::emitOrdered(EventKind::MsgReceiveBlocks, m_id, 0);
    }
    setBlocking(m_read, true);
    do {
        n = read(m_read, data, size);
    } while (n < 0 && errno == EINTR);
    const int err = errno;
    setBlocking(m_read, false);
    errno = err;
    return n;
}

bool TracedPipe::send(std::int64_t number, std::size_t size) {
    if (size < kMinMessage || size > kMaxMessage)
        throw std::invalid_argument("pipe message of " + std::to_string(size) + " bytes (" +
                                    std::to_string(kMinMessage) + " to " +
                                    std::to_string(kMaxMessage) + ")");
    Runtime::checkpoint(EventKind::MsgSend, m_id, number);
    std::array<std::uint8_t, kMaxMessage> buf;
    fillMessage(buf.data(), size, number);
    bool waited = false;
    while (true) {
        // Cause before effect: the send is stamped before the write() that makes the message
        // readable, so a reader on another core always records its receive later. A write that
        // finds no room is not stamped as a send: its stamp is dropped and taken again before
        // the next try. The fill it carries is what this write leaves, counted before it (the
        // pipe's bytes then, plus its own): a reader may already be taking some.
        const std::int64_t before = bytesInPipe(m_write);
        const auto stamp = orderedTicks();
        const long n = write(m_write, buf.data(), size);
        if (n == static_cast<long>(size)) {
            Runtime::emitAt(stamp, EventKind::MsgSend, m_id, number,
                            packMsgFill(std::min<std::int64_t>(before + n, m_capacity)));
            return true;
        }
        if (n >= 0)  // a write of at most PIPE_BUF bytes is all or nothing (pipe(7))
            throw std::runtime_error("write(pipe) wrote " + std::to_string(n) + " of " +
                                     std::to_string(size) + " bytes");
        if (errno == EPIPE) return false;
        if (errno == EINTR) continue;
        if (errno != EAGAIN) throw std::runtime_error(errnoText("write(pipe)"));
        if (!waited) {
            // Recorded before the wait: the lane shows the wait from its start. The fill is the
            // larger of two counts, each of which can fall short of what the kernel refused
            // against: the one taken now misses what a reader has taken since, the one taken
            // before the write misses what another writer added in between. With one writer
            // (every pipe but cpu-vs-io's `done`) the count before is never short.
            Runtime::emitOrdered(EventKind::MsgSendBlocks, m_id,
                                 std::max(before, bytesInPipe(m_write)));
            waited = true;
        }
        if (!waitUntilReady(m_write, POLLOUT)) return false;
    }
}

std::optional<std::int64_t> TracedPipe::receive(std::size_t size) {
    if (size < kMinMessage || size > kMaxMessage)
        throw std::invalid_argument("pipe message of " + std::to_string(size) + " bytes");
    Runtime::checkpoint(EventKind::MsgReceive, m_id);
    std::array<std::uint8_t, kMaxMessage> buf;
    std::size_t have = 0;
    while (have < size) {
        const long n = readSome(buf.data() + have, size - have);
        if (n < 0) throw std::runtime_error(errnoText("read(pipe)"));
        if (n == 0) {
            if (have != 0)
                throw std::runtime_error("pipe closed in the middle of a message (" +
                                         std::to_string(have) + " of " + std::to_string(size) +
                                         " bytes)");
            Runtime::emitOrdered(EventKind::MsgEnd, m_id, m_received);
            return std::nullopt;
        }
        have += static_cast<std::size_t>(n);
    }
    const auto number = checkedMessageNumber(buf.data(), size, "the pipe");
    ++m_received;
    Runtime::emitOrdered(EventKind::MsgReceive, m_id, number, packMsgFill(bytesInPipe(m_read)));
    return number;
}

}  // namespace interleave
