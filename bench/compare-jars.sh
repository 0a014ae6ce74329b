#!/usr/bin/env bash
# Measures two filprover.jar builds alternately (two rounds, A then B), for "no speed lost" checks:
# G1 MSM 2^12 and 2^16 on one thread, NTT 2^20 on all threads, PC1 labeling at 8 MiB, comm_p of a
# 1 GiB random file (wall time of the command, JVM start included). Usage:
#   bench/compare-jars.sh A.jar B.jar [WORKDIR]     (WORKDIR holds the 1 GiB file and the parent cache)
# Build the jar of a commit with: git worktree add /tmp/w REV && (cd /tmp/w && mvn -q -B package -DskipTests -pl cli -am)
set -euo pipefail
A="$1"; B="$2"; W="${3:-/tmp/filprover-compare}"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
mkdir -p "$W"
[ -f "$W/piece-1g.bin" ] || head -c 1073741824 /dev/urandom > "$W/piece-1g.bin"
for round in 1 2; do
  for jar in "$A" "$B"; do
    echo "== round $round $jar"
    "$JAVA" -jar "$jar" bench msm --log-size 12 --threads 1 --reps 15 --json
    "$JAVA" -jar "$jar" bench msm --log-size 16 --threads 1 --reps 3 --json
    "$JAVA" -jar "$jar" bench ntt --log-size 20 --reps 5 --json
    "$JAVA" -jar "$jar" bench label --sector-size 8MiB --reps 3 --json --parent-cache "$W/parents" 2>/dev/null
    s=$(date +%s%N); "$JAVA" -jar "$jar" commp --json --no-progress "$W/piece-1g.bin"; e=$(date +%s%N)
    echo "{\"kernel\":\"commp_1GiB\",\"wall_ms\":$(( (e - s) / 1000000 ))}"
  done
done
