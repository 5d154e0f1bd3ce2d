#pragma once
// A connected pair of UNIX-domain sockets (socketpair) between forked processes that reports
// every message through it. Unlike a pipe it carries messages both ways: each socket of the
// pair has its own receive queue in the kernel, and each direction is recorded as an object of
// its own, named for where its messages go. A stream socket carries bytes (a reader may get
// part of a message, or two at once, and reads on until it has one); a datagram socket carries
// whole messages, one per recv().
//
// Made in the parent before fork(); each process keeps one end and closes the other.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace interleave {

class TracedSocketPair {
  public:
    enum class Type { Stream, Datagram };
    enum class End { First, Second };
    static constexpr std::size_t kMinMessage = 8;
    static constexpr std::size_t kMaxMessage = 4096;

    // `toSecond` names the direction First -> Second, `toFirst` the other. Throws
    // std::runtime_error when the pair cannot be made.
    TracedSocketPair(Type type, std::string_view toSecond, std::string_view toFirst);
    ~TracedSocketPair();
    TracedSocketPair(const TracedSocketPair&) = delete;
    TracedSocketPair& operator=(const TracedSocketPair&) = delete;

    void keep(End end);  // this process uses `end`: closes the other one
    void closeBoth();    // this process uses neither

    // Sends message `number` of `size` bytes from the kept end. Returns false when the other
    // end is gone or the run is stopping.
    bool send(std::int64_t number, std::size_t size);
    // Receives one message of `size` bytes at the kept end and returns its number; empty when
    // the other end has finished (shutdownSending) or the run is stopping.
    std::optional<std::int64_t> receive(std::size_t size);
    // Tells the other end no more messages come: shutdown(SHUT_WR) on a stream socket, an empty
    // datagram on a datagram socket (which has no end of file).
    void shutdownSending();

  private:
    // Waits in poll() in slices for the kept end to be readable or writable. Returns false when
    // the run is stopping. Records the wait (`blocks`) before the first slice of the call,
    // unless `recorded` says this send or receive already has.
    bool waitFor(bool writing, bool& recorded);
    std::int64_t bytesToRead() const;
    std::uint32_t sendObject() const { return m_end == End::First ? m_toSecond : m_toFirst; }
    std::uint32_t receiveObject() const { return m_end == End::First ? m_toFirst : m_toSecond; }

    Type m_type;
    int m_fd[2] = {-1, -1};
    End m_end = End::First;
    int m_kept = -1;
    std::uint32_t m_toSecond = 0, m_toFirst = 0;
    std::int64_t m_received = 0;
};

}  // namespace interleave
