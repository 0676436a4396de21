#!/usr/bin/env bash
# ROUGE throughput of `pilotbench score summary --rouge-only` against reference implementations run in the same
# script, on the same deterministic English pairs (bench/make_summary_pairs.py). Results go into
# docs/benchmarks.md ("ROUGE throughput against peers").
#
# usage: bench/rouge_vs_peers.sh [BUILD_DIR]        (a Release build; default build/release)
# env:   PAIRS (default 2000), WORDS (per reference, default 150), SEED (default 1), RUNS (default 3)
#        ROUGE_SCORE_PYTHON  a Python that can `import rouge_score` (google-research's package, the definition
#                            pilotbench reproduces). Not packaged in Debian 12; when given, its scores are also
#                            compared with pilotbench's (max |difference| printed; expected 0 up to 1e-9).
#        JS_ROUGE_DIR        a folder with node_modules/js-rouge (npm package js-rouge, MIT), a JavaScript ROUGE-N/L.
#                            With JS_ROUGE_FETCH=1 the script installs it into a temporary folder with npm — a
#                            benchmark-only peer, never a dependency of pilotbench's build or runs.
# Peers that are not available are reported as skipped. All numbers are wall seconds for scoring every pair with
# ROUGE-1, ROUGE-2 and ROUGE-L (pilotbench and rouge-score also compute ROUGE-Lsum; js-rouge has no Lsum).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build/release}
pairs=${PAIRS:-2000}
words=${WORDS:-150}
seed=${SEED:-1}
runs=${RUNS:-3}
cli=$build/harness/pilotbench
[[ -x $cli ]] || { echo "$cli not built (cmake --preset release && cmake --build --preset release)" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 "$here/make_summary_pairs.py" "$work/pairs" --pairs "$pairs" --words "$words" --seed "$seed"
echo "corpus: $pairs pairs, ~$words reference words each (seed $seed)"

# best wall time of $runs runs of "$@", stdout to $work/out
best() {
  local best_s=
  for ((i = 0; i < runs; i++)); do
    local t0=$EPOCHREALTIME
    "$@" >"$work/out"
    local t1=$EPOCHREALTIME
    local s
    s=$(python3 -c "print(f'{$t1 - $t0:.3f}')")
    if [[ -z $best_s ]] || python3 -c "import sys; sys.exit(0 if $s < $best_s else 1)"; then best_s=$s; fi
  done
  echo "$best_s"
}

pb=$(best "$cli" score summary --ref "$work/pairs/ref" --hyp "$work/pairs/hyp" --rouge-only --json)
cp "$work/out" "$work/pilotbench.json"
echo "pilotbench score summary --rouge-only: ${pb} s"

python_peer() {
  cat >"$work/rouge_score_peer.py" <<'PY'
import json, os, sys
from rouge_score import rouge_scorer
ref_dir, hyp_dir = sys.argv[1], sys.argv[2]
scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL", "rougeLsum"], use_stemmer=False)
out = {}
for name in sorted(os.listdir(hyp_dir)):
    with open(os.path.join(ref_dir, name)) as r, open(os.path.join(hyp_dir, name)) as h:
        s = scorer.score(r.read(), h.read())
    out[name[:-4]] = {k: [v.precision, v.recall, v.fmeasure] for k, v in s.items()}
json.dump(out, sys.stdout)
PY
  "$ROUGE_SCORE_PYTHON" "$work/rouge_score_peer.py" "$work/pairs/ref" "$work/pairs/hyp"
}
if [[ -n ${ROUGE_SCORE_PYTHON:-} ]] && "$ROUGE_SCORE_PYTHON" -c "import rouge_score" 2>/dev/null; then
  rs=$(best python_peer)
  cp "$work/out" "$work/rouge_score.json"
  echo "rouge-score (Python): ${rs} s  → pilotbench is $(python3 -c "print(f'{$rs / $pb:.1f}')")× faster"
  python3 - "$work/pilotbench.json" "$work/rouge_score.json" <<'PY'
import json, sys
pb = {d["id"]: d["overlap"] for d in json.load(open(sys.argv[1]))["documents"]}
rs = json.load(open(sys.argv[2]))
worst = max(abs(pb[i][k][part] - rs[i][k][j]) for i in rs for k in rs[i]
            for j, part in enumerate(("precision", "recall", "fmeasure")))
print(f"max |pilotbench − rouge-score| over all pairs, variants and P/R/F: {worst:.3g}")
PY
else
  echo "rouge-score: skipped (set ROUGE_SCORE_PYTHON to a Python with rouge_score installed)"
fi

js_dir=${JS_ROUGE_DIR:-}
if [[ -z $js_dir && ${JS_ROUGE_FETCH:-0} == 1 ]] && command -v npm >/dev/null; then
  js_dir=$work/js
  mkdir -p "$js_dir"
  (cd "$js_dir" && npm install --no-save --no-audit --no-fund js-rouge@3.2.3 >/dev/null 2>&1) || js_dir=
fi
if [[ -n $js_dir && -d $js_dir/node_modules/js-rouge ]] && command -v node >/dev/null; then
  cat >"$work/js_peer.js" <<'JS'
const fs = require("fs"), path = require("path");
const { n, l } = require(path.join(process.argv[2], "node_modules/js-rouge"));
const [refDir, hypDir] = [process.argv[3], process.argv[4]];
const out = {};
for (const name of fs.readdirSync(hypDir).sort()) {
  const ref = fs.readFileSync(path.join(refDir, name), "utf8"), hyp = fs.readFileSync(path.join(hypDir, name), "utf8");
  out[name] = [n(hyp, ref, { n: 1 }), n(hyp, ref, { n: 2 }), l(hyp, ref)];
}
process.stdout.write(JSON.stringify(out));
JS
  js=$(best node "$work/js_peer.js" "$js_dir" "$work/pairs/ref" "$work/pairs/hyp")
  echo "js-rouge 3.2.3 (Node $(node --version)): ${js} s  → pilotbench is $(python3 -c "print(f'{$js / $pb:.1f}')")× faster"
else
  echo "js-rouge: skipped (set JS_ROUGE_DIR, or JS_ROUGE_FETCH=1 with npm)"
fi
