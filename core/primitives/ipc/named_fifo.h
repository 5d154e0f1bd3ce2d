#pragma once
// A named pipe (FIFO) where two processes that share no descriptor meet: by its name in the file
// system. The name lives in a private directory (mode 0700) named after the lab's pid, which the
// reader removes as soon as both ends are open (from then on the FIFO is an ordinary pipe, and
// nothing of it is left when its processes end); should a run be killed before that, what is
// left is removed by name (run_names.h).
//
// Made in the lab process before fork(); each child opens its end by name.

#include <cstdint>
#include <string>
#include <string_view>

#include "core/primitives/ipc/traced_pipe.h"

namespace interleave {

class NamedFifo {
  public:
    // mkfifo in $TMPDIR (or /tmp)/interleave-<pid>-fifo/. Throws std::runtime_error when the
    // directory or the FIFO cannot be made. `capacityBytes` is what the writer asks of the
    // kernel once it is open (rounded up as F_SETPIPE_SZ does: a power-of-two number of pages).
    NamedFifo(std::string_view name, int capacityBytes);
    ~NamedFifo();  // removes the name and the directory, if still there
    NamedFifo(const NamedFifo&) = delete;
    NamedFifo& operator=(const NamedFifo&) = delete;

    const std::string& path() const { return m_path; }

    // Opens the FIFO by its name for reading: at once, whether or not a writer has it yet.
    TracedPipe openForReading() const;
    // Opens it for writing; a FIFO has no reader until one opens it, so this tries again every
    // few ms until the reader has (a blocking open would wait where a stopping run cannot
    // reach it). Sets the pipe's capacity. When the run stops first, returns an end with no
    // descriptor: the caller checks Runtime::stopRequested() before using it.
    TracedPipe openForWriting() const;
    // Removes the name and the private directory (both ends, once open, keep working).
    void removeName() const;

  private:
    std::string m_dir, m_path;
    int m_capacity = 0;
    std::uint32_t m_id = 0;
};

}  // namespace interleave
