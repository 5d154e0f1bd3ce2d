// Native trace files: the format round-trips, refuses truncated, corrupt or hostile files with a
// message, and carries the run's description and notes. (The exports: test_trace_exports.cpp.)

#include <gtest/gtest.h>
#include <sys/resource.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <sstream>

#include "core/trace/run_description.h"
#include "core/trace/trace_chrome.h"
#include "core/trace/trace_file.h"
#include "core/trace/trace_native.h"
#include "trace_test_helpers.h"

using namespace interleave;
using namespace interleave::test;

TEST(NativeTrace, RoundTripsEveryEventActorAndObject) {
    auto& store = const_cast<Supervisor&>(sampleRun()).store();
    const auto path = tempPath(".ilt");
    ASSERT_EQ(writeTraceFile(store, path).error, "");
    const auto loaded = loadNativeTrace(path);
    ASSERT_TRUE(loaded.store) << loaded.error;
    const auto& back = *loaded.store;
    ASSERT_EQ(back.size(), store.size());
    const auto order = store.timeOrder();
    for (std::size_t i = 0; i < order.size(); ++i) {
        const auto a = store.row(order[i]);
        const auto b = back.row(i);
        ASSERT_EQ(a.ns, b.ns);
        ASSERT_EQ(a.actor, b.actor);
        ASSERT_EQ(a.kind, b.kind);
        ASSERT_EQ(a.object, b.object);
        ASSERT_EQ(a.a, b.a);
        ASSERT_EQ(a.b, b.b);
    }
    ASSERT_EQ(back.actors().size(), store.actors().size());
    for (std::size_t i = 0; i < back.actors().size(); ++i) {
        EXPECT_EQ(back.actors()[i].name, store.actors()[i].name);
        EXPECT_EQ(back.actors()[i].tid, store.actors()[i].tid);
        EXPECT_EQ(back.actorEventCount(back.actors()[i].id),
                  store.actorEventCount(store.actors()[i].id));
    }
    EXPECT_EQ(back.objectName(objectId(store, "buffer")), "buffer");
    // objects() returns a copy: keep each, never a reference into a temporary.
    const auto written = store.objects();
    const auto read = back.objects();
    ASSERT_EQ(read.size(), written.size());
    int roles = 0;
    for (std::size_t i = 0; i < read.size(); ++i) {
        const auto& a = written[i];
        const auto& b = read[i];
        EXPECT_EQ(b.kind, a.kind);
        EXPECT_EQ(b.role, a.role) << a.name;
        EXPECT_EQ(b.owner, a.owner) << a.name;
        EXPECT_EQ(b.capacity, a.capacity);
        roles += a.role != ObjectRole::Own;
    }
    EXPECT_EQ(roles, 3) << "the buffer's lock and both conditions serve it";
    std::remove(path.c_str());
}

TEST(NativeTrace, TruncatedAndCorruptFilesAreRefusedWithAReason) {
    auto& store = const_cast<Supervisor&>(sampleRun()).store();
    const auto path = tempPath(".ilt");
    ASSERT_EQ(writeTraceFile(store, path).error, "");
    const auto good = slurp(path);

    spit(path, good.substr(0, good.size() / 2));
    auto r = loadNativeTrace(path);
    EXPECT_FALSE(r.store);
    EXPECT_NE(r.error.find("truncated"), std::string::npos) << r.error;

    spit(path, good.substr(0, 10));
    r = loadNativeTrace(path);
    EXPECT_FALSE(r.store);
    EXPECT_NE(r.error.find("truncated"), std::string::npos) << r.error;

    auto flipped = good;
    flipped[good.size() / 2] = static_cast<char>(flipped[good.size() / 2] ^ 0x5a);
    spit(path, flipped);
    r = loadNativeTrace(path);
    EXPECT_FALSE(r.store);
    EXPECT_NE(r.error.find("corrupt"), std::string::npos) << r.error;

    spit(path, "{\"traceEvents\":[]}");
    r = loadNativeTrace(path);
    EXPECT_FALSE(r.store);
    EXPECT_NE(r.error.find(path), std::string::npos) << "the message names the file";

    EXPECT_FALSE(loadNativeTrace(path + ".missing").store);
    std::remove(path.c_str());
}

namespace {
std::uint64_t fnv1a(const std::string& s) {
    std::uint64_t h = 1469598103934665603ull;
    for (const char c : s) {
        h ^= static_cast<unsigned char>(c);
        h *= 1099511628211ull;
    }
    return h;
}
// Rewrites the trailer's checksum so the file passes that check and reaches the others.
void reseal(std::string& bytes) {
    const auto h = fnv1a(bytes.substr(0, bytes.size() - 16));
    std::memcpy(bytes.data() + bytes.size() - 16, &h, sizeof h);
}
}  // namespace

TEST(NativeTrace, SizesThatWrapPast64BitsAreRefusedNotFollowed) {
    auto& store = const_cast<Supervisor&>(sampleRun()).store();
    const auto path = tempPath(".ilt");
    ASSERT_EQ(writeTraceFile(store, path).error, "");
    auto bytes = slurp(path);
    // Header: eventCount (u64) at 16, stringBytes (u64) at 32. A thousand more events and
    // 40,000 fewer string bytes, modulo 2^64: the sum of sizes is unchanged, the string size is
    // near 2^64, and a reader that adds before it checks walks off the end of the file.
    std::uint64_t events = 0, strings = 0;
    std::memcpy(&events, bytes.data() + 16, 8);
    std::memcpy(&strings, bytes.data() + 32, 8);
    events += 1000;
    strings -= 40'000;  // wraps
    std::memcpy(bytes.data() + 16, &events, 8);
    std::memcpy(bytes.data() + 32, &strings, 8);
    reseal(bytes);
    spit(path, bytes);
    const auto r = loadNativeTrace(path);
    EXPECT_FALSE(r.store);
    EXPECT_NE(r.error.find("sizes in the header"), std::string::npos) << r.error;
    std::remove(path.c_str());
}

TEST(NativeTrace, ResealedRandomDamageIsRefusedOrLoadedNeverCrashes) {
    // The checksum guards against accidents, not against crafted files: damage resealed with a
    // valid checksum must meet the loader's own checks.
    auto& store = const_cast<Supervisor&>(sampleRun()).store();
    const auto path = tempPath(".ilt");
    ASSERT_EQ(writeTraceFile(store, path).error, "");
    const auto good = slurp(path);
    std::uint32_t x = 12345;
    int refused = 0;
    for (int i = 0; i < 300; ++i) {
        auto bytes = good;
        for (int k = 0; k < 4; ++k) {
            x = x * 1664525u + 1013904223u;
            const auto at = (x >> 8) % (bytes.size() - 16);
            bytes[at] = static_cast<char>(x & 0xff);
        }
        reseal(bytes);
        const auto r = parseNativeTrace(bytes, "crafted");
        if (!r.store) {
            ++refused;
            EXPECT_FALSE(r.error.empty());
            continue;
        }
        // Loaded: every lookup a view makes must stay inside the store.
        const auto order = r.store->timeOrder();
        for (const auto& a : r.store->actors())
            for (std::size_t k = 0; k < r.store->actorEventCount(a.id); ++k)
                ASSERT_LT(r.store->actorEvent(a.id, k), r.store->size());
    }
    EXPECT_GT(refused, 0);
    std::remove(path.c_str());
}

namespace {
// Where the object records start: header, losses, then the actor records.
constexpr std::size_t kHeaderBytes = 72, kLossBytes = 32, kActorBytes = 40, kObjectBytes = 24;
std::size_t objectRecordAt(const std::string& bytes, std::size_t i) {
    std::uint32_t actors = 0;
    std::memcpy(&actors, bytes.data() + 12, 4);
    return kHeaderBytes + kLossBytes + actors * kActorBytes + i * kObjectBytes;
}
// Where the run's description (version 9 on: u64 length, then JSON) starts: after the strings.
std::size_t descriptionAt(const std::string& bytes) {
    std::uint32_t objects = 0;
    std::uint64_t strings = 0;
    std::memcpy(&objects, bytes.data() + 24, 4);
    std::memcpy(&strings, bytes.data() + 32, 8);
    return objectRecordAt(bytes, objects) + strings;
}
// The file as a version 8 writer made it: no description.
std::string asVersion(std::string bytes, std::uint32_t version) {
    const auto at = descriptionAt(bytes);
    std::uint64_t length = 0;
    std::memcpy(&length, bytes.data() + at, 8);
    bytes.erase(at, 8 + length);
    std::memcpy(bytes.data() + 8, &version, 4);
    reseal(bytes);
    return bytes;
}
}  // namespace

TEST(NativeTrace, ARunsDescriptionAndNotesRoundTrip) {
    auto& store = const_cast<Supervisor&>(sampleRun()).store();
    auto about =
        describeRun("producer-consumer", {{"producers", "2"}, {"variant", "semaphore"}}, 0.5);
    about.durationNs = 1'234'567'890;
    about.annotations = {{5'000'000, 1, "here the buffer is full"},
                         {7'000'000, 2, "le consommateur attend \"encore\" ✓"}};
    about.pauses = {{1'000'000, 2'500'000}, {3'000'000, 3'000'500}};
    EXPECT_EQ(about.program, "interleave " + std::string(INTERLEAVE_TEST_VERSION));
    EXPECT_GT(about.cores, 0u);
    const auto path = tempPath(".ilt");
    ASSERT_EQ(writeTraceFile(store, path, {}, about).error, "");
    const auto loaded = loadNativeTrace(path);
    ASSERT_TRUE(loaded.store) << loaded.error;
    EXPECT_EQ(loaded.description, about);
    EXPECT_EQ(loaded.store->size(), store.size());

    // The Chrome trace carries the same description.
    const auto json = tempPath(".json");
    ASSERT_EQ(writeTraceFile(store, json, {}, about).error, "");
    const auto doc = nlohmann::json::parse(slurp(json));
    std::string error;
    const auto back = parseRunDescription(doc.at("otherData").at("run").dump(), error);
    ASSERT_TRUE(back) << error;
    EXPECT_EQ(*back, about);
    std::remove(path.c_str());
    std::remove(json.c_str());
}

TEST(RunDescription, PausesAreOptionalAndMustNotRunBackwardsOrOverlap) {
    auto about = describeRun("race-condition", {}, 1);
    about.pauses = {{10, 20}};
    auto doc = nlohmann::json::parse(runDescriptionJson(about));
    std::string error;
    doc.erase("pauses");  // a description written before pauses were kept
    const auto older = parseRunDescription(doc.dump(), error);
    ASSERT_TRUE(older) << error;
    EXPECT_TRUE(older->pauses.empty());
    for (const char* bad :
         {"[[20, 10]]", "[[-5, 10]]", "[[10, 30], [20, 40]]", "[[10]]", "[\"x\"]", "7"}) {
        doc["pauses"] = nlohmann::json::parse(bad);
        error.clear();
        EXPECT_FALSE(parseRunDescription(doc.dump(), error)) << bad;
        EXPECT_NE(error.find("description"), std::string::npos) << bad << ": " << error;
    }
}

TEST(NativeTrace, AVersionEightFileOpensWithoutADescriptionAndADamagedOneIsRefused) {
    auto& store = const_cast<Supervisor&>(sampleRun()).store();
    const auto path = tempPath(".ilt");
    ASSERT_EQ(writeTraceFile(store, path, {}, describeRun("producer-consumer", {}, 1)).error, "");
    const auto bytes = slurp(path);
    const auto v8 = parseNativeTrace(asVersion(bytes, 8), "v8");
    ASSERT_TRUE(v8.store) << v8.error;
    EXPECT_TRUE(v8.description.scenario.empty());
    EXPECT_EQ(v8.store->size(), store.size());

    auto damaged = bytes;
    damaged[descriptionAt(bytes) + 8] = 'x';  // the JSON's opening brace
    reseal(damaged);
    const auto r = parseNativeTrace(damaged, "damaged");
    EXPECT_FALSE(r.store);
    EXPECT_NE(r.error.find("description"), std::string::npos) << r.error;

    auto incomplete = bytes;
    const auto at = incomplete.find("\"cores\"", descriptionAt(bytes));
    ASSERT_NE(at, std::string::npos);
    incomplete.replace(at, 7, "\"corez\"");
    reseal(incomplete);
    const auto r2 = parseNativeTrace(incomplete, "incomplete");
    EXPECT_FALSE(r2.store);
    EXPECT_NE(r2.error.find("description"), std::string::npos) << r2.error;

    auto tooLong = bytes;
    const std::uint64_t huge = tooLong.size() + 1;
    std::memcpy(tooLong.data() + descriptionAt(bytes), &huge, 8);
    reseal(tooLong);
    const auto r3 = parseNativeTrace(tooLong, "too long");
    EXPECT_FALSE(r3.store);
    EXPECT_NE(r3.error.find("sizes"), std::string::npos) << r3.error;
    std::remove(path.c_str());
}

// Version 2 wrote zeros where role and owner are now kept: such files still open, every object
// standing on its own.
TEST(NativeTrace, VersionTwoFilesOpenWithObjectsStandingAlone) {
    auto& store = const_cast<Supervisor&>(sampleRun()).store();
    const auto path = tempPath(".ilt");
    ASSERT_EQ(writeTraceFile(store, path).error, "");
    auto bytes = asVersion(slurp(path), 2);
    for (std::size_t i = 0; i < store.objects().size(); ++i) {
        const auto at = objectRecordAt(bytes, i);
        std::memset(bytes.data() + at + 6, 0, 2);   // role
        std::memset(bytes.data() + at + 20, 0, 4);  // owner
    }
    reseal(bytes);
    const auto r = parseNativeTrace(bytes, "v2");
    ASSERT_TRUE(r.store) << r.error;
    for (const auto& o : r.store->objects()) {
        EXPECT_EQ(o.role, ObjectRole::Own);
        EXPECT_EQ(o.owner, kNoObject);
    }
    const std::uint32_t newerVersion = kProtocolVersion + 1;
    std::memcpy(bytes.data() + 8, &newerVersion, 4);
    reseal(bytes);
    const auto newer = parseNativeTrace(bytes, "newer");
    EXPECT_FALSE(newer.store);
    EXPECT_NE(newer.error.find("version " + std::to_string(newerVersion)), std::string::npos)
        << newer.error;
    std::remove(path.c_str());
}

TEST(NativeTrace, AnObjectServingAMissingObjectOrAnUnknownRoleIsRefused) {
    auto& store = const_cast<Supervisor&>(sampleRun()).store();
    const auto path = tempPath(".ilt");
    ASSERT_EQ(writeTraceFile(store, path).error, "");
    const auto good = slurp(path);
    std::size_t served = store.objects().size();
    for (std::size_t i = 0; i < store.objects().size(); ++i)
        if (store.objects()[i].role != ObjectRole::Own) served = i;
    ASSERT_LT(served, store.objects().size());

    auto bytes = good;
    const std::uint32_t missing = 999;
    std::memcpy(bytes.data() + objectRecordAt(bytes, served) + 20, &missing, 4);
    reseal(bytes);
    auto r = parseNativeTrace(bytes, "crafted");
    EXPECT_FALSE(r.store);
    EXPECT_NE(r.error.find("serves an object the trace lacks"), std::string::npos) << r.error;

    bytes = good;
    const std::uint16_t badRole = 77;
    std::memcpy(bytes.data() + objectRecordAt(bytes, served) + 6, &badRole, 2);
    reseal(bytes);
    r = parseNativeTrace(bytes, "crafted");
    EXPECT_FALSE(r.store);
    EXPECT_NE(r.error.find("object record"), std::string::npos) << r.error;
    std::remove(path.c_str());
}

TEST(NativeTrace, TheDesktopEntryOpensFilesOfTheTypeThatMatchesWhatTheWriterWrites) {
    // A file manager opens a saved run with the window only if the desktop entry takes a file
    // (%f) of the MIME type whose glob and magic match the files the program writes.
    const std::string root = INTERLEAVE_SOURCE_DIR;
    const auto desktop = slurp(root + "/resources/interleave.desktop");
    const auto mime = slurp(root + "/resources/interleave-trace.xml");
    EXPECT_NE(desktop.find("\nExec=interleave %f\n"), std::string::npos) << desktop;
    EXPECT_NE(desktop.find("\nMimeType=application/x-interleave-trace;"), std::string::npos);
    EXPECT_NE(mime.find("<mime-type type=\"application/x-interleave-trace\">"), std::string::npos);
    EXPECT_NE(mime.find("<glob pattern=\"*.ilt\"/>"), std::string::npos);
    const auto magicAt = mime.find("offset=\"0\" value=\"");
    ASSERT_NE(magicAt, std::string::npos);
    const auto magic = mime.substr(magicAt + 18, mime.find('"', magicAt + 18) - (magicAt + 18));

    auto& store = const_cast<Supervisor&>(sampleRun()).store();
    const auto path = tempPath(".ilt");
    ASSERT_EQ(writeTraceFile(store, path).error, "");
    EXPECT_EQ(slurp(path).substr(0, magic.size()), magic);
    std::remove(path.c_str());
}

namespace {
// The process's peak memory so far, in MiB.
long peakMiB() {
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss / 1024;
}
}  // namespace

TEST(NativeTrace, AHugeFileIsJudgedByItsHeaderBeforeAnythingLargeIsRead) {
    // Sparse files cost nothing on disk. Before, the loader read the whole file first: 100 GiB
    // threw std::bad_alloc, 2 GiB took 2 GB of memory and seconds before the refusal.
    auto& store = const_cast<Supervisor&>(sampleRun()).store();
    const auto path = tempPath(".ilt");
    ASSERT_EQ(writeTraceFile(store, path).error, "");
    const auto good = slurp(path);
    struct Case {
        bool realHeader;
        off_t size;
        const char* mentions;
    } cases[] = {
        {false, off_t{100} << 30, "not an Interleave trace"},
        {true, off_t{100} << 30, "the end of the file is missing"},
        {true, off_t{2} << 30, "the end of the file is missing"},
    };
    for (const auto& c : cases) {
        spit(path, c.realHeader ? good.substr(0, 4096) : std::string());
        if (truncate(path.c_str(), c.size) != 0) GTEST_SKIP() << "no sparse files here";
        const auto peakBefore = peakMiB();
        const auto start = std::chrono::steady_clock::now();
        const auto r = loadNativeTrace(path);
        const auto took = std::chrono::steady_clock::now() - start;
        EXPECT_FALSE(r.store);
        EXPECT_NE(r.error.find(c.mentions), std::string::npos) << r.error;
        EXPECT_LT(peakMiB() - peakBefore, 64) << "memory follows the file, not the trace";
        EXPECT_LT(took, std::chrono::milliseconds(500));
    }
    // A real trace's bytes with its trailer, in a file longer than the header says: refused
    // from the sizes alone, before the checksum reads it all.
    spit(path, good);
    ASSERT_EQ(truncate(path.c_str(), off_t{2} << 30), 0);
    {
        std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
        f.seekp((off_t{2} << 30) - 16);
        f.write(good.data() + good.size() - 16, 16);
    }
    const auto peakBefore = peakMiB();
    const auto start = std::chrono::steady_clock::now();
    const auto r = loadNativeTrace(path);
    EXPECT_FALSE(r.store);
    EXPECT_NE(r.error.find("sizes in the header do not match"), std::string::npos) << r.error;
    EXPECT_LT(peakMiB() - peakBefore, 64);
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(500));
    std::remove(path.c_str());

    // And a good trace still loads the same from a file as from memory.
    spit(path, good);
    const auto fromFile = loadNativeTrace(path);
    const auto fromMemory = parseNativeTrace(good, path);
    ASSERT_TRUE(fromFile.store && fromMemory.store) << fromFile.error << fromMemory.error;
    EXPECT_EQ(fromFile.store->size(), store.size());
    EXPECT_EQ(fromMemory.store->size(), store.size());
    std::remove(path.c_str());
}
