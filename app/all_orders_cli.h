#pragma once
// `interleave-lab run SCENARIO --all-orders`: every order of the run's steps, each taken on
// the real threads and processes through the scheduler, and a table of the outcomes.

#include <functional>

#include "app/run_cli.h"
#include "core/supervise/supervisor.h"

namespace interleave {

// `stop` (a Ctrl-C) ends the walk after the order being run, which is stopped too.
int allOrdersCommand(const RunArgs& args, const RunPlan& plan, RunOptions options,
                     const std::function<bool()>& stop);

}  // namespace interleave
