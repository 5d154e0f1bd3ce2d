#pragma once
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string_view>

#include "core/primitives/object_link.h"

namespace interleave {

// A counting semaphore for threads of one process. Every value change is reported while the
// internal lock is held, so the value can be rebuilt exactly from the trace. close() wakes all
// waiters; acquire() then returns false once the value is 0 (how a pipeline shuts down).
class TracedSemaphore {
  public:
    TracedSemaphore(std::string_view name, std::uint32_t initial, ObjectLink link = {});

    bool acquire();
    void release();
    void close();
    std::uint32_t id() const { return m_id; }

  private:
    std::mutex m_mutex;
    std::condition_variable m_cv;
    std::int64_t m_value;
    bool m_closed = false;
    std::int64_t m_blocked = 0;  // threads blocked in acquire(), under m_mutex
    std::uint32_t m_id;
};

}  // namespace interleave
