#!/usr/bin/env bash
# Side by side in one session: snarkjs's warm prove (prove.sh) and our Groth16ProveBenchmark at 2^log_size,
# alternated `rounds` times (the machine may be shared: alternating spreads its load over both), each
# with `uptime`; ends with one JSON line holding both medians and ours/snarkjs.
#   compare.sh [log_size] [rounds] [benchmarks.jar]     (defaults 14, 2, bench/target/benchmarks.jar)
# Runs: prove.sh with 5 timed proves; JMH with 1 warm-up and 5 measured proves in one fork, all cores.
# Our parameters are kept in ${FILPROVER_GROTH16_PARAMS:-$HOME/.cache/filprover-groth16}.
set -euo pipefail
LOG=${1:-14}
ROUNDS=${2:-2}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
JAR=${3:-$HERE/../../target/benchmarks.jar}
PARAMS=${FILPROVER_GROTH16_PARAMS:-$HOME/.cache/filprover-groth16}
[[ -f $JAR ]] || { echo "no $JAR: mvn -B -o -q package -DskipTests -pl bench -am" >&2; exit 2; }
"$HERE/setup.sh" "$LOG" > /dev/null
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
median() { sort -g | awk '{a[NR]=$1} END {m=int((NR+1)/2); print (NR%2 ? a[m] : (a[m]+a[m+1])/2)}'; }
for r in $(seq 1 "$ROUNDS"); do
  echo "[compare] round $r snarkjs: $(uptime)" >&2
  "$HERE/prove.sh" "$LOG" 5 2> /dev/null | tail -n 1 | tee -a "$WORK/snarkjs.jsonl" >&2
  echo "[compare] round $r ours: $(uptime)" >&2
  java -jar "$JAR" Groth16ProveBenchmark -p logConstraints="$LOG" -p backend=cpu -f 1 -wi 1 -i 5 \
      -jvmArgsAppend "-Xmx8g -Dfilprover.groth16.paramsDir=$PARAMS" -rf json -rff "$WORK/ours-$r.json" \
      > "$WORK/ours-$r.log" 2>&1 || { tail -n 5 "$WORK/ours-$r.log" >&2; exit 1; }   # e.g. another JMH holds /tmp/jmh.lock
  grep -E '^(Iteration|# Warmup Iteration).*per proof' "$WORK/ours-$r.log" | sed 's/Groth16 parameters.*proofs\.//' >&2 || true
  # every measured proof's time, in ms, from JMH's raw data
  node -e 'const j=JSON.parse(require("fs").readFileSync(process.argv[1]));for(const it of j[0].primaryMetric.rawData)for(const v of it)console.log(v)' \
      "$WORK/ours-$r.json" | tee -a "$WORK/ours.txt" | tr '\n' ' ' | sed 's/^/[compare] ours ms: /' >&2
  echo >&2
done
echo "[compare] done: $(uptime)" >&2
THEIRS=$(sed -n 's/.*"times_ms":\[\([0-9.,]*\)\].*/\1/p' "$WORK/snarkjs.jsonl" | tr ',' '\n' | tee "$WORK/snarkjs.txt" | median)
OURS=$(median < "$WORK/ours.txt")
echo "{\"log_size\":$LOG,\"ours_median_ms\":$OURS,\"ours_proofs\":$(wc -l < "$WORK/ours.txt"),\"snarkjs_median_ms\":$THEIRS,\"snarkjs_proofs\":$(wc -l < "$WORK/snarkjs.txt"),\"ratio\":$(awk -v a="$OURS" -v b="$THEIRS" 'BEGIN{printf "%.3f", a/b}'),\"cpus\":$(nproc)}"
