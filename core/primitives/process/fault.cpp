#include "core/primitives/process/fault.h"

#include <signal.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>

#include "core/primitives/runtime.h"

namespace interleave {

void prepareToCrash() {
    const rlimit noCore{0, 0};
    setrlimit(RLIMIT_CORE, &noCore);
    struct sigaction dfl {};
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    sigaction(SIGSEGV, &dfl, nullptr);
}

void crashThisProcess() {
    void* page = mmap(nullptr, static_cast<std::size_t>(sysconf(_SC_PAGESIZE)), PROT_NONE,
                      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (page == MAP_FAILED) std::abort();  // no page to fault on: end the process all the same
    auto* forbidden = static_cast<volatile std::uint8_t*>(page);
    Runtime::emitOrdered(EventKind::ProcessFault, kNoObject, SIGSEGV,
                         static_cast<std::int64_t>(reinterpret_cast<std::uintptr_t>(page)));
    *forbidden = 1;  // the CPU faults here; the kernel ends the process with SIGSEGV
    std::abort();    // not reached
}

}  // namespace interleave
