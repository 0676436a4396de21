#!/usr/bin/env bash
# Whole-run benchmark: times `pilotbench run` on the demo scenario (120 synthetic conversations × 3
# simulated solutions, each transcribing and drafting a note) with 1 and 2 jobs, after generating the
# dataset once, and prints items/s and the parallel speed-up. Usage: bench/bench_run.sh [path/to/pilotbench] [repetitions]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-build/release/harness/pilotbench}
reps=${2:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Warm-up: generate and cache the synthetic dataset so it is not timed.
"$bin" run scenarios/demo.json --db "$work/warm.db" --cache-dir "$work/cache" --no-report -q >/dev/null || [ $? -eq 1 ]

best() {  # best wall time of $reps runs with $1 jobs
  local jobs=$1 best_s=""
  for i in $(seq "$reps"); do
    local start end s
    start=$(date +%s.%N)
    "$bin" run scenarios/demo.json --db "$work/run-$jobs-$i.db" --cache-dir "$work/cache" --no-report -q --jobs "$jobs" \
      >/dev/null || [ $? -eq 1 ]
    end=$(date +%s.%N)
    s=$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')
    if [ -z "$best_s" ] || awk -v s="$s" -v b="$best_s" 'BEGIN { exit !(s < b) }'; then best_s=$s; fi
  done
  echo "$best_s"
}

# Items of the demo run (a transcription and a drafted note per solution and conversation), as the run recorded them.
items=$("$bin" runs --db "$work/warm.db" --json | python3 -c 'import json, sys; print(json.load(sys.stdin)[0]["items_done"])')
one=$(best 1)
two=$(best 2)
awk -v n="$items" -v one="$one" -v two="$two" -v reps="$reps" 'BEGIN {
  printf "whole run, %d items (demo scenario), best of %d:\n", n, reps
  printf "  --jobs 1: %6.2f s  (%6.1f items/s)\n", one, n / one
  printf "  --jobs 2: %6.2f s  (%6.1f items/s)\n", two, n / two
  printf "  speed-up with 2 jobs: %.2fx\n", one / two
}'
