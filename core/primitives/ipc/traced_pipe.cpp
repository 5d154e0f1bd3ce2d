#include "core/primitives/ipc/traced_pipe.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

#include "core/primitives/ipc/message_bytes.h"
#include "core/primitives/runtime.h"
#include "core/schema/sys_text.h"

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
    pollfd p{m_read, POLLIN, 0};
    // A look without waiting first, so that a wait is recorded from its start.
    for (int timeoutMs = 0;; timeoutMs = 50) {
        const int r = poll(&p, 1, timeoutMs);
        if (r > 0) return true;
        if (r < 0 && errno != EINTR) throw std::runtime_error(errnoText("poll(pipe)"));
        if (timeoutMs == 0) Runtime::emitOrdered(EventKind::MsgReceiveBlocks, m_id, 0);
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

long TracedPipe::transfer(int fd, void* data, std::size_t size, bool writing) {
    auto once = [&] { return writing ? write(fd, data, size) : read(fd, data, size); };
    long n = once();
    if (n >= 0 || (errno != EAGAIN && errno != EINTR)) return n;
    if (errno == EAGAIN) {
        // Recorded before the kernel makes us wait: the lane shows the wait from its start.
        Runtime::emitOrdered(writing ? EventKind::MsgSendBlocks : EventKind::MsgReceiveBlocks, m_id,
                             bytesInPipe(fd));
    }
    setBlocking(fd, true);
    do {
        n = once();
    } while (n < 0 && errno == EINTR);
    const int err = errno;
    setBlocking(fd, false);
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
    const long n = transfer(m_write, buf.data(), size, true);
    if (n < 0 && errno == EPIPE) return false;
    if (n != static_cast<long>(size))
        throw std::runtime_error(n < 0 ? errnoText("write(pipe)")
                                       : "write(pipe) wrote " + std::to_string(n) + " of " +
                                             std::to_string(size) + " bytes");
    Runtime::emitOrdered(EventKind::MsgSend, m_id, number, packMsgFill(bytesInPipe(m_write)));
    return true;
}

std::optional<std::int64_t> TracedPipe::receive(std::size_t size) {
    if (size < kMinMessage || size > kMaxMessage)
        throw std::invalid_argument("pipe message of " + std::to_string(size) + " bytes");
    Runtime::checkpoint(EventKind::MsgReceive, m_id);
    std::array<std::uint8_t, kMaxMessage> buf;
    std::size_t have = 0;
    while (have < size) {
        const long n = transfer(m_read, buf.data() + have, size - have, false);
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
