#include "core/primitives/process/private_memory.h"

#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <stdexcept>

#include "core/primitives/runtime.h"
#include "core/schema/sys_text.h"
#include "core/sys/proc_stat.h"

namespace interleave {

PrivateMemory::PrivateMemory(std::string_view name, std::size_t kib) : m_size(kib * 1024) {
    // Between two inaccessible pages: the kernel would otherwise merge the mapping with a
    // neighbour of the same kind (a thread's stack), and /proc would report both together.
    const auto page = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
    void* mem = mmap(nullptr, m_size + 2 * page, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (mem == MAP_FAILED) throw std::runtime_error(errnoText("mmap(MAP_PRIVATE)"));
    m_bytes = static_cast<std::uint8_t*>(mem) + page;
    if (mprotect(m_bytes, m_size, PROT_READ | PROT_WRITE) != 0) {
        const int err = errno;
        munmap(mem, m_size + 2 * page);
        throw std::runtime_error(errnoText("mprotect", err));
    }
    // Not a huge page: the copy on write is then page by page, as the lesson says.
    madvise(m_bytes, m_size, MADV_NOHUGEPAGE);
    write(kib, 1);  // resident before fork(): these are the pages a child shares
    m_id = Runtime::registerObject(ObjectKind::Memory, name, static_cast<std::uint32_t>(kib));
}

PrivateMemory::~PrivateMemory() {
    const auto page = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
    munmap(m_bytes - page, m_size + 2 * page);
}

void PrivateMemory::write(std::size_t kib, std::uint8_t value) {
    const auto page = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
    const auto end = std::min(m_size, kib * 1024);
    for (std::size_t at = 0; at < end; at += page)
        m_bytes[at] = value;
}

void PrivateMemory::reportPages() const {
    const auto pages = readMappingPages(m_bytes);
    if (!pages) return;
    Runtime::emit(EventKind::MemoryPages, m_id, pages->sharedKiB, pages->privateKiB);
}

}  // namespace interleave
