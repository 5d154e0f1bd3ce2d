#pragma once
// `--compare-python`: real CPython measured beside the run, for cpu-vs-io (speedups), creation-cost
// (what starting a thread, a process and a program costs) and race-condition (what CPython's own
// threads lose), printed on stderr under the run's report.

#include "core/channel/event_store.h"
#include "core/scenarios/params.h"
#include "core/scenarios/scenario.h"

namespace interleave {

// The scenarios `--compare-python` takes.
bool comparesWithPython(const Scenario& scenario);

void printPythonComparison(const EventStore& store, const Scenario& scenario, const ParamValues& p);

}  // namespace interleave
