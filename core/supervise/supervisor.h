#pragma once
// Starts one run as its own interleave-lab process, reads its channel, and ends it. Qt-free so
// the command-line runner, the GUI and the tests share this one code path.
//
// Guarantees and what they rest on:
//  - the lab is started with posix_spawn (never fork from this possibly threaded process), in a
//    process group of its own whose id is the lab's pid;
//  - the lab is the run's child subreaper: descendants orphaned inside the run are re-parented
//    to it, and it reaps them before it exits. This process is a subreaper too, as a second
//    line for what a killed lab leaves, and reaps with waitid(P_PGID, run's group), never
//    waitpid(-1), which would steal other children of the host program. The run has finished
//    when no process of its group is left;
//  - the lab sets PR_SET_PDEATHSIG and kills its whole group if this process dies. Because the
//    death signal fires when the *thread* that spawned the lab exits, start() must be called from
//    a thread that lives as long as the run (the GUI thread, the CLI's main thread);
//  - stop() sends SIGTERM to the group, SIGKILL after a short grace, and returns once every
//    process of the run is reaped and every ring drained.

#include <sys/types.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/channel/channel.h"
#include "core/channel/event_store.h"
#include "core/supervise/lab_log.h"

namespace interleave {

struct RunOptions {
    std::string labPath;  // the interleave-lab executable
    std::string scenario;
    std::vector<std::string> assignments;  // "name=value", already validated by the caller
    ChannelConfig channel;
    std::chrono::milliseconds termGrace{150};    // SIGTERM -> SIGKILL
    LogLevel logLevel = LogLevel::warn;          // what the lab logs
    std::string logFile;                         // also log there (timestamped); empty: no file
    ScheduleMode schedule = ScheduleMode::Free;  // Manual: every step waits for a grant
};

class Supervisor {
  public:
    explicit Supervisor(RunOptions options);
    ~Supervisor();
    Supervisor(const Supervisor&) = delete;
    Supervisor& operator=(const Supervisor&) = delete;

    // Called on the reader thread after every drain with the store's published size, and once
    // more when the run has finished. Set before start(); must be cheap and must not block.
    void setPublishCallback(std::function<void(std::size_t published, bool finished)> callback) {
        m_onPublish = std::move(callback);
    }

    // Called on the reader thread for each line the lab (or a process it forked) wrote to its
    // stderr, in order. Set before start(); must not block.
    void setLogCallback(std::function<void(const LabLogLine&)> callback) {
        m_onLog = std::move(callback);
    }
    // Every line so far.
    std::vector<LabLogLine> log() const;

    // Throws std::runtime_error when the channel or the process cannot be created.
    void start();
    pid_t labPid() const { return m_labPid; }

    bool finished() const;
    bool waitFinished(std::chrono::milliseconds timeout);

    void requestStop();  // asks the scenario to wind down by itself (producers stop, ...)
    void stop();         // ends the run now; idempotent
    void pause();
    void resume();
    void step(std::uint64_t grants = 1);
    void setSpeed(double factor);  // clamped to 0.05 .. 4

    EventStore& store() { return *m_store; }
    const Channel& channel() const { return m_channel; }
    // How the lab process ended, once it has (see exitStatus* in event.h).
    std::optional<std::int64_t> labStatus() const;

  private:
    void wakeReader();  // rings the doorbell the reader sleeps on
    void readerLoop();
    bool reapSome(class ChannelReader& reader);  // false once no child of the run is left
    // Marks the threads of `pid`, which ended normally, that never ended themselves.
    void markCutOff(pid_t pid);
    void appendProcessRow(pid_t pid, EventKind kind, std::int64_t b);
    void readLog(bool toEnd);  // reader thread; toEnd: the run is over, take the last piece too

    RunOptions m_options;
    Channel m_channel;
    std::unique_ptr<EventStore> m_store;
    pid_t m_labPid = -1;
    std::thread m_reader;
    std::function<void(std::size_t, bool)> m_onPublish;
    std::function<void(const LabLogLine&)> m_onLog;
    int m_logFd = -1;               // read end of the lab's stderr
    std::string m_logTail;          // reader thread: a line not finished yet
    std::vector<LabLogLine> m_log;  // guarded by m_mutex

    mutable std::mutex m_mutex;
    std::condition_variable m_finishedCv;
    bool m_finished = false;
    std::optional<std::int64_t> m_labStatus;
    bool m_stopped = false;
};

// The interleave-lab next to the running executable (both are built into one folder).
std::string siblingLabPath();

}  // namespace interleave
