#include "core/trace/trace_native.h"

#include "core/schema/sys_text.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <limits>
#include <set>
#include <vector>

namespace interleave {
namespace {

constexpr char kMagic[8] = {'I', 'L', 'V', 'T', 'R', 'A', 'C', 'E'};
constexpr char kEndMagic[8] = {'I', 'L', 'V', 'E', 'N', 'D', '0', '1'};

struct FileHeader {
    char magic[8];
    std::uint32_t version;
    std::uint32_t actorCount;
    std::uint64_t eventCount;
    std::uint32_t objectCount;
    std::uint32_t reserved;
    std::uint64_t stringBytes;
    TimeBase timeBase;
};

struct ActorRecord {
    std::uint32_t id;
    std::int32_t pid, ppid, tid;
    std::uint32_t nameOffset;
    std::uint32_t parentActor;
    std::uint16_t role;
    std::uint16_t reserved[3];
    std::uint64_t dropped;
};

// Version 2 wrote zeros where version 3 keeps role and owner, which read as "stands on its own".
struct ObjectRecord {
    std::uint32_t id;
    std::uint16_t kind;
    std::uint16_t role;
    std::uint32_t nameOffset;
    std::uint32_t capacity;
    std::int32_t ownerPid;
    std::uint32_t owner;
};

struct EventRecord {
    std::int64_t ns;
    std::uint32_t actor;
    std::uint16_t kind;
    std::uint16_t reserved;
    std::uint32_t object;
    std::uint32_t reserved2;
    std::int64_t a;
    std::int64_t b;
};

struct LossRecord {
    std::uint64_t eventsUntraced;
    std::uint32_t actorsRefused, forksFailed, objectsRefused, stringsRefused;
    std::uint64_t ringWaits;
};
static_assert(sizeof(LossRecord) == 32);

struct Trailer {
    std::uint64_t hash;
    char magic[8];
};

static_assert(sizeof(EventRecord) == 40);

std::uint64_t fnv1a(const char* data, std::size_t n, std::uint64_t h = 1469598103934665603ull) {
    for (std::size_t i = 0; i < n; ++i) {
        h ^= static_cast<unsigned char>(data[i]);
        h *= 1099511628211ull;
    }
    return h;
}

template <class T>
void put(std::string& buf, const T& v) {
    buf.append(reinterpret_cast<const char*>(&v), sizeof v);
}

// Writes through to a stream while hashing what passed, so a trace of any size is written in
// bounded memory.
class HashingWriter {
  public:
    explicit HashingWriter(std::ostream& out) : m_out(out) {}
    void write(const std::string& bytes) {
        m_hash = fnv1a(bytes.data(), bytes.size(), m_hash);
        m_out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    }
    std::uint64_t hash() const { return m_hash; }

  private:
    std::ostream& m_out;
    std::uint64_t m_hash = 1469598103934665603ull;
};

}  // namespace

bool writeNativeTrace(const EventStore& store, std::ostream& out, const CancelCheck& cancelled,
                      const RunDescription& description) {
    const auto actors = store.actors();
    const auto objects = store.objects();
    std::string strings(1, '\0');  // offset 0 is the empty string
    auto intern = [&](const std::string& s) {
        const auto at = static_cast<std::uint32_t>(strings.size());
        strings += s;
        strings += '\0';
        return at;
    };

    FileHeader h{};
    std::memcpy(h.magic, kMagic, sizeof kMagic);
    h.version = kProtocolVersion;
    h.actorCount = static_cast<std::uint32_t>(actors.size());
    h.objectCount = static_cast<std::uint32_t>(objects.size());
    const auto order = store.timeOrder();
    h.eventCount = order.size();
    h.timeBase = store.timeBase();

    std::string body;
    const auto l = store.losses();
    put(body, LossRecord{l.eventsUntraced, l.actorsRefused, l.forksFailed, l.objectsRefused,
                         l.stringsRefused, l.ringWaits});
    for (const auto& a : actors)
        put(body, ActorRecord{a.id,
                              a.pid,
                              a.ppid,
                              a.tid,
                              intern(a.name),
                              a.parentActor,
                              static_cast<std::uint16_t>(a.role),
                              {},
                              a.dropped});
    for (const auto& o : objects)
        put(body, ObjectRecord{o.id, static_cast<std::uint16_t>(o.kind),
                               static_cast<std::uint16_t>(o.role), intern(o.name), o.capacity,
                               o.ownerPid, o.owner});
    h.stringBytes = strings.size();
    HashingWriter w(out);
    std::string buf;
    put(buf, h);
    w.write(buf);
    w.write(body);
    w.write(strings);
    const auto about = runDescriptionJson(description);
    buf.clear();
    put(buf, static_cast<std::uint64_t>(about.size()));
    buf += about;
    w.write(buf);
    buf.clear();
    constexpr std::size_t kBatch = 1 << 14;
    for (std::size_t k = 0; k < order.size(); ++k) {
        const auto r = store.row(order[k]);
        put(buf, EventRecord{r.ns, r.actor, static_cast<std::uint16_t>(r.kind), 0, r.object, 0, r.a,
                             r.b});
        if (buf.size() >= kBatch * sizeof(EventRecord)) {
            w.write(buf);
            buf.clear();
            if (cancelled && cancelled()) return false;
            if (!out) return true;  // the caller reports the stream's error
        }
    }
    w.write(buf);
    Trailer t{w.hash(), {}};
    std::memcpy(t.magic, kEndMagic, sizeof kEndMagic);
    buf.clear();
    put(buf, t);
    out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
    return true;
}

namespace {

// Where a trace's bytes come from: a file read piece by piece (pread), or bytes in memory (the
// fuzz target). The parser asks only for the pieces it needs, so a file's header and the sizes
// it declares are checked against the file before anything large is read, and memory stays
// bounded by what the trace really holds.
class TraceSource {
  public:
    virtual ~TraceSource() = default;
    virtual std::uint64_t size() const = 0;
    // Copies [offset, offset + n) to `dst`; false (with `error` set) when that cannot be read.
    virtual bool read(std::uint64_t offset, char* dst, std::size_t n) = 0;
    std::string error;
};

class MemorySource final : public TraceSource {
  public:
    explicit MemorySource(const std::string& bytes) : m_bytes(bytes) {}
    std::uint64_t size() const override { return m_bytes.size(); }
    bool read(std::uint64_t offset, char* dst, std::size_t n) override {
        if (offset > m_bytes.size() || n > m_bytes.size() - offset) {
            error = "is truncated";
            return false;
        }
        std::memcpy(dst, m_bytes.data() + offset, n);
        return true;
    }

  private:
    const std::string& m_bytes;
};

class FileSource final : public TraceSource {
  public:
    FileSource(int fd, std::uint64_t size) : m_fd(fd), m_size(size) {}
    std::uint64_t size() const override { return m_size; }
    bool read(std::uint64_t offset, char* dst, std::size_t n) override {
        std::size_t got = 0;
        while (got < n) {
            const auto r = ::pread(m_fd, dst + got, n - got, static_cast<off_t>(offset + got));
            if (r < 0 && errno == EINTR) continue;
            if (r < 0) {
                error = errnoText("cannot be read");
                return false;
            }
            if (r == 0) {  // shrank while we read
                error = "changed while it was read (truncated?)";
                return false;
            }
            got += static_cast<std::size_t>(r);
        }
        return true;
    }

  private:
    int m_fd;
    std::uint64_t m_size;
};

NativeTraceLoad parseFrom(TraceSource& src, const std::string& path);

}  // namespace

NativeTraceLoad loadNativeTrace(const std::string& path) {
    NativeTraceLoad result;
    // O_NONBLOCK: opening a FIFO must not wait for a writer; fstat on the open file, so what
    // is checked is what is read.
    const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        result.error = path + ": " + errnoText("cannot be opened");
        return result;
    }
    struct stat st {};
    std::string why;
    if (fstat(fd, &st) != 0)
        why = errnoText("cannot be examined");
    else if (S_ISDIR(st.st_mode))
        why = "is a directory, not a trace file";
    else if (!S_ISREG(st.st_mode))
        why = "is not a regular file (a device, FIFO or socket), so it cannot be a trace";
    if (!why.empty()) {
        ::close(fd);
        result.error = path + ": " + why;
        return result;
    }
    FileSource src(fd, static_cast<std::uint64_t>(st.st_size));
    result = parseFrom(src, path);
    ::close(fd);
    return result;
}

NativeTraceLoad parseNativeTrace(const std::string& buf, const std::string& path) {
    MemorySource src(buf);
    return parseFrom(src, path);
}

namespace {

NativeTraceLoad parseFrom(TraceSource& src, const std::string& path) {
    NativeTraceLoad result;
    auto fail = [&](const std::string& why) {
        result.error = path + ": " + why;
        result.store.reset();
        return std::move(result);
    };
    auto unreadable = [&] { return fail(src.error); };
    const std::uint64_t fileBytes = src.size();
    if (fileBytes < sizeof(FileHeader) + sizeof(Trailer))
        return fail("too short to be an Interleave trace (truncated?)");
    FileHeader h;
    if (!src.read(0, reinterpret_cast<char*>(&h), sizeof h)) return unreadable();
    if (std::memcmp(h.magic, kMagic, sizeof kMagic) != 0) return fail("not an Interleave trace");
    if (h.version < kOldestTraceVersion || h.version > kProtocolVersion)
        return fail("trace format version " + std::to_string(h.version) + ", this program reads " +
                    std::to_string(kOldestTraceVersion) + " to " +
                    std::to_string(kProtocolVersion));
    Trailer t;
    if (!src.read(fileBytes - sizeof t, reinterpret_cast<char*>(&t), sizeof t)) return unreadable();
    if (std::memcmp(t.magic, kEndMagic, sizeof kEndMagic) != 0)
        return fail("the end of the file is missing (truncated?)");
    // Every count is bounded before the sum, so the sum cannot wrap (each term < 2^40).
    if (h.actorCount > 65536 || h.objectCount > (1u << 24) || h.eventCount > (1ull << 31) ||
        h.stringBytes > fileBytes || h.stringBytes == 0 || fileBytes > (std::uint64_t{1} << 40))
        return fail("sizes in the header do not match the file (truncated or corrupt)");
    const std::uint64_t tables = sizeof(FileHeader) + sizeof(LossRecord) +
                                 std::uint64_t{h.actorCount} * sizeof(ActorRecord) +
                                 std::uint64_t{h.objectCount} * sizeof(ObjectRecord) +
                                 h.stringBytes;
    // From version 9 the run's description follows the strings: its length, then its bytes.
    std::uint64_t aboutBytes = 0;
    const bool described = h.version >= 9;
    if (described) {
        if (tables + sizeof aboutBytes > fileBytes)
            return fail("sizes in the header do not match the file (truncated or corrupt)");
        if (!src.read(tables, reinterpret_cast<char*>(&aboutBytes), sizeof aboutBytes))
            return unreadable();
        if (aboutBytes > fileBytes)
            return fail("sizes in the header do not match the file (truncated or corrupt)");
    }
    const std::uint64_t head = tables + (described ? sizeof aboutBytes + aboutBytes : 0);
    const std::uint64_t expected = head + h.eventCount * sizeof(EventRecord) + sizeof(Trailer);
    // Up to here only the header, the trailer and one length were read: a file whose size is not
    // the one its header declares is refused before anything large is read or allocated.
    if (expected != fileBytes)
        return fail("sizes in the header do not match the file (truncated or corrupt)");
    if (h.timeBase.nsPerTickQ32 == 0) return fail("the header's time base is corrupt");
    // The checksum in pieces: constant memory for a file of any size.
    {
        constexpr std::size_t kPiece = 1 << 20;
        std::vector<char> piece(
            static_cast<std::size_t>(std::min<std::uint64_t>(kPiece, fileBytes)));
        std::uint64_t hash = 1469598103934665603ull;
        for (std::uint64_t at = 0, end = fileBytes - sizeof t; at < end;) {
            const auto n =
                static_cast<std::size_t>(std::min<std::uint64_t>(piece.size(), end - at));
            if (!src.read(at, piece.data(), n)) return unreadable();
            hash = fnv1a(piece.data(), n, hash);
            at += n;
        }
        if (hash != t.hash) return fail("checksum mismatch: the file is corrupt");
    }

    // The tables (bounded by the header's checked counts and the file's size), then the events
    // in batches straight into the store.
    std::string buf(static_cast<std::size_t>(head), '\0');
    if (!src.read(0, buf.data(), buf.size())) return unreadable();
    const char* p = buf.data() + sizeof h;
    LossRecord lr;
    std::memcpy(&lr, p, sizeof lr);
    p += sizeof lr;
    const char* strings =
        p + h.actorCount * sizeof(ActorRecord) + h.objectCount * sizeof(ObjectRecord);
    auto str = [&](std::uint32_t off) -> std::optional<std::string> {
        if (off >= h.stringBytes) return std::nullopt;
        return std::string(strings + off, strnlen(strings + off, h.stringBytes - off));
    };

    std::vector<ActorInfo> actors;
    std::set<std::uint32_t> actorIds;
    std::uint32_t maxActor = 0;
    for (std::uint32_t i = 0; i < h.actorCount; ++i, p += sizeof(ActorRecord)) {
        ActorRecord r;
        std::memcpy(&r, p, sizeof r);
        const auto name = str(r.nameOffset);
        if (!name || r.role > 1 || r.id >= 65536)
            return fail("actor record " + std::to_string(i) + " is corrupt");
        actors.push_back(ActorInfo{r.id, r.pid, r.ppid, r.tid, *name,
                                   static_cast<ActorRole>(r.role), r.parentActor, r.dropped});
        actorIds.insert(r.id);
        maxActor = std::max(maxActor, r.id);
    }
    std::vector<ObjectInfo> objects;
    std::set<std::uint32_t> objectIds = {kNoObject};
    for (std::uint32_t i = 0; i < h.objectCount; ++i, p += sizeof(ObjectRecord)) {
        ObjectRecord r;
        std::memcpy(&r, p, sizeof r);
        const auto name = str(r.nameOffset);
        if (!name || r.kind >= static_cast<std::uint16_t>(ObjectKind::Count_) ||
            r.role >= static_cast<std::uint16_t>(ObjectRole::Count_) ||
            (r.role == 0) != (r.owner == kNoObject))
            return fail("object record " + std::to_string(i) + " is corrupt");
        objects.push_back(ObjectInfo{r.id, static_cast<ObjectKind>(r.kind), *name, r.capacity,
                                     r.ownerPid, static_cast<ObjectRole>(r.role), r.owner});
        objectIds.insert(r.id);
    }
    for (const auto& o : objects)
        if (!objectIds.count(o.owner) || o.owner == o.id)
            return fail("object " + std::to_string(o.id) + " serves an object the trace lacks");
    p += h.stringBytes;
    if (described) {
        p += sizeof aboutBytes;
        std::string why;
        auto about = parseRunDescription(std::string(p, aboutBytes), why);
        if (!about) return fail(why);
        result.description = std::move(*about);
        p += aboutBytes;
    }

    result.store = std::make_unique<EventStore>(maxActor + 1);
    // Rows are stored in ns already: an identity time base keeps them exact.
    result.store->setTimeBase(
        TimeBase{0, h.timeBase.mono0Ns, std::uint64_t{1} << 32, h.timeBase.usesTsc});
    constexpr std::uint64_t kBatch = 1 << 14;
    std::vector<EventRecord> batch(
        static_cast<std::size_t>(std::min<std::uint64_t>(kBatch, h.eventCount)));
    for (std::uint64_t first = 0; first < h.eventCount; first += kBatch) {
        const auto n =
            static_cast<std::size_t>(std::min<std::uint64_t>(kBatch, h.eventCount - first));
        if (!src.read(head + first * sizeof(EventRecord), reinterpret_cast<char*>(batch.data()),
                      n * sizeof(EventRecord)))
            return unreadable();
        for (std::size_t k = 0; k < n; ++k) {
            const auto& r = batch[k];
            if (!isValidKind(r.kind) || !actorIds.count(r.actor) || !objectIds.count(r.object))
                return fail("event " + std::to_string(first + k) +
                            " is corrupt (unknown kind, actor or object)");
            result.store->appendRow(
                Row{r.ns, r.actor, static_cast<EventKind>(r.kind), r.object, r.a, r.b});
        }
    }
    result.store->setActors(std::move(actors));
    result.store->setObjects(std::move(objects));
    result.store->setLosses(CaptureLosses{lr.eventsUntraced, lr.actorsRefused, lr.forksFailed,
                                          lr.objectsRefused, lr.stringsRefused, lr.ringWaits});
    result.store->publish();
    return result;
}

}  // namespace

}  // namespace interleave
