#pragma once
// Waits for a state, not for a time: polls `pred` until it holds or `limit` passes (a limit
// generous enough for a loaded machine under sanitizers; a passing test never waits it out).

#include <chrono>
#include <thread>

namespace interleave::test {

template <class Pred>
bool eventually(Pred pred, std::chrono::milliseconds limit = std::chrono::seconds(20)) {
    const auto end = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < end) {
        if (pred()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return pred();
}

}  // namespace interleave::test
