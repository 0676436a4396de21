#!/usr/bin/env bash
# Risk-score evaluation against its peer, scikit-learn, on the same CSV of scores and outcomes: wall time of
# `pilotbench score risk` (read the CSV, AUC with the DeLong interval, Brier, ECE and reliability bins, logistic
# calibration intercept and slope, rates at 0.5; no groups, no bootstrap) against Debian's Python with scikit-learn
# doing the same figures (csv module, roc_auc_score, brier_score_loss, calibration_curve with quantile bins,
# LogisticRegression without penalty on logit(score); sklearn has no DeLong interval, so pilotbench does more).
# Both report the same AUC and Brier, which the script checks. Usage:
#   bench/risk_vs_sklearn.sh [path/to/pilotbench] [rows…]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(realpath "${1:-build/release/harness/pilotbench}")
shift || true
sizes=("${@:-200000 1000000}")
py=/usr/bin/python3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if ! "$py" -c "import sklearn" 2>/dev/null; then echo "scikit-learn not installed for $py; nothing to compare" >&2; exit 0; fi

seconds() { awk -v a="$1" -v b="$2" 'BEGIN { print b - a }'; }
printf '%9s %12s %12s %8s\n' rows pilotbench_s sklearn_s ratio
for n in ${sizes[@]}; do
  "$py" - "$n" "$work/scores.csv" <<'PY'
import random, sys, math
n, path = int(sys.argv[1]), sys.argv[2]
rng = random.Random(7)
with open(path, "w") as f:
    f.write("case_id,score,label\n")
    for i in range(n):
        y = 1 if rng.random() < 0.3 else 0
        s = 1 / (1 + math.exp(-(rng.gauss(0, 1) + 1.2 * y - 0.8)))
        f.write(f"c{i},{s:.6f},{y}\n")
PY
  start=$(date +%s.%N)
  "$bin" score risk --scores "$work/scores.csv" --replicates 0 --json > "$work/pilotbench.json"
  ours=$(seconds "$start" "$(date +%s.%N)")
  start=$(date +%s.%N)
  "$py" - "$work/scores.csv" > "$work/sklearn.txt" <<'PY'
import csv, sys, numpy as np
from sklearn.metrics import roc_auc_score, brier_score_loss
from sklearn.calibration import calibration_curve
from sklearn.linear_model import LogisticRegression
with open(sys.argv[1]) as f:
    rows = list(csv.DictReader(f))
s = np.array([float(r["score"]) for r in rows]); y = np.array([int(r["label"]) for r in rows])
auc = roc_auc_score(y, s); brier = brier_score_loss(y, s)
calibration_curve(y, s, n_bins=10, strategy="quantile")
logit = np.log(np.clip(s, 1e-15, 1 - 1e-15) / (1 - np.clip(s, 1e-15, 1 - 1e-15))).reshape(-1, 1)
LogisticRegression(penalty=None).fit(logit, y)
print(f"{auc:.12f} {brier:.12f}")
PY
  theirs=$(seconds "$start" "$(date +%s.%N)")
  read -r auc brier < "$work/sklearn.txt"
  "$py" - "$work/pilotbench.json" "$auc" "$brier" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["solutions"][0]["risk"][0]
assert abs(r["auc"]["value"] - float(sys.argv[2])) < 1e-9, (r["auc"]["value"], sys.argv[2])
assert abs(r["brier"]["value"] - float(sys.argv[3])) < 1e-9, (r["brier"]["value"], sys.argv[3])
PY
  printf '%9d %12.2f %12.2f %8.1f\n' "$n" "$ours" "$theirs" "$(awk -v a="$theirs" -v b="$ours" 'BEGIN { print a / b }')"
done
