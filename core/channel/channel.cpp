#include "core/channel/channel.h"
#include "core/schema/sys_text.h"

#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <new>
#include <stdexcept>
#include <string>

namespace interleave {
namespace {

std::uint64_t alignUp(std::uint64_t v, std::uint64_t a) {
    return (v + a - 1) / a * a;
}

bool isPowerOfTwo(std::uint32_t v) {
    return v != 0 && (v & (v - 1)) == 0;
}

}  // namespace

Channel Channel::create(const ChannelConfig& config) {
    if (!isPowerOfTwo(config.ringSlots) || config.ringSlots < 16 || config.maxActors == 0 ||
        config.maxActors > 65535 || config.maxObjects < 2 || config.arenaBytes < 16)
        throw std::invalid_argument("invalid channel configuration");

    ChannelHeader h{};
    h.magic = kChannelMagic;
    h.version = kProtocolVersion;
    h.headerBytes = sizeof(ChannelHeader);
    h.config = config;
    h.offControl = alignUp(sizeof(ChannelHeader), 64);
    h.offActors = alignUp(h.offControl + sizeof(ControlBlock), 64);
    h.offObjects = alignUp(h.offActors + std::uint64_t{config.maxActors} * sizeof(ActorEntry), 64);
    h.offArena = alignUp(h.offObjects + std::uint64_t{config.maxObjects} * sizeof(ObjectEntry), 64);
    h.offRings = alignUp(h.offArena + config.arenaBytes, 4096);
    h.ringStride =
        alignUp(sizeof(RingHeader) + std::uint64_t{config.ringSlots} * sizeof(Event), 4096);
    h.totalBytes = h.offRings + h.ringStride * config.maxActors;
    h.timeBase = makeTimeBase();

    // A memfd lives only as long as someone holds it or maps it: nothing can be left behind in
    // /dev/shm, whatever crashes.
    const int fd = memfd_create("interleave-channel", MFD_CLOEXEC);
    if (fd < 0) throw std::runtime_error(errnoText("memfd_create"));
    if (ftruncate(fd, static_cast<off_t>(h.totalBytes)) != 0) {
        const auto msg = errnoText("ftruncate(channel)");
        ::close(fd);
        throw std::runtime_error(msg);
    }
    void* p = mmap(nullptr, h.totalBytes, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (p == MAP_FAILED) {
        const auto msg = errnoText("mmap(channel)");
        ::close(fd);
        throw std::runtime_error(msg);
    }
    auto* base = static_cast<std::byte*>(p);
    // ftruncate gave zero-filled pages, which is every atomic's initial value, except for the
    // ones set below.
    std::memcpy(base, &h, sizeof h);
    Channel ch(fd, base, h.totalBytes);
    auto& c = ch.control();
    new (&c) ControlBlock{};
    c.speedMilli.store(1000);
    c.objectCount.store(1);  // object 0 is "none"
    c.arenaUsed.store(1);    // offset 0 is the empty string
    return ch;
}

Channel Channel::attach(int fd) {
    struct stat st {};
    if (fstat(fd, &st) != 0) throw std::runtime_error(errnoText("channel fd"));
    if (static_cast<std::size_t>(st.st_size) < sizeof(ChannelHeader))
        throw std::runtime_error("channel is smaller than its header");
    ChannelHeader h{};
    if (pread(fd, &h, sizeof h, 0) != static_cast<ssize_t>(sizeof h))
        throw std::runtime_error(errnoText("reading channel header"));
    if (h.magic != kChannelMagic) throw std::runtime_error("not an Interleave channel (bad magic)");
    if (h.version != kProtocolVersion)
        throw std::runtime_error("channel protocol version " + std::to_string(h.version) +
                                 ", this program speaks " + std::to_string(kProtocolVersion));
    if (h.totalBytes != static_cast<std::uint64_t>(st.st_size))
        throw std::runtime_error("channel size does not match its header");
    void* p = mmap(nullptr, h.totalBytes, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (p == MAP_FAILED) throw std::runtime_error(errnoText("mmap(channel)"));
    return Channel(fd, static_cast<std::byte*>(p), h.totalBytes);
}

Channel::Channel(Channel&& other) noexcept
    : m_fd(other.m_fd), m_base(other.m_base), m_size(other.m_size) {
    other.m_fd = -1;
    other.m_base = nullptr;
    other.m_size = 0;
}

Channel& Channel::operator=(Channel&& other) noexcept {
    if (this != &other) {
        release();
        m_fd = other.m_fd;
        m_base = other.m_base;
        m_size = other.m_size;
        other.m_fd = -1;
        other.m_base = nullptr;
        other.m_size = 0;
    }
    return *this;
}

Channel::~Channel() {
    release();
}

void Channel::release() {
    if (m_base) munmap(m_base, m_size);
    closeFd();
    m_base = nullptr;
    m_size = 0;
}

void Channel::closeFd() {
    if (m_fd >= 0) ::close(m_fd);
    m_fd = -1;
}

std::uint32_t Channel::intern(std::string_view text) const {
    const auto bytes = static_cast<std::uint32_t>(text.size() + 1);
    auto& used = control().arenaUsed;
    const auto at = used.fetch_add(bytes, std::memory_order_relaxed);
    if (std::uint64_t{at} + bytes > config().arenaBytes) {
        if (!text.empty()) control().stringsRefused.fetch_add(1, std::memory_order_relaxed);
        return 0;
    }
    char* dst = reinterpret_cast<char*>(m_base + header().offArena + at);
    std::memcpy(dst, text.data(), text.size());
    dst[text.size()] = '\0';
    return at;
}

std::string_view Channel::string(std::uint32_t offset) const {
    const auto limit = std::min<std::uint64_t>(control().arenaUsed.load(std::memory_order_acquire),
                                               config().arenaBytes);
    if (offset == 0 || offset >= limit) return {};
    const char* s = reinterpret_cast<const char*>(m_base + header().offArena + offset);
    return std::string_view(s, strnlen(s, limit - offset));
}

std::uint32_t Channel::claimActor() const {
    const auto i = control().actorCount.fetch_add(1, std::memory_order_relaxed);
    if (i < config().maxActors) return i;
    control().actorsRefused.fetch_add(1, std::memory_order_relaxed);
    return kNoActor;
}

void Channel::publishActor(std::uint32_t index, std::string_view name, ActorRole role,
                           std::uint32_t parentActor, int pid, int ppid, int tid) const {
    auto& e = actor(index);
    e.pid = pid;
    e.ppid = ppid;
    e.tid = tid;
    e.nameOffset = intern(name);
    e.parentActor = parentActor;
    e.role = role;
    e.ready.store(1, std::memory_order_release);
}

std::uint32_t Channel::registerObject(ObjectKind kind, std::string_view name,
                                      std::uint32_t capacity, ObjectRole role,
                                      std::uint32_t owner) const {
    const auto i = control().objectCount.fetch_add(1, std::memory_order_relaxed);
    if (i >= config().maxObjects) {
        control().objectsRefused.fetch_add(1, std::memory_order_relaxed);
        return kNoObject;
    }
    auto& e = object(i);
    e.kind = kind;
    e.nameOffset = intern(name);
    e.capacity = capacity;
    e.ownerPid = static_cast<std::int32_t>(getpid());
    e.role = role;
    e.owner = owner;
    e.ready.store(1, std::memory_order_release);
    return i;
}

std::uint32_t Channel::actorLimit() const {
    return std::min(control().actorCount.load(std::memory_order_acquire), config().maxActors);
}

std::uint32_t Channel::objectLimit() const {
    return std::min(control().objectCount.load(std::memory_order_acquire), config().maxObjects);
}

}  // namespace interleave
