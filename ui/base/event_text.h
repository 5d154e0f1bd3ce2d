#pragma once
// Events in plain language, for captions and tooltips: "consumer 2 waits: the buffer is empty".

#include <QString>
#include <functional>
#include <vector>

#include "core/analysis/wait_for.h"
#include "core/channel/event_store.h"

namespace interleave::ui {

struct Names {
    std::function<QString(std::uint32_t actor)> actor;
    std::function<QString(std::uint32_t object)> object;
    // The object's record (kind, role, owner, capacity); nullptr when unknown.
    std::function<const ObjectInfo*(std::uint32_t object)> info;
    // "child 1 (pid 4242)" for a process of the run, "process 4242" for another.
    std::function<QString(std::int64_t pid)> process;
};

// An empty string for events too small to caption (work_end, ...).
QString describeEvent(const Row& row, const Names& names);
// A wait-for cycle in one sentence: "thread 1 waits for lock B, held by thread 2, which waits
// for lock A, held by thread 1"; empty when `graph` has no cycle.
QString deadlockSentence(const WaitForGraph& graph, const Names& names);

QString exitText(std::int64_t status);

}  // namespace interleave::ui
