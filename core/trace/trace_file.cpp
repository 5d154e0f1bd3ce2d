#include "core/trace/trace_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <memory>
#include <streambuf>
#include <vector>

#include "core/schema/sys_text.h"
#include "core/trace/trace_chrome.h"
#include "core/trace/trace_csv.h"
#include "core/trace/trace_perfetto.h"

namespace interleave {
namespace {

bool endsWith(const std::string& path, std::string_view suffix) {
    return path.size() >= suffix.size() &&
           path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0;
}
bool isJson(const std::string& path) {
    return endsWith(path, ".json");
}
bool isCsv(const std::string& path) {
    return endsWith(path, ".csv");
}
bool isPerfetto(const std::string& path) {
    return endsWith(path, ".pftrace") || endsWith(path, ".perfetto-trace");
}

std::string directoryOf(const std::string& path) {
    const auto slash = path.rfind('/');
    if (slash == std::string::npos) return ".";
    return slash == 0 ? "/" : path.substr(0, slash);
}

// A fresh temporary file beside `path`: same directory, so the final rename is atomic.
std::string makeTemp(const std::string& path, std::string& error, const std::string& what) {
    std::string tmp = path + ".partial-XXXXXX";
    const int fd = mkstemp(tmp.data());
    if (fd < 0) {
        error = errnoText("cannot write the " + what + " '" + path + "': " + directoryOf(path));
        return {};
    }
    fchmod(fd, 0644);
    ::close(fd);
    return tmp;
}

// Streams the trace in the format `path` names.
bool writeAs(const std::string& path, const EventStore& store, std::ostream& out,
             const CancelCheck& cancelled, const RunDescription& description) {
    return isJson(path)       ? writeChromeTrace(store, out, cancelled, description)
           : isCsv(path)      ? writeCsvTrace(store, out, cancelled)
           : isPerfetto(path) ? writePerfettoTrace(store, out, cancelled)
                              : writeNativeTrace(store, out, cancelled, description);
}

// Counts what is written to it and keeps nothing.
class CountingBuffer final : public std::streambuf {
  public:
    std::uint64_t count() const { return m_count; }

  protected:
    int_type overflow(int_type c) override {
        if (!traits_type::eq_int_type(c, traits_type::eof())) ++m_count;
        return traits_type::not_eof(c);
    }
    std::streamsize xsputn(const char*, std::streamsize n) override {
        m_count += static_cast<std::uint64_t>(n);
        return n;
    }

  private:
    std::uint64_t m_count = 0;
};

std::uint64_t bytesWritten(const std::string& path, const EventStore& store,
                           const RunDescription& description) {
    CountingBuffer counter;
    std::ostream out(&counter);
    writeAs(path, store, out, {}, description);
    return counter.count();
}

// A store with the same actors and objects and the events at `picks` (ascending time order).
std::unique_ptr<EventStore> sampleOf(const EventStore& store,
                                     const std::vector<std::uint32_t>& picks) {
    const auto actors = store.actors();
    std::uint32_t maxActor = 0;
    for (const auto& a : actors)
        maxActor = std::max(maxActor, a.id);
    auto sample = std::make_unique<EventStore>(maxActor + 1);
    const auto& base = store.timeBase();
    // Rows are copied in ns: an identity time base keeps them exact (as the trace loader does).
    sample->setTimeBase(TimeBase{0, base.mono0Ns, std::uint64_t{1} << 32, base.usesTsc});
    for (const auto i : picks)
        sample->appendRow(store.row(i));
    sample->setActors(actors);
    sample->setObjects(store.objects());
    sample->setLosses(store.losses());
    sample->publish();
    return sample;
}

}  // namespace

std::string checkTracePath(const std::string& path, const std::string& what,
                           const std::string& example) {
    if (path.empty()) return "the " + what + " path is empty: give a file name, e.g. " + example;
    struct stat st {};
    if (stat(path.c_str(), &st) == 0) {
        if (S_ISDIR(st.st_mode)) return "'" + path + "' is a directory";
        if (!S_ISREG(st.st_mode))
            return "'" + path + "' is not a regular file; give a file name to write the " + what +
                   " to";
    }
    std::string error;
    const auto tmp = makeTemp(path, error, what);
    if (tmp.empty()) return error;
    unlink(tmp.c_str());
    return {};
}

std::uint64_t estimateTraceBytes(const EventStore& store, const std::string& path,
                                 const RunDescription& description) {
    // Measured, not guessed: a sample of the run's own events goes through the very writer the
    // file will get, into a counter. Bytes per event differ between runs (names, states, slices),
    // so a fixed figure was off by a third. The sample is a few windows of consecutive events
    // (the writers follow each actor's states from event to event), spread over the run.
    // Windows of store order, not time order: sorting a whole large store by time would cost
    // as much as a good part of the writing. Each window holds consecutive drained spans of
    // several actors; sorted by time it is a stretch of the run as the writers see one.
    constexpr std::size_t kWindows = 8, kWindow = 1024;
    const auto size = store.size();
    if (size <= kWindows * kWindow) return bytesWritten(path, store, description);
    std::vector<std::uint32_t> picks;
    picks.reserve(kWindows * kWindow);
    for (std::size_t w = 0; w < kWindows; ++w) {
        const auto first = (size - kWindow) * w / (kWindows - 1);
        const auto from = picks.size();
        for (std::size_t i = first; i < first + kWindow; ++i)
            picks.push_back(static_cast<std::uint32_t>(i));
        std::stable_sort(
            picks.begin() + static_cast<std::ptrdiff_t>(from), picks.end(),
            [&](std::uint32_t x, std::uint32_t y) { return store.ns(x) < store.ns(y); });
    }
    const auto fixed = bytesWritten(path, *sampleOf(store, {}), description);
    const auto sampled = bytesWritten(path, *sampleOf(store, picks), description);
    const double perEvent = static_cast<double>(sampled > fixed ? sampled - fixed : 0) /
                            static_cast<double>(picks.size());
    return fixed + static_cast<std::uint64_t>(perEvent * static_cast<double>(size));
}

TraceWriteResult writeTraceFile(const EventStore& store, const std::string& path,
                                const CancelCheck& cancelled, const RunDescription& description) {
    TraceWriteResult result;
    if (auto why = checkTracePath(path); !why.empty()) {
        result.error = why;
        return result;
    }
    const auto tmp = makeTemp(path, result.error, "trace");
    if (tmp.empty()) return result;
    bool complete = false;
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out) {
            result.error = errnoText("cannot open " + tmp + " for writing");
            unlink(tmp.c_str());
            return result;
        }
        complete = writeAs(path, store, out, cancelled, description);
        out.flush();
        if (complete && !out) {
            result.error = errnoText("writing " + path + " failed");
            complete = false;
        }
        result.bytes = complete ? static_cast<std::uint64_t>(out.tellp()) : 0;
    }
    if (!complete) {
        result.cancelled = result.error.empty();
        unlink(tmp.c_str());
        return result;
    }
    if (rename(tmp.c_str(), path.c_str()) != 0) {
        result.error = errnoText("cannot put the trace at " + path);
        unlink(tmp.c_str());
    }
    return result;
}

}  // namespace interleave
