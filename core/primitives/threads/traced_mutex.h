#pragma once
#include <cstdint>
#include <mutex>
#include <string_view>

#include "core/primitives/object_link.h"

namespace interleave {

// A std::mutex that reports request / acquired (and whether it had to wait) / released.
class TracedMutex {
  public:
    explicit TracedMutex(std::string_view name, ObjectLink link = {});
    TracedMutex(const TracedMutex&) = delete;
    TracedMutex& operator=(const TracedMutex&) = delete;

    void lock();
    void unlock();
    std::uint32_t id() const { return m_id; }
    // For TracedCondVar, which releases and re-acquires the lock while waiting.
    std::mutex& native() { return m_mutex; }

  private:
    std::mutex m_mutex;
    std::uint32_t m_id;
};

}  // namespace interleave
