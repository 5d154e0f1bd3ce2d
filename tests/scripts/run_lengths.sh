#!/usr/bin/env bash
# How long each scenario runs with --duration 2s, at its defaults and unpaced: the run time the
# summary prints and the command's wall time, one line each (issue 32: a run ends when it says).
#   run_lengths.sh LAB OUT.tsv      e.g. run_lengths.sh build/ci/bin/interleave-lab /tmp/lengths.tsv
B=$1; OUT=$2
declare -A P=(
 [hello-threads-and-processes]="work_ms=1 steps=100"
 [producer-consumer]="produce_ms=0 consume_ms=0"
 [race-condition]="think_ms=0 increments=1000000"
 [deadlock]="hold_ms=0"
 [reader-writer]="read_ms=0 write_ms=0 rest_ms=0"
 [semaphore-pool]="work_ms=0 rest_ms=0"
 [daemon-threads]="joined_ms=0 daemon_ms=60000"
 [fork-tree]="children=8 threads=8 grandchildren=4 rounds=100000 work_ms=0"
 [fork-exec]="command_ms=0 prepare_ms=0 commands=8"
 [shared-vs-separate-memory]="step_ms=0"
 [pipe]="messages=100000 write_ms=0 read_ms=0"
 [shared-memory]="items=100000 produce_ms=0 consume_ms=0"
 [fifo]="messages=100000 write_ms=0 read_ms=0"
 [message-queue]="messages=100000 write_ms=0 read_ms=0"
 [semaphore]="work_ms=0 rest_ms=0 rounds=0"
 [socket]="requests=100000 client_ms=0 server_ms=0"
 [signals]="gap_ms=0 block_ms=0 sends=50"
 [orphans-and-zombies]="child_ms=0 zombie_ms=0 orphan_ms=0"
 [crash-isolation]="crash_ms=0 after_ms=0"
 [cpu-vs-io]=""
 [creation-cost]=""
 [context-switch]=""
 [ipc-compare]=""
)
: > $OUT
for s in $($B list | awk '{print $1}'); do
  for mode in unpaced default; do
    sets=""
    if [ $mode = unpaced ]; then for kv in ${P[$s]}; do sets="$sets --set $kv"; done; fi
    [ $mode = unpaced ] && [ -z "${P[$s]}" ] && continue
    t0=$(date +%s.%N)
    line=$($B run $s --duration 2s $sets 2>&1 >/dev/null | grep -E "^$s:" | head -1)
    t1=$(date +%s.%N)
    printf "%s\t%s\t%.2f\t%s\t%s\n" "$s" "$mode" "$(awk -v a="$t0" -v b="$t1" 'BEGIN{print b-a}')" "$sets" "$line" >> $OUT
  done
done
