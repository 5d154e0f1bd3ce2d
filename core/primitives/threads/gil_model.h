#pragma once
// The GIL model: a real lock in the lab process that a "Python" thread must hold to compute, as
// CPython's global interpreter lock (3.2 and later, ceval_gil.c):
//  - a thread that wants it and finds it held waits up to one switch interval (5 ms by default,
//    sys.getswitchinterval()); if no other thread took it meanwhile, it sets a drop request;
//  - the holder checks the drop request between small steps of its computation (CPython's eval
//    breaker) and, when set, drops the lock and then waits until another thread has taken it
//    (forced switching), so that it cannot take it straight back;
//  - a blocking wait (I/O) drops it before and takes it again after: others compute meanwhile.
// Every step is recorded: gil_request, gil_drop_request, gil_acquired, gil_released.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string_view>

#include "core/schema/event.h"

namespace interleave {

class GilModel {
  public:
    GilModel(std::string_view name, std::chrono::nanoseconds switchInterval);
    GilModel(const GilModel&) = delete;
    GilModel& operator=(const GilModel&) = delete;

    void take();
    void drop(GilDropReason why);
    // The holder's check between two steps of computing: drops and takes back when asked.
    void yieldIfAsked() {
        if (m_dropRequest.load(std::memory_order_relaxed)) {
            drop(GilDropReason::Asked);
            take();
        }
    }
    std::uint32_t id() const { return m_id; }
    std::uint64_t switches() const;  // times it changed hands (taken by a thread)

  private:
    mutable std::mutex m_mutex;
    std::condition_variable m_released;  // the lock became free
    std::condition_variable m_switched;  // another thread took it (for forced switching)
    bool m_locked = false;
    std::uint32_t m_holder = kNoActor;
    int m_waiting = 0;
    std::uint64_t m_switches = 0;
    std::atomic<bool> m_dropRequest{false};
    std::chrono::nanoseconds m_interval;
    std::uint32_t m_id = kNoObject;
};

}  // namespace interleave
