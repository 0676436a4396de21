#!/usr/bin/env bash
# Whole-run benchmark of decision support: for growing case populations, times `pilotbench synth cases` and
# `pilotbench run` of scenarios/decision-demo.json pointed at them (two solutions: the recorded vendor and the
# logistic baseline trained on the training split; storing every decision, then the report: risk quality per
# group, cross-fitted policy value with bootstraps, Qini, fairness with heat-maps, HTML and JSON), and prints held-out
# cases per second. The best of `repetitions` runs is kept.
# Usage: bench/bench_decision.sh [path/to/pilotbench] [repetitions] [case counts…]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(realpath "${1:-build/release/harness/pilotbench}")
reps=${2:-3}
shift 2 2>/dev/null || shift $#
sizes=("${@:-6000 20000}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

seconds() { awk -v a="$1" -v b="$2" 'BEGIN { print b - a }'; }

printf '%8s %10s %12s %10s %14s\n' cases held_out synth_s run_s held_out/s
for n in ${sizes[@]}; do
  data="$work/cases-$n"
  start=$(date +%s.%N)
  "$bin" synth cases --out "$data" --n "$n" --seed 11 --bias-strength 0.6 >/dev/null
  synth_s=$(seconds "$start" "$(date +%s.%N)")
  sed -e "s#../.pilotbench-cache/decision-demo#$data#g" scenarios/decision-demo.json > "$work/scenario-$n.json"
  best=""
  for i in $(seq "$reps"); do
    rm -f "$work/bench.db"*
    start=$(date +%s.%N)
    "$bin" run "$work/scenario-$n.json" --db "$work/bench.db" --report-dir "$work/reports" -q >/dev/null
    run_s=$(seconds "$start" "$(date +%s.%N)")
    if [ -z "$best" ] || awk -v a="$run_s" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$run_s; fi
  done
  held_out=$(python3 -c "import json,glob; print(json.load(open(sorted(glob.glob('$work/reports/run-*/results.json'))[-1]))['dataset']['evaluated_cases'])")
  printf '%8d %10d %12.2f %10.2f %14.0f\n' "$n" "$held_out" "$synth_s" "$best" "$(awk -v h="$held_out" -v s="$best" 'BEGIN { print h / s }')"
done
