#!/usr/bin/env bash
# Warm snarkjs Groth16 prove of the square chain at 2^log_size, on all cores (snarkjs's default
# worker pool): prints one JSON line {"peer":"snarkjs","log_size":..,"median_ms":..,"runs":..,...}.
#   prove.sh [log_size] [runs]     (defaults 14 and 5)
# Runs setup.sh first (instant when the cache is ready, minutes the first time).
set -euo pipefail
LOG=${1:-14}
RUNS=${2:-5}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
DIR=$("$HERE/setup.sh" "$LOG" | tail -n 1)
ROOT=$(dirname "$DIR")
cd "$ROOT"   # resolves the 'snarkjs' import from the cache's node_modules
exec node "$ROOT/prove_bench.mjs" "$LOG" "$DIR" "$RUNS"
