#pragma once
// A reader-writer lock: any number of readers at once, or one writer alone. Which side goes
// first when both wait is the preference: reader-preferring lets a reader in whenever no writer
// is inside (a stream of overlapping readers can keep a writer out for ever: starvation);
// writer-preferring holds new readers back while a writer waits.

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string_view>

namespace interleave {

class TracedRwLock {
  public:
    enum class Prefer { Readers, Writers };
    TracedRwLock(std::string_view name, Prefer prefer);
    TracedRwLock(const TracedRwLock&) = delete;
    TracedRwLock& operator=(const TracedRwLock&) = delete;

    void lockShared();
    void unlockShared();
    void lock();
    void unlock();
    std::uint32_t id() const { return m_id; }

  private:
    bool readerMayEnter() const;

    std::mutex m_mutex;
    std::condition_variable m_cv;
    Prefer m_prefer;
    int m_readers = 0;         // inside
    bool m_writer = false;     // inside
    int m_writersWaiting = 0;  // asked and not yet in
    std::uint32_t m_id;
};

}  // namespace interleave
