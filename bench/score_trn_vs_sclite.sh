#!/usr/bin/env bash
# Scores a deterministic 1M-word Danish trn corpus with the real NIST sclite and with pilotbench's
# sclite mode, checks that the overall counts agree, and prints both times and the ratio.
# Results go into docs/benchmarks.md ("Scoring a 1M-word trn corpus").
#
# usage: bench/score_trn_vs_sclite.sh [--cli | --driver] [BUILD_DIR]
#          BUILD_DIR: a Release build with PILOTBENCH_BUILD_BENCH=ON (default build/release).
#          --cli     time `BUILD_DIR/harness/pilotbench score wer --sclite --ref R --hyp H --json`
#          --driver  time the bench driver BUILD_DIR/bench/pilotbench_score_trn_sclite R H (same library call,
#                    score_trn_files_sclite with 2 threads, without the CLI's start-up and JSON)
#          default: the CLI when it is built and has --sclite, else the driver.
# env:   UTTERANCES (default 55000), SEED (default 1), RUNS (pilotbench repetitions, default 5),
#        SCLITE_RUNS (default 1), PILOTBENCH_SCORE (a command to time instead; --ref/--hyp are appended)
#
# Both wall and CPU (user + sys) times are printed: on a shared machine the wall time of a 2-thread
# program suffers more from other load than single-threaded sclite does, so compare the CPU ratio too.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
mode=auto
case ${1:-} in
  --cli) mode=cli; shift ;;
  --driver) mode=driver; shift ;;
esac
build=${1:-$here/../build/release}
utterances=${UTTERANCES:-55000}
seed=${SEED:-1}
runs=${RUNS:-5}
sclite_runs=${SCLITE_RUNS:-1}

sclite=$(command -v sclite || true)
[[ -z $sclite && -x /usr/lib/sctk/bin/sclite ]] && sclite=/usr/lib/sctk/bin/sclite
[[ -n $sclite ]] || { echo "sclite not found (Debian package sctk)" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 "$here/make_trn_corpus.py" "$work/ref.trn" "$work/hyp.trn" --utterances "$utterances" --seed "$seed"
ref_words=$(sed 's/([^()]*)$//' "$work/ref.trn" | wc -w)
echo "corpus: $utterances utterances, $ref_words reference tokens (seed $seed)"

cli=$build/harness/pilotbench
if [[ -n ${PILOTBENCH_SCORE:-} ]]; then
  read -r -a score <<<"$PILOTBENCH_SCORE"
  score=("${score[@]}" --ref "$work/ref.trn" --hyp "$work/hyp.trn")
elif [[ $mode == cli || ($mode == auto && -x $cli) ]] && "$cli" score wer --help 2>/dev/null | grep -q -- --sclite; then
  score=("$cli" score wer --sclite --ref "$work/ref.trn" --hyp "$work/hyp.trn" --json)
elif [[ $mode == cli ]]; then
  echo "$cli is missing or has no --sclite" >&2
  exit 2
else
  score=("$build/bench/pilotbench_score_trn_sclite" "$work/ref.trn" "$work/hyp.trn")
fi
echo "timing: ${score[*]}"

# Runs "$@" with stdout to $out and sets wall and cpu (user + sys) in seconds.
timed() {
  local out=$1
  shift
  local t0=$EPOCHREALTIME
  # time's own wall figure has only two decimals, so the wall time is taken around it.
  /usr/bin/time -f '%U %S' -o "$work/time" "$@" >"$out" 2>"$work/stderr" || { cat "$work/stderr" >&2; return 1; }
  local t1=$EPOCHREALTIME
  wall=$(echo "$t1 - $t0" | bc -l)
  read -r user sys <"$work/time"
  cpu=$(echo "$user + $sys" | bc -l)
}
min() { if [[ -z $1 ]] || (($(echo "$2 < $1" | bc -l))); then echo "$2"; else echo "$1"; fi; }

s_wall="" s_cpu=""
for ((k = 0; k < sclite_runs; ++k)); do
  timed "$work/sclite.out" "$sclite" -r "$work/ref.trn" trn -h "$work/hyp.trn" trn -i rm -D -o rsum stdout
  s_wall=$(min "$s_wall" "$wall")
  s_cpu=$(min "$s_cpu" "$cpu")
done
# "| Sum | Snt Wrd | Corr Sub Del Ins Err S.Err |"
read -r s_snt s_wrd s_c s_s s_d s_i s_err s_serr < <(grep -E '^ *\| Sum ' "$work/sclite.out" | tr '|' ' ' | awk '{print $2,$3,$4,$5,$6,$7,$8,$9}')

o_wall="" o_cpu="" walls=""
for ((k = 0; k < runs; ++k)); do
  timed "$work/ours.json" "${score[@]}"
  o_wall=$(min "$o_wall" "$wall")
  o_cpu=$(min "$o_cpu" "$cpu")
  walls="$walls $wall"
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
echo "pilotbench wall times:$walls"
printf 'sclite: wall %.2f s, CPU %.2f s (best of %d)\n' "$s_wall" "$s_cpu" "$sclite_runs"
printf 'pilotbench: wall %.3f s, CPU %.3f s (best of %d)\n' "$o_wall" "$o_cpu" "$runs"
printf 'ratio: wall %.0fx, CPU %.0fx\n' "$(echo "$s_wall / $o_wall" | bc -l)" "$(echo "$s_cpu / $o_cpu" | bc -l)"
exit $status
