#pragma once
// What every model that follows a run's store does, so the window hands a new run, new events
// and a new cursor time to all of them in one loop, in one order (models/views: DESIGN.md).

#include <cstddef>
#include <cstdint>

#include "core/channel/event_store.h"

namespace interleave::ui {

class RunFollower {
  public:
    virtual ~RunFollower() = default;
    // A new run (or none): drop everything built from the old one.
    virtual void reset(const EventStore* store) = 0;
    // Rows [first, last) of the store are published; called on the GUI thread.
    virtual void append(std::size_t first, std::size_t last) = 0;
    // The shared time cursor moved; models that show "the state at the cursor" follow it.
    virtual void setCursorTime(std::int64_t) {}
};

}  // namespace interleave::ui
