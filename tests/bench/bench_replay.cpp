#include "bench/bench_replay.h"

#include <unistd.h>

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include "bench/synthetic_store.h"
#include "core/trace/trace_file.h"
#include "ui/session/run_session.h"
#include "ui/session/time_cursor.h"
#include "ui/window/main_window.h"

namespace interleave::bench {
namespace {

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

long residentKiB() {
    std::ifstream statm("/proc/self/statm");
    long pages = 0, resident = 0;
    statm >> pages >> resident;
    return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

}  // namespace

int judgeReplay(std::size_t events, bool judge) {
    using namespace interleave::ui;
    std::printf("\n== replay of a saved run, in the window (offscreen, 1280x720) ==\n");
    const auto path = QDir::temp()
                          .filePath(QStringLiteral("interleave_bench_replay_%1.ilt").arg(getpid()))
                          .toStdString();
    {
        const auto store = syntheticStore(events);
        const auto written = writeTraceFile(*store, path, {}, describeRun("deadlock", {}, 1));
        if (!written.error.empty()) {
            std::printf("cannot write the trace: %s\n", written.error.c_str());
            return 1;
        }
    }
    std::vector<double> readMs, openMs, seekMs;
    for (int r = 0; r < 3; ++r) {  // the baseline: the file's bytes into memory
        QElapsedTimer t;
        t.start();
        std::ifstream in(path, std::ios::binary);
        const std::string bytes((std::istreambuf_iterator<char>(in)),
                                std::istreambuf_iterator<char>());
        readMs.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
        if (bytes.empty()) return 1;
    }
    LaunchOptions options;
    options.scenario = QStringLiteral("deadlock");
    MainWindow window(options);
    window.resize(1280, 720);
    window.show();
    QCoreApplication::processEvents();
    const long before = residentKiB();
    long after = before;
    for (int r = 0; r < 3; ++r) {
        QElapsedTimer t;
        t.start();
        window.openTraceFile(QString::fromStdString(path));
        QCoreApplication::processEvents();  // the whole run drawn and on screen
        openMs.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
        if (r == 0) after = residentKiB();
    }
    const bool opened = window.session()->isReplay() && window.session()->store() &&
                        window.session()->store()->size() == events / kLanes * kLanes;
    std::mt19937 rng(7);
    const auto end = window.session()->nowNs();
    for (int k = 0; k < 40; ++k) {
        const auto at = static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(end + 1));
        QElapsedTimer t;
        t.start();
        window.cursor()->setTime(at);
        QCoreApplication::processEvents();  // every view at the new time, painted
        seekMs.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
    }
    std::remove(path.c_str());
    const double read = median(readMs), open = median(openMs), seek = median(seekMs);
    const double worstSeek = *std::max_element(seekMs.begin(), seekMs.end());
    std::printf("%zu events: reading the file %.1f ms (baseline)\n", events, read);
    std::printf(
        "open (load, models, drawn): median %.1f ms, %.1fx the read; resident memory "
        "+%ld MiB (%.0f bytes an event)\n",
        open, open / read, (after - before) / 1024,
        static_cast<double>(after - before) * 1024.0 / static_cast<double>(events));
    std::printf("seek to a random moment (every view, painted): median %.2f ms, worst %.2f ms\n",
                seek, worstSeek);
    if (!opened) {
        std::printf("the trace did not open whole: FAILED\n");
        return 1;
    }
    if (!judge) return 0;
    int missed = 0;
    const bool openMet = open <= 1000, seekMet = worstSeek <= 50;
    missed += openMet ? 0 : 1;
    missed += seekMet ? 0 : 1;
    std::printf("open goal <= 1000 ms: %s; seek goal <= 50 ms (worst): %s\n",
                openMet ? "MET" : "MISSED", seekMet ? "MET" : "MISSED");
    return missed;
}

}  // namespace interleave::bench
