#pragma once
// A real crash, for the crash-isolation scenario: the calling thread writes to a page mapped
// with no access, the CPU faults, and the kernel sends SIGSEGV, whose default action ends the
// whole process, every thread in it, at once. Nothing is simulated: no raise(), no abort().

namespace interleave {

// Makes the calling process die of the fault as any program would: SIGSEGV back to its default
// action (a sanitizer's handler would report and exit instead) and no core file left behind.
// Call in the process that will crash, before it starts its threads.
void prepareToCrash();

// Records process_fault, then writes to the forbidden page. Does not return.
[[noreturn]] void crashThisProcess();

}  // namespace interleave
