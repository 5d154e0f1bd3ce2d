#pragma once
// An anonymous pipe between forked processes that reports every message through it: what was
// written, what was read, how many bytes the kernel holds in between (FIONREAD), and each time
// a write finds the pipe full or a read finds it empty and blocks in the kernel.
//
// Made in the parent before fork(); every process then keeps the end it uses and closes the
// other (a reader sees end of file only once every write end, in every process, is closed).

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "core/primitives/ipc/message_bytes.h"

namespace interleave {

class TracedPipe {
  public:
    // Messages are at most PIPE_BUF bytes, so each write is atomic: whole or not at all.
    static constexpr std::size_t kMaxMessage = 4096;
    // Each message starts with its number, so the reader reports what it really read.
    static constexpr std::size_t kMinMessage = kMinMessageBytes;

    // Asks the kernel for `capacityBytes` (F_SETPIPE_SZ rounds up to a power-of-two number of
    // pages) and records the object with the capacity it got. Throws std::runtime_error when
    // the pipe cannot be made or sized.
    TracedPipe(std::string_view name, int capacityBytes);
    // One end of a pipe opened some other way (a FIFO's, by its name), recorded as `object`,
    // registered by whoever made it. Takes the descriptors (-1 for an end it does not have),
    // which must be non-blocking.
    TracedPipe(std::uint32_t object, int capacityBytes, int readFd, int writeFd);
    ~TracedPipe();
    TracedPipe(const TracedPipe&) = delete;
    TracedPipe& operator=(const TracedPipe&) = delete;

    int capacity() const { return m_capacity; }
    std::uint32_t id() const { return m_id; }

    void keepWriteEnd();   // this process writes: closes its read end
    void keepReadEnd();    // this process reads: closes its write end
    void closeBoth();      // this process uses neither end
    void closeWriteEnd();  // no more messages from this process

    // Writes message `number` of `size` bytes (kMinMessage..kMaxMessage). Returns false when no
    // reader is left (EPIPE; SIGPIPE must be ignored). Throws on any other failure.
    bool send(std::int64_t number, std::size_t size);
    // Reads one message of `size` bytes and returns its number; empty at end of file (recorded
    // as msg_end with the messages this process received). Throws
    // std::runtime_error when the bytes are not what a send() of that number wrote.
    std::optional<std::int64_t> receive(std::size_t size);

    // Waits, in slices a stopping run can end, until this read end has something to read or
    // every writer has gone: a FIFO's reader that opened before any writer would otherwise read
    // end of file at once. Returns false when the run is stopping.
    bool waitForData();

  private:
    std::int64_t bytesInPipe(int fd) const;
    // One read() that may block: tried without blocking first, so that a call that has to wait
    // is recorded as waiting before the kernel makes it wait.
    long readSome(void* data, std::size_t size);
    // poll() for `events` in slices; false when the run is stopping.
    bool waitUntilReady(int fd, short events);

    int m_read = -1, m_write = -1;
    int m_capacity = 0;
    std::uint32_t m_id = 0;
    std::int64_t m_received = 0;  // messages this process read
};

}  // namespace interleave
