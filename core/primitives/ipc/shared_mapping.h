#pragma once
// One object of type T in an anonymous shared mapping, made before fork(): every child sees the
// same bytes, not a copy. It has no name, so nothing is left when the run's processes are gone.
// T must be safe to share between processes: lock-free atomics, process-shared semaphores.

#include <sys/mman.h>

#include <new>
#include <stdexcept>
#include <utility>

#include "core/schema/sys_text.h"

namespace interleave {

template <typename T>
class SharedMapping {
  public:
    template <typename... Args>
    explicit SharedMapping(Args&&... args) {
        void* mem =
            mmap(nullptr, sizeof(T), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
        if (mem == MAP_FAILED) throw std::runtime_error(errnoText("mmap(MAP_SHARED)"));
        m_object = new (mem) T(std::forward<Args>(args)...);
    }
    ~SharedMapping() {
        m_object->~T();
        munmap(m_object, sizeof(T));
    }
    SharedMapping(const SharedMapping&) = delete;
    SharedMapping& operator=(const SharedMapping&) = delete;

    T* operator->() const { return m_object; }
    T& operator*() const { return *m_object; }

  private:
    T* m_object = nullptr;
};

}  // namespace interleave
