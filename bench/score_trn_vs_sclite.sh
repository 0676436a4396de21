#!/usr/bin/env bash
# Scores a deterministic 1M-word Danish trn corpus with the real NIST sclite and with pilotbench's
# sclite mode, checks that the overall counts agree, and prints both times and the ratio.
# Results go into docs/benchmarks.md ("Scoring a 1M-word trn corpus").
#
# usage: bench/score_trn_vs_sclite.sh [BUILD_DIR]   (a Release build with PILOTBENCH_BUILD_BENCH=ON;
#                                                    default build/release)
# env:   UTTERANCES (default 55000), SEED (default 1), RUNS (pilotbench repetitions, default 5),
#        PILOTBENCH_SCORE (command to score: default "<BUILD_DIR>/pilotbench score wer --sclite --json"
#        when the CLI has the flag, else the bench driver <BUILD_DIR>/bench/pilotbench_score_trn_sclite)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build/release}
utterances=${UTTERANCES:-55000}
seed=${SEED:-1}
runs=${RUNS:-5}

sclite=$(command -v sclite || true)
[[ -z $sclite && -x /usr/lib/sctk/bin/sclite ]] && sclite=/usr/lib/sctk/bin/sclite
[[ -n $sclite ]] || { echo "sclite not found (Debian package sctk)" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 "$here/make_trn_corpus.py" "$work/ref.trn" "$work/hyp.trn" --utterances "$utterances" --seed "$seed"
ref_words=$(sed 's/([^()]*)$//' "$work/ref.trn" | wc -w)
echo "corpus: $utterances utterances, $ref_words reference tokens (seed $seed)"

if [[ -n ${PILOTBENCH_SCORE:-} ]]; then
  read -r -a score <<<"$PILOTBENCH_SCORE"
  score=("${score[@]}" --ref "$work/ref.trn" --hyp "$work/hyp.trn")
elif [[ -x $build/pilotbench ]] && "$build/pilotbench" score wer --help 2>/dev/null | grep -q -- --sclite; then
  score=("$build/pilotbench" score wer --sclite --ref "$work/ref.trn" --hyp "$work/hyp.trn" --json)
else
  score=("$build/bench/pilotbench_score_trn_sclite" "$work/ref.trn" "$work/hyp.trn")
fi

now() { date +%s.%N; }

t0=$(now)
"$sclite" -r "$work/ref.trn" trn -h "$work/hyp.trn" trn -i rm -D -o rsum stdout >"$work/sclite.out" 2>&1
t1=$(now)
sclite_time=$(echo "$t1 - $t0" | bc -l)
# "| Sum | Snt Wrd | Corr Sub Del Ins Err S.Err |"
read -r s_snt s_wrd s_c s_s s_d s_i s_err s_serr < <(grep -E '^ *\| Sum ' "$work/sclite.out" | tr '|' ' ' | awk '{print $2,$3,$4,$5,$6,$7,$8,$9}')

best=""
for ((k = 0; k < runs; ++k)); do
  t0=$(now)
  "${score[@]}" >"$work/ours.json"
  t1=$(now)
  t=$(echo "$t1 - $t0" | bc -l)
  if [[ -z $best ]] || (($(echo "$t < $best" | bc -l))); then best=$t; fi
done

ours=$(python3 - "$work/ours.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
# The bench driver prints flat counts; the CLI's --json nests them under "sclite"/"overall" or similar.
def find(d):
    if isinstance(d, dict):
        if "substitutions" in d and "hits" in d:
            return d
        for v in d.values():
            r = find(v)
            if r: return r
    return None
c = find(d)
print(c.get("sentences", -1), c["ref_words"], c["hits"], c["substitutions"], c["deletions"], c["insertions"],
      c.get("sentence_errors", -1))
PY
)
read -r o_snt o_wrd o_c o_s o_d o_i o_serr <<<"$ours"

echo "sclite:     Snt $s_snt Wrd $s_wrd C $s_c S $s_s D $s_d I $s_i S.Err $s_serr"
echo "pilotbench: Snt $o_snt Wrd $o_wrd C $o_c S $o_s D $o_d I $o_i S.Err $o_serr"
status=0
if [[ "$s_wrd $s_c $s_s $s_d $s_i" != "$o_wrd $o_c $o_s $o_d $o_i" ]]; then
  echo "MISMATCH: counts differ" >&2
  status=1
else
  echo "counts agree"
fi
printf 'sclite %.2f s, pilotbench %.3f s (best of %d), ratio %.0fx\n' "$sclite_time" "$best" "$runs" \
  "$(echo "$sclite_time / $best" | bc -l)"
exit $status
