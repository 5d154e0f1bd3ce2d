#include "core/event_store.h"

#include <algorithm>
#include <numeric>

namespace interleave {
namespace {
constexpr std::size_t kMaxChunks = 1 << 15;       // 2^31 events
constexpr std::size_t kMaxActorChunks = 1 << 14;  // 2^26 events per actor
}  // namespace

EventStore::EventStore(std::uint32_t maxActors)
    : m_maxActors(maxActors),
      m_ns(kMaxChunks),
      m_actor(kMaxChunks),
      m_kind(kMaxChunks),
      m_object(kMaxChunks),
      m_a(kMaxChunks),
      m_b(kMaxChunks),
      m_index(maxActors) {}

void EventStore::indexRow(std::size_t i, std::uint32_t actor) {
    if (actor >= m_maxActors) return;
    auto& slot = m_index[actor];
    if (!slot) slot = std::make_unique<ActorIndex>(kMaxActorChunks);
    auto& idx = *slot;
    if (idx.written == idx.published.load(std::memory_order_relaxed)) m_touched.push_back(&idx);
    idx.rows.ensure(idx.written);
    idx.rows[idx.written++] = static_cast<std::uint32_t>(i);
}

void EventStore::append(const Event* events, std::size_t n, const TimeBase& base) {
    // Column by column over contiguous chunk spans: the loops stay simple enough to vectorise,
    // which is what keeps the reader near memcpy speed.
    std::size_t done = 0;
    while (done < n) {
        std::size_t room = 0;
        const std::size_t at = m_written + done;
        std::int64_t* ns = m_ns.spanAt(at, room);
        const std::size_t k = std::min(room, n - done);
        std::uint32_t* actor = &(m_actor.ensure(at), m_actor[at]);
        EventKind* kind = &(m_kind.ensure(at), m_kind[at]);
        std::uint32_t* object = &(m_object.ensure(at), m_object[at]);
        std::int64_t* a = &(m_a.ensure(at), m_a[at]);
        std::int64_t* b = &(m_b.ensure(at), m_b[at]);
        const Event* src = events + done;
        for (std::size_t j = 0; j < k; ++j) {
            ns[j] = base.toNs(src[j].ticks);
            actor[j] = src[j].actor;
            kind[j] = src[j].kind;
            object[j] = src[j].object;
            a[j] = src[j].a;
            b[j] = src[j].b;
        }
        for (std::size_t j = 0; j < k; ++j) indexRow(at + j, src[j].actor);
        done += k;
    }
    m_written += n;
}

void EventStore::appendRow(const Row& r) {
    const auto i = m_written;
    m_ns.ensure(i);
    m_actor.ensure(i);
    m_kind.ensure(i);
    m_object.ensure(i);
    m_a.ensure(i);
    m_b.ensure(i);
    m_ns[i] = r.ns;
    m_actor[i] = r.actor;
    m_kind[i] = r.kind;
    m_object[i] = r.object;
    m_a[i] = r.a;
    m_b[i] = r.b;
    indexRow(i, r.actor);
    ++m_written;
}

void EventStore::publish() {
    for (auto* idx : m_touched) idx->published.store(idx->written, std::memory_order_release);
    m_touched.clear();
    m_published.store(m_written, std::memory_order_release);
}

Row EventStore::row(std::size_t i) const {
    return Row{m_ns[i], m_actor[i], m_kind[i], m_object[i], m_a[i], m_b[i]};
}

std::size_t EventStore::actorEventCount(std::uint32_t actor) const {
    if (actor >= m_maxActors || !m_index[actor]) return 0;
    return m_index[actor]->published.load(std::memory_order_acquire);
}

std::size_t EventStore::actorEvent(std::uint32_t actor, std::size_t k) const {
    return m_index[actor]->rows[k];
}

std::size_t EventStore::actorLowerBound(std::uint32_t actor, std::int64_t t) const {
    std::size_t lo = 0, hi = actorEventCount(actor);
    while (lo < hi) {
        const auto mid = lo + (hi - lo) / 2;
        if (m_ns[actorEvent(actor, mid)] < t)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

void EventStore::setActors(std::vector<ActorInfo> actors) {
    std::lock_guard lock(m_metaMutex);
    m_actors = std::move(actors);
}

void EventStore::setObjects(std::vector<ObjectInfo> objects) {
    std::lock_guard lock(m_metaMutex);
    m_objects = std::move(objects);
}

void EventStore::setDropped(std::uint32_t actor, std::uint64_t dropped) {
    std::lock_guard lock(m_metaMutex);
    for (auto& a : m_actors)
        if (a.id == actor) a.dropped = dropped;
}

std::vector<ActorInfo> EventStore::actors() const {
    std::lock_guard lock(m_metaMutex);
    return m_actors;
}

std::vector<ObjectInfo> EventStore::objects() const {
    std::lock_guard lock(m_metaMutex);
    return m_objects;
}

std::uint64_t EventStore::totalDropped() const {
    std::lock_guard lock(m_metaMutex);
    std::uint64_t total = 0;
    for (const auto& a : m_actors) total += a.dropped;
    return total;
}

std::string EventStore::objectName(std::uint32_t id) const {
    std::lock_guard lock(m_metaMutex);
    for (const auto& o : m_objects)
        if (o.id == id) return o.name;
    return {};
}

std::vector<std::uint32_t> EventStore::timeOrder() const {
    std::vector<std::uint32_t> order(size());
    std::iota(order.begin(), order.end(), 0u);
    std::stable_sort(order.begin(), order.end(),
                     [this](std::uint32_t x, std::uint32_t y) { return m_ns[x] < m_ns[y]; });
    return order;
}

}  // namespace interleave
