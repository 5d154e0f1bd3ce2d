#include "core/primitives/ipc/run_names.h"

#include <mqueue.h>
#include <unistd.h>

#include <array>
#include <cstdlib>
#include <cstring>

namespace interleave {
namespace {

constexpr std::size_t kMaxPath = 4096;
// Filled once by prepareOwnNamesForSignalHandler; read only by the handler.
std::array<std::array<char, 64>, kMaxQueuesPerRun> s_queues{};
std::array<char, kMaxPath> s_fifo{}, s_fifoBack{}, s_fifoDir{};
bool s_prepared = false;

template <std::size_t N>
void copyTo(std::array<char, N>& out, const std::string& in) {
    const auto n = std::min(in.size(), N - 1);
    std::memcpy(out.data(), in.data(), n);
    out[n] = '\0';
}

}  // namespace

std::string runQueueName(pid_t lab, int index) {
    return "/interleave-" + std::to_string(lab) + "-" + std::to_string(index);
}

std::vector<std::string> runQueueNames(pid_t lab) {
    std::vector<std::string> names;
    for (int i = 1; i <= kMaxQueuesPerRun; ++i)
        names.push_back(runQueueName(lab, i));
    return names;
}

std::string runFifoDirectory(pid_t lab) {
    const char* tmp = std::getenv("TMPDIR");
    const std::string base = tmp && *tmp ? tmp : "/tmp";
    return base + "/interleave-" + std::to_string(lab) + "-fifo";
}

std::string runFifoPath(pid_t lab, int which) {
    return runFifoDirectory(lab) + (which == 0 ? "/fifo" : "/fifo-back");
}

void removeRunNames(pid_t lab) {
    for (const auto& name : runQueueNames(lab))
        mq_unlink(name.c_str());
    unlink(runFifoPath(lab, 0).c_str());
    unlink(runFifoPath(lab, 1).c_str());
    rmdir(runFifoDirectory(lab).c_str());
}

void prepareOwnNamesForSignalHandler() {
    const pid_t self = getpid();
    for (int i = 0; i < kMaxQueuesPerRun; ++i)
        copyTo(s_queues[static_cast<std::size_t>(i)], runQueueName(self, i + 1));
    copyTo(s_fifo, runFifoPath(self, 0));
    copyTo(s_fifoBack, runFifoPath(self, 1));
    copyTo(s_fifoDir, runFifoDirectory(self));
    s_prepared = true;
}

void removeOwnNamesFromSignalHandler() {
    if (!s_prepared) return;
    for (const auto& q : s_queues)
        mq_unlink(q.data());
    unlink(s_fifo.data());
    unlink(s_fifoBack.data());
    rmdir(s_fifoDir.data());
}

}  // namespace interleave
