#include "core/primitives/ipc/shared_ring.h"

#include <sys/mman.h>

#include <new>
#include <stdexcept>

#include "core/primitives/runtime.h"
#include "core/schema/sys_text.h"

namespace interleave {

struct SharedRing::Header {
    SharedSemaphore freeSlots, filledSlots, lock;
    std::atomic<std::int64_t> nextItem;
    std::uint32_t head, tail, count;  // under `lock`
};
static_assert(std::atomic<std::int64_t>::is_always_lock_free);

SharedRing::SharedRing(const std::string& name, std::uint32_t slots)
    : m_slots(slots), m_id(Runtime::registerObject(ObjectKind::SharedSegment, name, slots)) {
    m_bytes = sizeof(Header) + slots * (sizeof(std::int64_t) + 1);
    void* mem = mmap(nullptr, m_bytes, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (mem == MAP_FAILED) throw std::runtime_error(errnoText("mmap(MAP_SHARED)"));
    m_header = new (mem) Header{};
    m_items = reinterpret_cast<std::int64_t*>(static_cast<char*>(mem) + sizeof(Header));
    m_full = reinterpret_cast<std::uint8_t*>(m_items + slots);
    m_header->freeSlots.init(name + ".free_slots", slots, {ObjectRole::Space, m_id});
    m_header->filledSlots.init(name + ".filled_slots", 0, {ObjectRole::Items, m_id});
    m_header->lock.init(name + ".lock", 1, {ObjectRole::Guard, m_id});
    m_header->nextItem.store(1);
}

SharedRing::~SharedRing() {
    m_header->freeSlots.destroy();
    m_header->filledSlots.destroy();
    m_header->lock.destroy();
    munmap(m_header, m_bytes);
}

std::int64_t SharedRing::nextItem() {
    return m_header->nextItem.fetch_add(1);
}

bool SharedRing::put(std::int64_t item) {
    auto& h = *m_header;
    if (!h.freeSlots.acquire()) return false;
    if (!h.lock.acquire()) return false;
    const auto slot = h.tail;
    if (m_full[slot])
        throw std::logic_error("slot " + std::to_string(slot) + " still holds item " +
                               std::to_string(m_items[slot]) + ", which nobody took");
    m_items[slot] = item;  // the write that lands in the other processes' memory
    m_full[slot] = 1;
    h.tail = (slot + 1) % m_slots;
    ++h.count;
    Runtime::emitOrdered(
        EventKind::QueuePut, m_id, item,
        static_cast<std::int64_t>(static_cast<std::uint64_t>(slot) << 32 | h.count));
    h.lock.release();
    h.filledSlots.release();
    return true;
}

std::optional<std::int64_t> SharedRing::get() {
    auto& h = *m_header;
    if (!h.filledSlots.acquire()) return std::nullopt;
    if (!h.lock.acquire()) return std::nullopt;
    if (h.count == 0) {  // a token from close(): nothing more will come
        h.lock.release();
        return std::nullopt;
    }
    const auto slot = h.head;
    if (!m_full[slot]) throw std::logic_error("slot " + std::to_string(slot) + " is empty");
    const auto item = m_items[slot];  // read from memory another process wrote
    m_full[slot] = 0;                 // the bytes stay; the slot is free to overwrite
    h.head = (slot + 1) % m_slots;
    --h.count;
    Runtime::emitOrdered(
        EventKind::QueueGet, m_id, item,
        static_cast<std::int64_t>(static_cast<std::uint64_t>(slot) << 32 | h.count));
    h.lock.release();
    h.freeSlots.release();
    return item;
}

void SharedRing::close(int consumers) {
    auto& h = *m_header;
    if (!h.lock.acquire()) return;
    Runtime::emitOrdered(EventKind::QueueClosed, m_id, h.count);
    h.lock.release();
    // One extra token per consumer: each ends on the one it finds with the ring empty.
    for (int i = 0; i < consumers; ++i)
        h.filledSlots.release();
}

}  // namespace interleave
