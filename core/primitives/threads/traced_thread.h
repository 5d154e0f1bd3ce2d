#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <thread>

namespace interleave {

// A std::thread that is an actor from its first instruction: the creator claims the actor slot
// (so its thread_create event names the new actor), the thread publishes it with its real tid.
class TracedThread {
  public:
    TracedThread(std::string name, std::function<void()> body);
    TracedThread(const TracedThread&) = delete;
    TracedThread& operator=(const TracedThread&) = delete;
    TracedThread(TracedThread&&) = default;
    TracedThread& operator=(TracedThread&&) = default;
    ~TracedThread();

    void join();
    // A daemon thread: nobody waits for it. If it is still running when the scenario returns,
    // the lab ends without it, cutting it off mid-work (as Python does with daemon threads, and
    // as a C++ process does with detached ones when main returns).
    void detach();
    std::uint32_t actor() const { return m_actor; }

  private:
    std::uint32_t m_actor;
    std::thread m_thread;
};

}  // namespace interleave
