#pragma once
// Records that arrive nearly, not fully, in time order (each actor's ring is drained on its
// own), kept sorted by their `ns`: how the views' models take in each batch. A History adds
// the state after each record, so "the state at time t" is one binary search.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace interleave::ui {

// Inserts `op` after every record at or before its time; returns where it went.
template <class Op>
std::size_t insertByTime(std::vector<Op>& ops, const Op& op) {
    const auto pos = std::upper_bound(ops.begin(), ops.end(), op.ns,
                                      [](std::int64_t t, const Op& o) { return t < o.ns; });
    const auto at = static_cast<std::size_t>(pos - ops.begin());
    ops.insert(pos, op);
    return at;
}

// One object's records in time order and the state after each. A record that lands among older
// ones makes the states from there on stale; settle() recomputes only those.
template <class Op, class State>
class History {
  public:
    void add(const Op& op) { m_stale = std::min(m_stale, insertByTime(m_ops, op)); }
    bool stale() const { return m_stale != kFresh; }
    // The state before the first stale record (what settle() starts from).
    State settledState() const {
        const auto n = std::min(m_stale, m_after.size());
        return n == 0 ? State{} : m_after[n - 1];
    }
    // `step(state, op)` turns the state before `op` into the state after it. Returns whether
    // anything was recomputed.
    template <class Step>
    bool settle(Step&& step) {
        if (!stale()) return false;
        State s = settledState();
        m_after.resize(m_stale);
        for (std::size_t i = m_stale; i < m_ops.size(); ++i) {
            step(s, m_ops[i]);
            m_after.push_back(s);
        }
        m_stale = kFresh;
        return true;
    }
    // The state after the last record at or before `t`; State{} before the first.
    State at(std::int64_t t) const {
        const auto end = std::upper_bound(m_ops.begin(), m_ops.end(), t,
                                          [](std::int64_t x, const Op& o) { return x < o.ns; });
        if (end == m_ops.begin()) return State{};
        return m_after[static_cast<std::size_t>(end - m_ops.begin()) - 1];
    }
    const std::vector<Op>& ops() const { return m_ops; }

  private:
    static constexpr std::size_t kFresh = static_cast<std::size_t>(-1);
    std::vector<Op> m_ops;
    std::vector<State> m_after;  // settled: one per record
    std::size_t m_stale = kFresh;
};

}  // namespace interleave::ui
