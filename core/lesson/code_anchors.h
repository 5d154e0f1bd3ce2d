#pragma once
// Ties a scenario's Python program to the engine's steps. A line that does what a step does
// carries an anchor comment, `value = counter  # step: read counter`, naming one or more step
// keys (comma separated). A key is a step's verb ("read", "lock", "wait", "put", "fork"...),
// optionally followed by the short name of its object ("read counter", "wait not_full": the
// object's name after its last '.' or space). This file is the one place that says which event
// kinds are steps and what they are called; lines are found through anchors only, never by
// line numbers kept by hand.

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/schema/event.h"

namespace interleave {

class EventStore;

// The verb of a step kind ("read", "lock"...), or empty when the kind is not a step.
std::string_view stepVerb(EventKind kind);
// The keys an event of `kind` on the object `objectName` may be anchored by, the most precise
// first ("wait not_full", then "wait"); empty when the kind is not a step.
std::vector<std::string> stepKeys(EventKind kind, std::string_view objectName);
// Whether `key` names a step: a known verb, alone or followed by an object's name.
bool knownStepKey(std::string_view key);

struct CodeAnchor {
    int line = 0;  // 1-based
    std::vector<std::string> keys;
};

class CodeAnchors {
  public:
    explicit CodeAnchors(std::string_view program);

    const std::vector<CodeAnchor>& anchors() const { return m_anchors; }
    // Every line anchored by `key`, in program order.
    std::vector<int> linesOf(std::string_view key) const;
    // The key an event is anchored by (its first candidate the program has), or empty.
    std::string keyFor(EventKind kind, std::string_view objectName) const;

    // The line each actor's current step is on at time `t` (ns): its last step event at or
    // before t, through its anchor (or, stopped at a scheduler's checkpoint, the step it waits
    // to take). An actor that has ended, or has taken no anchored step,
    // has no entry. A key on several lines (a lock taken by both `put` and `get`) is placed by
    // the actor's nearest steps before and after it that are on one line only: the line
    // closest to both.
    std::map<std::uint32_t, int> currentLines(const EventStore& store, std::int64_t t) const;

  private:
    int lineAt(const EventStore& store, std::uint32_t actor, std::size_t k,
               const std::string& key) const;
    std::vector<CodeAnchor> m_anchors;
};

}  // namespace interleave
