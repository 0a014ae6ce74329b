#!/usr/bin/env bash
# Re-runs the measurements recorded in bench/RESULTS.md on this machine.
#   bench/run-results.sh [commp|bls|labeling|kernels|jmh-kernels|prove|service|snark|all]   (JAVA=/path/to/java to pick the JDK)
# The 512 MiB seal's stage times come from a test: mvn test -Phuge -pl proofs -Dtest=Seal512MibSlowTest
# Run on an otherwise idle machine: every suite compares us with a peer in the same run.
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA="${JAVA:-java}"
JAR=bench/target/benchmarks.jar
OUT="${OUT:-bench/results}"
[ -f "$JAR" ] || mvn -q -B package -DskipTests -pl bench -am
mkdir -p "$OUT"
jdk=$("$JAVA" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
what="${1:-all}"

if [ "$what" = commp ] || [ "$what" = all ]; then
  # issue 2: comm_p of 1 GiB (1 and 2 threads) beside MessageDigest on 64-byte messages and on 1 GiB
  "$JAVA" -jar "$JAR" 'CommPBenchmark|Sha256Benchmark' -rf json -rff "$OUT/commp-jdk$jdk.json"
fi
if [ "$what" = bls ] || [ "$what" = all ]; then
  # issue 3: Fr/Fq mul, G1/G2 adds, G1 scalar mul, pairing, Poseidon; blst (jblst) in the same run
  "$JAVA" -jar "$JAR" 'Bls12381Benchmark|PoseidonBenchmark' -rf json -rff "$OUT/bls-jdk$jdk.json"
fi
if [ "$what" = kernels ] || [ "$what" = all ]; then
  # issue 5: MSM against blst (c-kzg-4844) and ffjavascript, NTT against its floor
  # the blst peer is not in filprover.jar: bench-peers' jar goes on the class path beside it
  java_cli() { "$JAVA" -cp cli/target/filprover.jar:bench-peers/target/filprover-peers.jar io.filprover.cli.Main "$@"; }
  [ -f cli/target/filprover.jar ] && [ -f bench-peers/target/filprover-peers.jar ] \
    || mvn -q -B package -DskipTests -pl cli,bench-peers -am
  {
    java_cli bench msm --log-size 12 --threads 1 --peer blst --json
    java_cli bench msm --log-size 12 --threads 1 --peer ffjs --json
    java_cli bench msm --log-size 16 --threads 1 --peer ffjs --json
    java_cli bench msm --log-size 16 --peer ffjs --json
    java_cli bench ntt --log-size 16 --threads 1 --json
    java_cli bench ntt --log-size 20 --threads 1 --json
    java_cli bench ntt --log-size 20 --json
  } | tee "$OUT/kernels-jdk$jdk.jsonl"
fi
if [ "$what" = labeling ] || [ "$what" = all ]; then
  # issue 4: PC1 labels of an 8 MiB sector on one thread beside MessageDigest on 1,248-byte messages
  "$JAVA" -jar "$JAR" 'LabelingBenchmark' -rf json -rff "$OUT/labeling-jdk$jdk.json"
fi
if [ "$what" = jmh-kernels ] || [ "$what" = all ]; then
  # issue 5: G1 MSM 2^12/16/20, G2 MSM 2^16 (1 thread and all), blst at 4096 points; NTT 2^16/20/22
  "$JAVA" -jar "$JAR" 'MsmBenchmark|NttBenchmark' -rf json -rff "$OUT/jmh-kernels-jdk$jdk.json"
fi
if [ "$what" = prove ] || [ "$what" = all ]; then
  # issue 5: full prove of the square chain at 2^20 constraints with its per-phase breakdown; the
  # parameters (≈ 600 MB, minutes to generate) are kept in PARAMS_DIR between runs
  PARAMS_DIR="${PARAMS_DIR:-$HOME/.cache/filprover-groth16-params}"
  "$JAVA" -jar "$JAR" 'Groth16ProveBenchmark' -p logConstraints=20 -wi 0 -i 2 \
    -jvmArgsAppend "-Dfilprover.groth16.paramsDir=$PARAMS_DIR" -rf json -rff "$OUT/prove20-jdk$jdk.json"
fi
if [ "$what" = service ] || [ "$what" = all ]; then
  # issue 15: the proof service's own overhead per tiny job (127-byte COMMP), H2 and PostgreSQL, 1, 2 and 8
  # clients; PostgreSQL from FILPROVER_TEST_PG_URL/_USER/_PASSWORD (eval "$(.ci/pg-test-server)" sets them)
  for store in h2 postgresql; do
    if [ "$store" = postgresql ] && [ -z "${FILPROVER_TEST_PG_URL:-}" ]; then
      echo "== service: FILPROVER_TEST_PG_URL is not set, skipping PostgreSQL"; continue
    fi
    for clients in 1 2 8; do
      "$JAVA" -cp "$JAR" io.filprover.bench.ServiceOverheadBenchmark --store "$store" --jobs 3000 --warmup 1000 \
        --clients "$clients"
    done
  done 2>&1 | grep -v '^SLF4J' | tee "$OUT/service-jdk$jdk.txt"
fi
if [ "$what" = snark ] || [ "$what" = all ]; then
  # issue 14: synthesis rate and bytes per constraint (2 KiB and 512 MiB PoRep partitions), counting rate of the
  # production circuits, C2 and Window/Winning PoSt of 2 KiB with their stage breakdowns (`filprover bench`).
  #   C1_2KIB, C1_512MIB: C1 outputs (`filprover seal` writes them); a 2 KiB one is sealed here when unset, the
  #   512 MiB runs are skipped without one (its seal takes about 25 minutes on two cores).
  #   PARAMS_DIR: parameter cache for C2; the 2 KiB parameters are generated there when absent (minutes);
  #   the 512 MiB C2 runs only when its parameters are there. SNARK_JAVA_OPTS: JVM options (e.g. -Xmx for 512 MiB).
  PARAMS_DIR="${PARAMS_DIR:-$HOME/.cache/filprover-groth16-params}"
  [ -f cli/target/filprover.jar ] || mvn -q -B package -DskipTests -pl cli -am
  # shellcheck disable=SC2086
  snark() { "$JAVA" ${SNARK_JAVA_OPTS:-} -jar cli/target/filprover.jar "$@"; }
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  c1_2kib="${C1_2KIB:-}"
  if [ -z "$c1_2kib" ]; then
    head -c 2032 /dev/urandom > "$work/data"
    snark seal --sector-size 2KiB --data "$work/data" --miner 1000 --sector-id 1 --ticket "$(printf '11%.0s' {1..32})" \
      --porep-id 5 --seed "$(printf '22%.0s' {1..32})" --cache "$work/cache" --out "$work/sealed" --json >&2
    c1_2kib="$work/cache/c1-output.json"
  fi
  params_file() { snark circuit info --proof "$1" --json | sed -n 's/.*"parameter_file":"\([^"]*\)".*/\1/p'; }
  mkdir -p "$PARAMS_DIR"
  [ -f "$PARAMS_DIR/$(params_file StackedDrg2KiBV1_1)" ] \
    || snark params generate --proof StackedDrg2KiBV1_1 --cache "$PARAMS_DIR" >&2
  {
    snark bench count --proof StackedDrg2KiBV1_1 --json
    snark bench count --proof StackedDrg512MiBV1_1 --json
    snark bench count --proof StackedDrgWindow32GiBV1_2 --json
    snark bench synthesis --c1 "$c1_2kib" --json
    if [ -n "${C1_512MIB:-}" ]; then
      snark bench synthesis --c1 "$C1_512MIB" --reps 1 --json
    else
      echo "== snark: C1_512MIB is not set, skipping the 512 MiB synthesis and C2" >&2
    fi
    snark bench c2 --c1 "$c1_2kib" --cache "$PARAMS_DIR" --json
    if [ -n "${C1_512MIB:-}" ] && [ -f "$PARAMS_DIR/$(params_file StackedDrg512MiBV1_1)" ]; then
      snark bench c2 --c1 "$C1_512MIB" --cache "$PARAMS_DIR" --json
    elif [ -n "${C1_512MIB:-}" ]; then
      echo "== snark: no StackedDrg512MiBV1_1 parameters in $PARAMS_DIR, skipping its C2" >&2
    fi
    snark bench post --kind window --sector-size 2KiB --json
    snark bench post --kind winning --sector-size 2KiB --json
  } | tee "$OUT/snark-jdk$jdk.jsonl"
fi
