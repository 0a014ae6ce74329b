#!/usr/bin/env bash
# Re-runs the measurements recorded in bench/RESULTS.md on this machine.
#   bench/run-results.sh [commp|bls|labeling|kernels|jmh-kernels|prove|service|all]   (JAVA=/path/to/java to pick the JDK)
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
