#pragma once
// Pumps the Qt event loop until a condition holds or a deadline passes: the tests wait on
// order and counts, never on how long something took.

#include <QElapsedTimer>
#include <QTest>

namespace interleave::test {

template <class Pred>
bool waitFor(Pred pred, int ms = 10'000) {
    QElapsedTimer t;
    t.start();
    // The first time it holds is the answer: asked again, a passing state (a worker process
    // seen alive) may have passed.
    while (t.elapsed() < ms) {
        if (pred()) return true;
        QTest::qWait(10);
    }
    return pred();
}

}  // namespace interleave::test
