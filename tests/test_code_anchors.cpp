// The `# step:` anchors of the scenarios' Python programs against real runs: every step a run
// takes has its line in the program, and every anchor names a step the mapping knows. Also the
// "current line per actor at t" on a made-up store.
#include <gtest/gtest.h>

#include <iostream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/lesson/code_anchors.h"
#include "core/lesson/program_texts.h"
#include "tests/made_store.h"
#include "tests/run_helpers.h"

namespace interleave {
namespace {

struct AnchorCase {
    std::string scenario;
    std::vector<std::string> params;
};

// Small, fast parameters: each run takes its steps within a few hundred ms.
const std::vector<AnchorCase> kCases = {
    {"race-condition", {"increments=4", "think_ms=5"}},
    {"race-condition", {"increments=4", "think_ms=5", "variant=mutex"}},
    {"producer-consumer", {"items=12", "produce_ms=2", "consume_ms=2", "capacity=2"}},
    {"deadlock", {"hold_ms=5", "rounds=3", "fix=lock-order"}},
    {"reader-writer", {"read_ms=5", "write_ms=5", "rest_ms=5", "rounds=2"}},
    {"semaphore-pool", {"workers=4", "work_ms=5", "rest_ms=5", "rounds=2"}},
    {"daemon-threads", {"joined_ms=40", "daemon_ms=2000", "steps=4"}},
    {"hello-threads-and-processes", {"work_ms=5", "steps=2"}},
};

const std::vector<AnchorCase> kProcessCases = {
    {"pipe", {"messages=8", "write_ms=5", "read_ms=5"}},
    {"fifo", {"messages=8", "write_ms=5", "read_ms=5"}},
    {"message-queue", {"messages=8", "write_ms=5", "read_ms=5"}},
    {"socket", {"requests=5", "client_ms=5", "server_ms=5"}},
    {"semaphore", {"workers=4", "work_ms=5", "rest_ms=5", "rounds=2"}},
    {"shared-vs-separate-memory", {"step_ms=5", "memory_kib=64"}},
    {"shared-memory", {"items=10", "produce_ms=3", "consume_ms=3", "slots=2"}},
    {"crash-isolation", {"threads=1", "crash_ms=30", "after_ms=30"}},
};

class CodeAnchorRuns : public ::testing::TestWithParam<AnchorCase> {};

TEST_P(CodeAnchorRuns, EveryStepTakenHasItsLineAndEveryAnchorIsAStep) {
    const auto& c = GetParam();
    const char* program = programText(c.scenario);
    ASSERT_NE(program, nullptr) << c.scenario;
    const CodeAnchors anchors(program);
    ASSERT_FALSE(anchors.anchors().empty());
    std::set<std::string> programKeys;
    for (const auto& a : anchors.anchors())
        for (const auto& key : a.keys) {
            EXPECT_TRUE(knownStepKey(key)) << c.scenario << " line " << a.line << ": " << key;
            programKeys.insert(key);
        }

    const auto sup = test::runFor(c.scenario, c.params, 400);
    const auto& store = sup->store();
    std::set<std::string> taken, missing;
    for (std::size_t i = 0; i < store.size(); ++i) {
        const auto kind = store.kind(i);
        if (stepVerb(kind).empty()) continue;
        const auto object = store.objectName(store.objectOf(i));
        const auto key = anchors.keyFor(kind, object);
        if (key.empty()) missing.insert(stepKeys(kind, object)[0]);
        taken.insert(key);
    }
    for (const auto& key : missing)
        ADD_FAILURE() << c.scenario << ": a step with no anchor in its program: " << key;
    EXPECT_GE(taken.size(), 3U) << c.scenario << ": the run took too few steps to check";
    // Where practical the run takes every anchored step too; say which it did not.
    for (const auto& key : programKeys)
        if (!taken.count(key)) std::cout << c.scenario << ": anchor not taken: " << key << "\n";
}

std::string caseName(const ::testing::TestParamInfo<AnchorCase>& info) {
    std::string name = info.param.scenario + std::to_string(info.index);
    for (auto& ch : name)
        if (ch == '-') ch = '_';
    return name;
}

INSTANTIATE_TEST_SUITE_P(ThreadScenarios, CodeAnchorRuns, ::testing::ValuesIn(kCases), caseName);
INSTANTIATE_TEST_SUITE_P(ProcessScenarios, CodeAnchorRuns, ::testing::ValuesIn(kProcessCases),
                         caseName);

TEST(CodeAnchors, ParsesKeysAtLineEnds) {
    const CodeAnchors a(
        "x = 1\nvalue = counter  # read it  # step: read counter\n"
        "q.put(1)  # step: put, lock ,unlock\n");
    ASSERT_EQ(a.anchors().size(), 2U);
    EXPECT_EQ(a.anchors()[0].line, 2);
    EXPECT_EQ(a.anchors()[1].keys, (std::vector<std::string>{"put", "lock", "unlock"}));
    EXPECT_EQ(a.keyFor(EventKind::SharedRead, "counter"), "read counter");
    EXPECT_EQ(a.keyFor(EventKind::LockRequest, "buffer.lock"), "lock");
    EXPECT_EQ(a.keyFor(EventKind::SharedWrite, "counter"), "");
    EXPECT_TRUE(knownStepKey("wait not_full"));
    EXPECT_TRUE(knownStepKey("signal all"));
    EXPECT_FALSE(knownStepKey("reads"));
}

// Two threads on a made-up store: each one's line at t is its last step's; a key on two lines
// is placed by the thread's neighbouring steps; a thread that ended has no line.
TEST(CodeAnchors, CurrentLinePerActorAtTime) {
    const CodeAnchors a(
        "def put():\n"
        "    q.put(1)  # step: put, lock, unlock\n"
        "def get():\n"
        "    q.get()  # step: get, lock, unlock\n"
        "    value = counter  # step: read counter\n");
    test::MadeStore m(3);
    m.store.setObjects({ObjectInfo{0, ObjectKind::None, "counter"}});
    const auto t1 = m.add(1, EventKind::LockRequest, kNoObject);
    m.add(1, EventKind::QueueGet, kNoObject);
    const auto t3 = m.add(2, EventKind::LockRequest, kNoObject);
    m.add(2, EventKind::CpuTime, kNoObject);
    const auto t5 = m.add(2, EventKind::QueuePut, kNoObject);
    const auto t6 = m.add(1, EventKind::SharedRead, 0);
    m.add(2, EventKind::LockReleased, kNoObject);
    const auto t8 = m.add(2, EventKind::ActorExit, kNoObject);

    EXPECT_TRUE(a.currentLines(m.store, t1 - 1).empty());
    EXPECT_EQ(a.currentLines(m.store, t1), (std::map<std::uint32_t, int>{{1, 4}}));
    EXPECT_EQ(a.currentLines(m.store, t3), (std::map<std::uint32_t, int>{{1, 4}, {2, 2}}));
    EXPECT_EQ(a.currentLines(m.store, t5 + 1), (std::map<std::uint32_t, int>{{1, 4}, {2, 2}}));
    EXPECT_EQ(a.currentLines(m.store, t6), (std::map<std::uint32_t, int>{{1, 5}, {2, 2}}));
    EXPECT_EQ(a.currentLines(m.store, t8), (std::map<std::uint32_t, int>{{1, 5}}));
    // By hand: a thread stopped at a checkpoint stands on the line of the step it waits for.
    const auto t9 = m.add(1, EventKind::CheckpointWait, kNoObject,
                          static_cast<std::int64_t>(EventKind::QueuePut));
    EXPECT_EQ(a.currentLines(m.store, t9), (std::map<std::uint32_t, int>{{1, 2}}));
}

}  // namespace
}  // namespace interleave
