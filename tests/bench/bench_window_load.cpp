#include "bench/bench_window_load.h"

#include <sys/resource.h>
#include <unistd.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>
#include <cstdio>
#include <fstream>

#include "ui/session/run_session.h"
#include "ui/window/main_window.h"

namespace interleave::bench {
namespace {

double selfCpuSeconds() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

long residentKiB() {
    std::ifstream statm("/proc/self/statm");
    long pages = 0, resident = 0;
    statm >> pages >> resident;
    return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

// The event loop as the program runs it, not a polling loop of the benchmark's own.
void runLoopFor(int ms) {
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

struct Load {
    double cpu = 0;        // of one core
    double perSecond = 0;  // events taken in
    double bytesPerEvent = 0;
    std::size_t events = 0;
    bool ran = false;
};

Load watch(const QString& scenario, const QStringList& assignments, double seconds) {
    using namespace interleave::ui;
    LaunchOptions options;
    options.scenario = scenario;
    options.assignments = assignments;
    MainWindow window(options);
    window.resize(1280, 720);
    window.show();
    runLoopFor(200);
    window.runScenario();
    runLoopFor(1000);  // the run under way, its lanes laid out
    auto* session = window.session();
    Load load;
    if (!session->active() || !session->store()) return load;
    const auto events0 = session->store()->size();
    const long rss0 = residentKiB();
    const double cpu0 = selfCpuSeconds();
    QElapsedTimer wall;
    wall.start();
    runLoopFor(static_cast<int>(seconds * 1000));
    const double cpu = selfCpuSeconds() - cpu0;
    const double elapsed = static_cast<double>(wall.nsecsElapsed()) / 1e9;
    load.events = session->store()->size() - events0;
    load.ran = session->active();
    load.cpu = cpu / elapsed;
    load.perSecond = static_cast<double>(load.events) / elapsed;
    load.bytesPerEvent = load.events ? static_cast<double>(residentKiB() - rss0) * 1024.0 /
                                           static_cast<double>(load.events)
                                     : 0;
    window.stopRun();
    QElapsedTimer stop;
    stop.start();
    while (session->active() && stop.elapsed() < 10'000)
        runLoopFor(20);
    return load;
}

}  // namespace

int judgeWindowLoad(double seconds, bool judge) {
    std::printf("\n== watching a live run, in the window (offscreen, 1280x720, %.0f s each) ==\n",
                seconds);
    const Load base = watch(QStringLiteral("producer-consumer"), {}, seconds);
    // At its maximum: 25 processes, 217 lanes; 100 ms rounds give about the rate, 7,400
    // events a second (the rate is printed).
    const Load big = watch(QStringLiteral("fork-tree"),
                           {QStringLiteral("children=8"), QStringLiteral("threads=8"),
                            QStringLiteral("grandchildren=4"), QStringLiteral("rounds=100000"),
                            QStringLiteral("work_ms=100")},
                           seconds);
    for (const auto& [name, l] :
         {std::pair{"producer-consumer (defaults)", base}, std::pair{"fork-tree (maximum)", big}})
        std::printf(
            "%s: %.1f%% of a core, %.0f events/s, %.1f bytes of resident memory an "
            "event (%zu events)%s\n",
            name, 100 * l.cpu, l.perSecond, l.bytesPerEvent, l.events,
            l.ran ? "" : " -- the run was not going the whole time");
    if (base.cpu > 0) std::printf("fork-tree / producer-consumer CPU: %.2fx\n", big.cpu / base.cpu);
    if (!judge) return base.events && big.events ? 0 : 1;
    const bool cpuMet = big.cpu < 0.25, memMet = big.bytesPerEvent <= 48;
    std::printf("fork-tree goals: < 25%% of a core %s; <= 48 bytes an event %s\n",
                cpuMet ? "MET" : "MISSED", memMet ? "MET" : "MISSED");
    return (cpuMet ? 0 : 1) + (memMet ? 0 : 1);
}

}  // namespace interleave::bench
