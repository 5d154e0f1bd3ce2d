#include "core/supervise/lab_engine.h"

#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <exception>

#include "core/channel/channel.h"
#include "core/primitives/ipc/run_names.h"
#include "core/primitives/runtime.h"
#include "core/scenarios/scenario.h"
#include "core/schema/sys_text.h"
#include "core/supervise/lab_log.h"

#include <spdlog/spdlog.h>

namespace interleave {
namespace {

constexpr int kLabNice = 5;

// The supervisor is gone (PR_SET_PDEATHSIG): take the whole run down with us. kill() and
// _exit() are async-signal-safe.
void onSupervisorDeath(int) {
    removeOwnNamesFromSignalHandler();  // nobody is left to remove a queue's or FIFO's name
    kill(0, SIGKILL);
    _exit(137);
}

// The lab is the run's subreaper: after the scenario, it reaps every orphan that was
// re-parented to it and reports each one. A pid it reaps without having recorded its
// re-parenting (the orphan was already dying when its parent died, so its handler never ran) is
// recorded as re-parented now, from this fact: the subreaper reaped a pid it did not fork.
int reapOrphans(const Channel& channel) {
    for (int reaped = 0;; ++reaped) {
        siginfo_t info{};
        while (waitid(P_ALL, 0, &info, WEXITED) != 0) {
            if (errno != EINTR) return reaped;  // ECHILD: nothing of the run is left
        }
        spdlog::debug(
            "reaped orphan pid {}: {}", info.si_pid,
            exitStatusText(info.si_code == CLD_EXITED ? exitStatusExited(info.si_status)
                                                      : exitStatusSignaled(info.si_status)));
        const auto status = info.si_code == CLD_EXITED ? exitStatusExited(info.si_status)
                                                       : exitStatusSignaled(info.si_status);
        for (std::uint32_t i = 0; i < channel.actorLimit(); ++i) {
            auto& e = channel.actor(i);
            if (!e.ready.load(std::memory_order_acquire) || e.pid != info.si_pid ||
                e.role != ActorRole::ProcessMain)
                continue;
            e.reparentedTo.store(getpid(), std::memory_order_relaxed);
            std::uint64_t none = 0;
            e.reparentTicks.compare_exchange_strong(none, orderedTicks(),
                                                    std::memory_order_release);
        }
        Runtime::emitOrdered(EventKind::ProcessExit, kNoObject, info.si_pid, status);
    }
}

int usage(const char* why) {
    std::fprintf(stderr, "interleave-lab __engine: %s (this mode is started by the supervisor)\n",
                 why);
    return 2;
}

}  // namespace

int runLabEngine(const std::vector<std::string>& args) {
    int fd = -1;
    pid_t parent = -1;
    std::string scenarioName;
    std::vector<std::string> assignments;
    LogLevel logLevel = LogLevel::warn;
    std::string logFile;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const auto& a = args[i];
        const bool hasValue = i + 1 < args.size();
        if (a == "--fd" && hasValue)
            fd = std::atoi(args[++i].c_str());
        else if (a == "--parent" && hasValue)
            parent = std::atoi(args[++i].c_str());
        else if (a == "--set" && hasValue)
            assignments.push_back(args[++i]);
        else if (a == "--log-level" && hasValue) {
            const auto level = parseLogLevel(args[++i]);
            if (!level) return usage("bad --log-level");
            logLevel = *level;
        } else if (a == "--log-file" && hasValue)
            logFile = args[++i];
        else if (scenarioName.empty())
            scenarioName = a;
        else
            return usage("unexpected argument");
    }
    if (fd < 0 || parent <= 0 || scenarioName.empty())
        return usage("missing --fd, --parent or scenario");
    try {
        setupLabLogging(logLevel, logFile);
    } catch (const std::exception& e) {
        // The run goes on without its file; the supervisor shows why.
        setupLabLogging(logLevel, {});
        spdlog::warn("cannot write the log file {}: {}", logFile, e.what());
    }

    // SIGHUP rather than SIGTERM, so that Stop's SIGTERM is reported as what it is.
    prepareOwnNamesForSignalHandler();
    signal(SIGHUP, onSupervisorDeath);
    prctl(PR_SET_PDEATHSIG, SIGHUP);
    if (getppid() != parent) return 3;  // the supervisor died before the death signal was set
    // Orphans of the run come here, not to the supervisor or init: the lab reaps and reports
    // them, and each lab child dies with the lab (Runtime::enterChildProcess).
    prctl(PR_SET_CHILD_SUBREAPER, 1);
    // The recorder outranks what it records: on a machine with fewer cores than busy scenario
    // threads, the supervisor's reader must still get the CPU to drain the rings. Every thread
    // and process of the run inherits this, so they stay equal among themselves.
    if (setpriority(PRIO_PROCESS, 0, kLabNice) != 0)
        spdlog::warn(
            "could not lower the lab's priority ({}): on a busy machine the recorder "
            "may fall behind the scenario",
            errnoText("setpriority", errno));

    const Scenario* scenario = findScenario(scenarioName);
    if (!scenario) return usage("unknown scenario");
    const auto params = resolveParams(scenario->params, assignments);
    if (!params.ok()) {
        spdlog::error("{}", params.error);
        return 2;
    }
    std::string paramText;
    for (const auto& a : assignments)
        paramText += " " + a;
    spdlog::info("lab pid {} runs {}{}", getpid(), scenario->name,
                 paramText.empty() ? " with its defaults" : paramText);

    try {
        Channel channel = Channel::attach(fd);
        channel.closeFd();  // the mapping is all we need, and forked children inherit it
        channel.control().labPid.store(getpid());
        Runtime::install(&channel);
        Runtime::registerThread("main", kNoActor, ActorRole::ProcessMain);
        const int rc = scenario->run(params.values);
        spdlog::info("{} returned {}", scenario->name, rc);
        const auto orphans = reapOrphans(channel);
        if (orphans) spdlog::info("reaped {} orphaned process(es) of the run", orphans);
        Runtime::sampleCpu(true);
        Runtime::actorExit(rc);
        Runtime::detachThread();
        if (const int daemons = Runtime::liveThreads(); daemons > 0) {
            // Daemon threads still at work: the process ends under them, now, with the channel
            // still mapped (unmapping it would pull the rings from under their writes). What
            // they recorded so far is in the rings; their last step never finishes.
            spdlog::info("{} daemon thread(s) still running as the scenario returned: cut off",
                         daemons);
            spdlog::shutdown();
            _exit(rc);
        }
        Runtime::install(nullptr);
        return rc;
    } catch (const std::exception& e) {
        spdlog::error("{} failed: {}", scenario->name, e.what());
        return 1;
    }
}

}  // namespace interleave
