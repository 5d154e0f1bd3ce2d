#include "core/lesson/code_anchors.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <utility>

#include "core/channel/event_store.h"

namespace interleave {
namespace {

// The steps and their verbs. Kinds not here (a lock acquired, a wake-up, cpu time, the
// recorder's own events) happen inside a step's line or on no line at all.
constexpr std::array<std::pair<EventKind, std::string_view>, 31> kVerbs = {{
    {EventKind::ThreadCreate, "start"},
    {EventKind::JoinRequest, "join"},
    {EventKind::ProcessFork, "fork"},
    {EventKind::ProcessExec, "exec"},
    {EventKind::ProcessWait, "wait"},
    {EventKind::LockRequest, "lock"},
    {EventKind::LockTryFailed, "lock"},
    {EventKind::LockReleased, "unlock"},
    {EventKind::CondWait, "wait"},
    {EventKind::CondNotifyOne, "signal"},
    {EventKind::CondNotifyAll, "signal all"},
    {EventKind::SemBlock, "acquire"},
    {EventKind::SemAcquired, "acquire"},
    {EventKind::SemReleased, "release"},
    {EventKind::QueuePut, "put"},
    {EventKind::QueueGet, "get"},
    {EventKind::QueueClosed, "close"},
    {EventKind::WorkBegin, "work"},
    {EventKind::IoWaitBegin, "io"},
    {EventKind::SharedRead, "read"},
    {EventKind::SharedWrite, "write"},
    {EventKind::SharedAdd, "add"},
    {EventKind::RwReadRequest, "read lock"},
    {EventKind::RwReadReleased, "read unlock"},
    {EventKind::RwWriteRequest, "write lock"},
    {EventKind::RwWriteReleased, "write unlock"},
    {EventKind::MsgSend, "send"},
    {EventKind::MsgSendBlocks, "send"},
    {EventKind::MsgReceive, "receive"},
    {EventKind::MsgReceiveBlocks, "receive"},
    {EventKind::MsgEnd, "receive"},
}};
// Signals and faults, kept apart to keep the table above readable.
constexpr std::array<std::pair<EventKind, std::string_view>, 5> kSignalVerbs = {{
    {EventKind::SignalSend, "kill"},
    {EventKind::SignalHandled, "handle"},
    {EventKind::SignalBlocked, "mask"},
    {EventKind::SignalWait, "pause"},
    {EventKind::ProcessFault, "crash"},
}};

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

// "buffer.not_full" -> "not_full", "lock A" -> "A".
std::string_view shortName(std::string_view name) {
    const auto cut = name.find_last_of(". ");
    return cut == std::string_view::npos ? name : name.substr(cut + 1);
}

bool endsActor(EventKind k) {
    return k == EventKind::ActorExit || k == EventKind::ThreadCutOff;
}

constexpr std::size_t kLookAround = 64;  // events searched each way to place a shared key

}  // namespace

std::string_view stepVerb(EventKind kind) {
    for (const auto& [k, verb] : kVerbs)
        if (k == kind) return verb;
    for (const auto& [k, verb] : kSignalVerbs)
        if (k == kind) return verb;
    return {};
}

std::vector<std::string> stepKeys(EventKind kind, std::string_view objectName) {
    const auto verb = stepVerb(kind);
    if (verb.empty()) return {};
    std::vector<std::string> keys;
    const auto object = shortName(objectName);
    if (!object.empty()) keys.push_back(std::string(verb) + " " + std::string(object));
    keys.emplace_back(verb);
    return keys;
}

bool knownStepKey(std::string_view key) {
    const auto known = [key](std::string_view verb) {
        return key == verb || (key.size() > verb.size() + 1 && key.substr(0, verb.size()) == verb &&
                               key[verb.size()] == ' ');
    };
    return std::any_of(kVerbs.begin(), kVerbs.end(),
                       [&](const auto& v) { return known(v.second); }) ||
           std::any_of(kSignalVerbs.begin(), kSignalVerbs.end(),
                       [&](const auto& v) { return known(v.second); });
}

CodeAnchors::CodeAnchors(std::string_view program) {
    static constexpr std::string_view kTag = "# step:";
    int line = 0;
    while (!program.empty()) {
        ++line;
        const auto eol = program.find('\n');
        const auto text = program.substr(0, eol);
        program = eol == std::string_view::npos ? std::string_view{} : program.substr(eol + 1);
        const auto at = text.find(kTag);
        if (at == std::string_view::npos) continue;
        CodeAnchor anchor{line, {}};
        auto rest = text.substr(at + kTag.size());
        while (!rest.empty()) {
            const auto comma = rest.find(',');
            const auto key = trim(rest.substr(0, comma));
            if (!key.empty()) anchor.keys.emplace_back(key);
            rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
        }
        if (!anchor.keys.empty()) m_anchors.push_back(std::move(anchor));
    }
}

std::vector<int> CodeAnchors::linesOf(std::string_view key) const {
    std::vector<int> lines;
    for (const auto& a : m_anchors)
        if (std::find(a.keys.begin(), a.keys.end(), key) != a.keys.end()) lines.push_back(a.line);
    return lines;
}

std::string CodeAnchors::keyFor(EventKind kind, std::string_view objectName) const {
    for (auto& key : stepKeys(kind, objectName))
        if (!linesOf(key).empty()) return key;
    return {};
}

int CodeAnchors::lineAt(const EventStore& store, std::uint32_t actor, std::size_t k,
                        const std::string& key) const {
    const auto keyOf = [&](std::size_t j) {
        const auto i = store.actorEvent(actor, j);
        return keyFor(store.kind(i), store.objectName(store.objectOf(i)));
    };
    const auto lines = linesOf(key);
    if (lines.size() <= 1) return lines.empty() ? 0 : lines.front();
    // The nearest steps before and after it that are on one line only.
    int next = 0;
    int prev = 0;
    const auto count = store.actorEventCount(actor);
    for (std::size_t j = k + 1; j < count && j <= k + kLookAround && next == 0; ++j)
        if (const auto other = linesOf(keyOf(j)); other.size() == 1) next = other.front();
    for (std::size_t j = k; j-- > 0 && j + kLookAround >= k && prev == 0;)
        if (const auto other = linesOf(keyOf(j)); other.size() == 1) prev = other.front();
    // The line closest to both (in a loop the next step may be above); on a tie, the one at or
    // before the next step, else at or after the previous one.
    int best = lines.front();
    long bestScore = -1;
    for (const int line : lines) {
        long score = (next ? std::abs(line - next) : 0) + (prev ? std::abs(line - prev) : 0);
        score = 2 * score + ((next && line > next) || (!next && prev && line < prev) ? 1 : 0);
        if (bestScore < 0 || score < bestScore) {
            best = line;
            bestScore = score;
        }
    }
    return best;
}

std::map<std::uint32_t, int> CodeAnchors::currentLines(const EventStore& store,
                                                       std::int64_t t) const {
    std::map<std::uint32_t, int> out;
    for (const auto& actor : store.actors()) {
        for (std::size_t j = store.actorLowerBound(actor.id, t + 1); j-- > 0;) {
            const auto i = store.actorEvent(actor.id, j);
            auto kind = store.kind(i);
            if (endsActor(kind)) break;
            // Stopped at a checkpoint, by hand: on the line of the step it waits to take.
            if (kind == EventKind::CheckpointWait) kind = static_cast<EventKind>(store.row(i).a);
            const auto key = keyFor(kind, store.objectName(store.objectOf(i)));
            if (key.empty()) continue;
            if (const int line = lineAt(store, actor.id, j, key); line > 0) out[actor.id] = line;
            break;
        }
    }
    return out;
}

}  // namespace interleave
