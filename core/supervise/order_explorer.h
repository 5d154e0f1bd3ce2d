#pragma once
// Every order of steps of a small run, each taken on the real threads and processes: the run is
// started in manual mode again and again, and each time the scheduler grants the steps in a new
// order. The first run grants the lowest-numbered choosable actor at every step and notes, at
// each step, who else could have gone; each of those alternatives is a run of its own, with the
// same steps up to there (a depth-first walk of the tree of choices, every leaf once).
//
// The run's own setup and teardown (the main thread starting and joining its workers) are not
// choices: main is granted first whenever it can go, so only the workers' steps are interleaved.

#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/analysis/schedule.h"
#include "core/supervise/supervisor.h"

namespace interleave {

// (n1 + n2 + ...)! / (n1! n2! ...): the ways to interleave runs of n1, n2, ... steps.
double interleavings(const std::vector<std::size_t>& stepsPerActor);

struct ExploredOrder {
    std::vector<ScheduledActor> steps;  // every grant, in order
    std::string outcome;                // "final value 3", "deadlock", "finished"
};

struct OrderExploration {
    std::vector<ExploredOrder> orders;
    std::map<std::string, std::size_t> outcomes;  // outcome -> how many orders reach it
    bool complete = false;  // every order was run (not cut at the bound, not stopped)
    // Known after the first order: the orders of its workers' steps were none ever made to
    // wait, (n1 + n2 + ...)! / (n1! n2! ...); a lock that makes a thread wait leaves fewer.
    double atMost = 0;
    std::string error;  // a run that could not be scheduled: why
    double seconds = 0;
};

class OrderExplorer {
  public:
    // `base` names the lab, scenario and parameters; its schedule mode is set to Manual.
    OrderExplorer(RunOptions base, std::size_t maxOrders);

    // After each order: how many have run, how many are known so far (run + waiting), and the
    // bound on them all (OrderExploration::atMost, from the first order on).
    using Progress = std::function<void(std::size_t done, std::size_t known, double atMost)>;
    // Optional: names each order's outcome from its events, given the outcome it would have
    // had ("final value 3", "deadlock", ...); a level's goal is judged this way.
    using Judge = std::function<std::string(const EventStore&, const std::string& outcome)>;
    void setJudge(Judge judge) { m_judge = std::move(judge); }
    // Stops early (complete = false) when `stop` returns true.
    OrderExploration explore(const Progress& progress = {}, const std::function<bool()>& stop = {});

    // How long one step may take to be granted and to settle before the run is given up.
    static constexpr std::chrono::milliseconds kStepTimeout{10'000};
    // With no actor able to move and the run not ending for this long, the run is deadlocked.
    static constexpr std::chrono::milliseconds kStillForDeadlock{3'000};
    // A run that goes on (deadlock's rounds=0 never ends) is cut here: its outcome says so,
    // and its steps are not branched any further.
    static constexpr std::size_t kMaxSteps = 200;

  private:
    struct Walk {
        std::vector<ScheduledActor> steps;
        std::vector<std::vector<ScheduledActor>> alternatives;  // per step: who else could go
        std::string outcome;
        std::string error;
    };
    Walk runOnce(const std::vector<ScheduledActor>& prefix,
                 const std::function<bool()>& stop) const;

    RunOptions m_base;
    std::size_t m_max;
    Judge m_judge;
};

}  // namespace interleave
