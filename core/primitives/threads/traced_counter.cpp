#include "core/primitives/threads/traced_counter.h"

#include "core/primitives/runtime.h"
#include "core/sys/clock.h"

namespace interleave {

TracedCounter::TracedCounter(std::string_view name)
    : m_id(Runtime::registerObject(ObjectKind::Variable, name, 0)) {}

// Stamps are ordered (lfence; rdtsc) and taken right after the access. A thread may still be
// preempted between the two, so what proves a lost update is the exchanged value, not the time.
std::int64_t TracedCounter::read() {
    Runtime::checkpoint(EventKind::SharedRead, m_id);
    const auto v = m_value.load(std::memory_order_relaxed);
    Runtime::emitOrdered(EventKind::SharedRead, m_id, v);
    return v;
}

void TracedCounter::write(std::int64_t value) {
    Runtime::checkpoint(EventKind::SharedWrite, m_id, value);
    // Stamped before the store (cause before effect): a thread that reads the new value
    // records its read after this write. The value replaced is the exchange's own result.
    const auto stamp = orderedTicks();
    const auto old = m_value.exchange(value, std::memory_order_relaxed);
    Runtime::emitAt(stamp, EventKind::SharedWrite, m_id, value, old);
}

void TracedCounter::add() {
    Runtime::checkpoint(EventKind::SharedAdd, m_id);
    const auto old = m_value.fetch_add(1, std::memory_order_relaxed);
    Runtime::emitOrdered(EventKind::SharedAdd, m_id, old + 1, old);
}

void TracedCounter::becomeCopy(std::string_view name) {
    m_id = Runtime::registerObject(ObjectKind::Variable, name);
    reportAddress();
}

void TracedCounter::reportAddress() const {
    Runtime::emit(EventKind::VariableAt, m_id,
                  static_cast<std::int64_t>(reinterpret_cast<std::uintptr_t>(&m_value)));
}

}  // namespace interleave
