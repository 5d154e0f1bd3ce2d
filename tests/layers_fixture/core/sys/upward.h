#pragma once
// A deliberate violation: the lowest layer including the highest. check_layers must fail on it.
#include "core/supervise/supervisor.h"
