#pragma once
// The capture as a run drives it: `writers` threads, each registered as an actor with its own
// lossless ring, call `body(writerIndex)` to record, while one reader thread drains every ring
// into a store. Shared by the record and the live-reader benchmarks.

#include <atomic>
#include <thread>
#include <vector>

#include "core/channel/channel_reader.h"
#include "core/primitives/runtime.h"

namespace interleave::bench {

struct LiveCaptureResult {
    std::size_t delivered = 0;
    std::uint64_t lost = 0;
};

template <class Body>
LiveCaptureResult runLiveCapture(std::uint32_t writers, Body&& body) {
    ChannelConfig cfg;
    cfg.maxActors = writers;
    auto ch = Channel::create(cfg);
    EventStore store(writers);
    store.setTimeBase(ch.header().timeBase);
    std::atomic<std::uint32_t> done{0};
    std::vector<std::thread> threads;
    for (std::uint32_t w = 0; w < writers; ++w) {
        threads.emplace_back([&, w] {
            Runtime::install(&ch);
            Runtime::registerThread("writer", kNoActor);
            body(w);
            Runtime::detachThread();
            done.fetch_add(1);
        });
    }
    std::thread reader([&] {
        ChannelReader r(ch, store);
        while (done.load() < writers)
            if (r.drainOnce() == 0) r.waitForWork(250'000);
        r.drainOnce();
    });
    for (auto& t : threads)
        t.join();
    reader.join();
    return {store.size(), store.totalDropped()};
}

}  // namespace interleave::bench
