#!/usr/bin/env bash
# interleave-lab's bash completion (resources/interleave-lab.bash-completion) offers the
# commands, each command's options, and the scenario names the real `interleave-lab list` prints.
# Usage: completion_check.sh COMPLETION_FILE BIN_DIR. Skipped (77) without bash-completion.
set -u
helpers=/usr/share/bash-completion/bash_completion
[ -r "$helpers" ] || { echo "bash-completion is not installed: skipped"; exit 77; }
source "$helpers"
source "$1"
PATH=$2:$PATH
failures=0
expect() {  # expect "WANTED WORDS" WORD...: the completion of the last word offers each wanted
  local wanted=$1
  shift
  COMP_WORDS=("$@")
  COMP_CWORD=$(($# - 1))
  COMP_LINE="$*"
  COMP_POINT=${#COMP_LINE}
  COMPREPLY=()
  _interleave_lab
  for w in $wanted; do
    if ! printf '%s\n' "${COMPREPLY[@]}" | grep -qx -- "$w"; then
      echo "[$*]: '$w' not offered (offered: ${COMPREPLY[*]})"
      failures=$((failures + 1))
    fi
  done
}
expect "list describe run info lesson" interleave-lab ""
expect "producer-consumer" interleave-lab run pro
expect "deadlock race-condition cpu-vs-io" interleave-lab describe ""
expect "--compare-python --capture" interleave-lab run race-condition --c
expect "lossless drop" interleave-lab run race-condition --capture ""
expect "race-condition" interleave-lab run --set increments=2 race
expect "--check" interleave-lab lesson deadlock --ch
[ "$failures" -eq 0 ] && echo "completion: all offered"
exit $((failures > 0))
