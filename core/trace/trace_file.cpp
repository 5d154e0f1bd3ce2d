#include "core/trace/trace_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>

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

std::uint64_t estimateTraceBytes(const EventStore& store, const std::string& path) {
    // Measured on producer-consumer traces: ~150 bytes of JSON per event (instant + state
    // slices), 40 bytes per native record.
    // CSV: ~70 bytes a row.
    return static_cast<std::uint64_t>(store.size()) * (isJson(path) ? 150 : isCsv(path) ? 70 : 40);
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
        complete = isJson(path)       ? writeChromeTrace(store, out, cancelled, description)
                   : isCsv(path)      ? writeCsvTrace(store, out, cancelled)
                   : isPerfetto(path) ? writePerfettoTrace(store, out, cancelled)
                                      : writeNativeTrace(store, out, cancelled, description);
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
