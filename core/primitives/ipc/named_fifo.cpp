#include "core/primitives/ipc/named_fifo.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <stdexcept>
#include <thread>

#include "core/primitives/ipc/run_names.h"
#include "core/primitives/runtime.h"
#include "core/schema/sys_text.h"

namespace interleave {
namespace {

// What F_SETPIPE_SZ gives for `bytes`: a power-of-two number of pages, at least one.
int kernelPipeSize(int bytes) {
    const int page = static_cast<int>(sysconf(_SC_PAGESIZE));
    int size = page;
    while (size < bytes)
        size *= 2;
    return size;
}

}  // namespace

NamedFifo::NamedFifo(std::string_view name, int capacityBytes)
    : m_dir(runFifoDirectory(getpid())),
      m_path(runFifoPath(getpid())),
      m_capacity(kernelPipeSize(capacityBytes)) {
    // A directory only we may enter: nobody else can open, replace or watch the FIFO. Left over
    // from a killed run whose pid this lab now has, it is ours and can go.
    if (mkdir(m_dir.c_str(), 0700) != 0) {
        if (errno != EEXIST)
            throw std::runtime_error(errnoText("mkdir(" + m_dir + ") (is TMPDIR writable?)"));
        removeRunNames(getpid());
        if (mkdir(m_dir.c_str(), 0700) != 0)
            throw std::runtime_error(errnoText("mkdir(" + m_dir + ")"));
    }
    if (mkfifo(m_path.c_str(), 0600) != 0) {
        const int err = errno;
        rmdir(m_dir.c_str());
        throw std::runtime_error(errnoText("mkfifo(" + m_path + ")", err));
    }
    m_id = Runtime::registerObject(ObjectKind::Fifo, name, static_cast<std::uint32_t>(m_capacity));
}

NamedFifo::~NamedFifo() {
    removeName();
}

void NamedFifo::removeName() const {
    unlink(m_path.c_str());
    rmdir(m_dir.c_str());
}

TracedPipe NamedFifo::openForReading() const {
    const int fd = open(m_path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) throw std::runtime_error(errnoText("open(" + m_path + ", O_RDONLY)"));
    return TracedPipe(m_id, m_capacity, fd, -1);
}

TracedPipe NamedFifo::openForWriting() const {
    while (true) {
        const int fd = open(m_path.c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC);
        if (fd >= 0) {
            if (fcntl(fd, F_SETPIPE_SZ, m_capacity) != m_capacity) {
                const int err = errno;
                close(fd);
                throw std::runtime_error(
                    errnoText("F_SETPIPE_SZ(" + std::to_string(m_capacity) + ")", err));
            }
            return TracedPipe(m_id, m_capacity, -1, fd);
        }
        if (errno != ENXIO && errno != EINTR)  // ENXIO: nobody has it open for reading yet
            throw std::runtime_error(errnoText("open(" + m_path + ", O_WRONLY)"));
        if (Runtime::stopRequested()) return TracedPipe(m_id, m_capacity, -1, -1);
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
}

}  // namespace interleave
