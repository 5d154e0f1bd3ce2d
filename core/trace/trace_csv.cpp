#include "core/trace/trace_csv.h"

#include <fmt/format.h>

#include <map>

#include "core/schema/event_kinds.h"
#include "core/trace/trace_chrome.h"

namespace interleave {

std::string csvField(const std::string& text) {
    if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
    std::string out = "\"";
    for (const char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + '"';
}

bool writeCsvTrace(const EventStore& store, std::ostream& out, const CancelCheck& cancelled) {
    std::map<std::uint32_t, std::string> actorText;  // "id,name,pid,tid", escaped once
    for (const auto& a : store.actors())
        actorText[a.id] = fmt::format("{},{},{},{}", a.id, csvField(a.name), a.pid, a.tid);
    std::map<std::uint32_t, std::string> objectText = {{kNoObject, fmt::format("{},", kNoObject)}};
    for (const auto& o : store.objects())
        objectText[o.id] = fmt::format("{},{}", o.id, csvField(o.name));
    auto lookup = [](const std::map<std::uint32_t, std::string>& m, std::uint32_t id) {
        const auto it = m.find(id);
        return it == m.end() ? fmt::format("{},", id) : it->second;
    };
    fmt::memory_buffer buf;
    fmt::format_to(std::back_inserter(buf), "{}\n", kCsvHeader);
    const auto order = store.timeOrder();
    for (std::size_t k = 0; k < order.size(); ++k) {
        const auto r = store.row(order[k]);
        fmt::format_to(std::back_inserter(buf), "{},{},{},{},{},{},{}\n", r.ns,
                       lookup(actorText, r.actor), kindInfo(r.kind).name,
                       lookup(objectText, r.object), r.a, r.b, eventValue(r));
        if (buf.size() > (1u << 16)) {
            out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
            buf.clear();
            if (cancelled && cancelled()) return false;
        }
    }
    out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
    return true;
}

}  // namespace interleave
