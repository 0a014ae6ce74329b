#!/usr/bin/env bash
# The CUDA backend's checks on a GPU machine, in one call of under 8 minutes, everything written to one
# directory: nvidia-smi, the CUDA contract suite (with the provider and fallback tests), the GPU benchmarks.
#
#   kernels/gpu-check.sh --bundle     here, with Maven: builds kernels/target/gpu-check (a jlinked JRE, the
#                                     kernels module's test classpath as jars, the fatbin if built) to carry
#   kernels/gpu-check.sh [OUTDIR]     there (default $OUT): runs the checks; needs the bundle (or a JDK and
#                                     an offline Maven repository) and kernels/target/cuda/filprover.fatbin
#                                     (or nvcc: then it builds for CUDA_ARCHS, default 90, first)
#
# Every step has a timeout and the script goes on when one fails; OUTDIR/summary.txt says what passed.
# The GPU machine has no network, no JDK and no Maven: carry kernels/target/gpu-check (about 57 MB with the fatbin).
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
bundle="$here/target/gpu-check"
fatbin="$here/target/cuda/filprover.fatbin"

classpath_from_maven() { # prints the kernels module's test classpath (sibling modules as target/classes)
  local cpfile
  cpfile="$(mktemp)"
  (cd "$root" && mvn -o -q -B -pl kernels -am test-compile dependency:build-classpath \
      -Dmdep.outputFile="$cpfile" -Dmdep.includeScope=test >&2) || return 1
  # -am writes one file per module; the last (kernels) holds the whole list
  echo "$here/target/test-classes:$here/target/classes:$(cat "$cpfile")"
}

if [ "${1:-}" = "--bundle" ]; then
  set -e
  cp="$(classpath_from_maven)"
  rm -rf "$bundle"
  mkdir -p "$bundle/lib" "$bundle/res/io/filprover/kernels/cuda"
  IFS=: read -r -a entries <<< "$cp"
  for e in "${entries[@]}"; do
    if [ -d "$e" ]; then # a module's classes: one jar, named after the module and the folder
      name="$(basename "$(dirname "$(dirname "$e")")")-$(basename "$e")"
      jar cf "$bundle/lib/$name.jar" -C "$e" .
    elif [ -f "$e" ]; then
      cp "$e" "$bundle/lib/"
    fi
  done
  # the backend loads nvcc's fatbin: JCuda's PTX compiler and NVRTC (25 of its 27 MB) would only fill the carry
  for j in "$bundle"/lib/jcuda-natives-*.jar; do
    python3 -c 'import sys, zipfile, shutil
src, dst = sys.argv[1], sys.argv[1] + ".tmp"
with zipfile.ZipFile(src) as zi, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zo:
    for i in zi.infolist():
        if "NvPTXCompiler" not in i.filename and "Nvrtc" not in i.filename:
            zo.writestr(i, zi.read(i))
shutil.move(dst, src)' "$j"
  done
  # the fatbin once, in res/ (first on the classpath there), not also inside the module's jar
  zip -q -d "$bundle/lib/kernels-classes.jar" 'io/filprover/kernels/cuda/filprover.fatbin' >/dev/null 2>&1 || true
  [ -f "$fatbin" ] && cp "$fatbin" "$bundle/res/io/filprover/kernels/cuda/"
  modules="$(jdeps --ignore-missing-deps --print-module-deps --multi-release 17 "$bundle"/lib/*.jar 2>/dev/null || true)"
  modules="${modules:-java.base,java.logging,java.xml,java.naming,java.management,jdk.unsupported}"
  jlink --add-modules "$modules,jdk.unsupported,java.management" --strip-debug --no-header-files --no-man-pages \
    --compress=2 --output "$bundle/jre"
  du -sh "$bundle" "$bundle"/jre "$bundle"/lib
  [ -f "$fatbin" ] || echo "no fatbin: run kernels/build-cuda.sh first, or carry nvcc's output another way"
  echo "carry kernels/target/gpu-check to the GPU machine, then run kernels/gpu-check.sh there"
  exit 0
fi

out="${1:-${OUT:-}}"
[ -n "$out" ] || { echo "usage: kernels/gpu-check.sh OUTDIR (or set OUT), or --bundle" >&2; exit 2; }
mkdir -p "$out"
summary="$out/summary.txt"
: > "$summary"
start=$(date +%s)
deadline=$((start + ${GPU_CHECK_SECONDS:-450}))   # leaves the 8-minute call room to come back

# step NAME LIMIT_SECONDS COMMAND...: runs with a timeout (cut to what is left), logs to OUTDIR/NAME.log
step() {
  local name="$1" limit="$2" t0 rc left
  shift 2
  left=$((deadline - $(date +%s)))
  [ "$left" -lt "$limit" ] && limit="$left"
  if [ "$limit" -le 5 ]; then
    echo "$name: SKIPPED (time budget spent)" | tee -a "$summary"
    return 1
  fi
  t0=$(date +%s)
  timeout --kill-after=10 "$limit" "$@" > "$out/$name.log" 2>&1
  rc=$?
  local verdict=ok
  [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ] && verdict="TIMED OUT after ${limit}s"
  [ "$rc" -ne 0 ] && [ "$verdict" = ok ] && verdict="FAILED (exit $rc)"
  echo "$name: $verdict, $(( $(date +%s) - t0 ))s, log $name.log" | tee -a "$summary"
  return "$rc"
}

step nvidia-smi 30 bash -c 'nvidia-smi; echo; nvidia-smi -q'

java=""
for c in "$bundle/jre/bin/java" ${JAVA_HOME:+"$JAVA_HOME/bin/java"} "$(command -v java 2>/dev/null || true)"; do
  if [ -n "$c" ] && [ -x "$c" ]; then java="$c"; break; fi
done
echo "java: ${java:-none}" | tee -a "$summary"

# the kernels: carried, or built here for this GPU only (all architectures take many minutes)
if [ ! -f "$fatbin" ] && [ ! -f "$bundle/res/io/filprover/kernels/cuda/filprover.fatbin" ]; then
  if command -v nvcc >/dev/null 2>&1; then
    CUDA_ARCHS="${CUDA_ARCHS:-90}" step build-cuda 300 "$here/build-cuda.sh"
  else
    echo "fatbin: none carried and no nvcc: the CUDA backend will report it unavailable" | tee -a "$summary"
  fi
fi
res="$(mktemp -d)"
mkdir -p "$res/io/filprover/kernels/cuda"
for f in "$bundle/res/io/filprover/kernels/cuda/filprover.fatbin" "$fatbin"; do
  if [ -f "$f" ]; then cp "$f" "$res/io/filprover/kernels/cuda/"; echo "fatbin: $f ($(stat -c %s "$f") bytes)" | tee -a "$summary"; break; fi
done
command -v cuobjdump >/dev/null 2>&1 && [ -f "$res/io/filprover/kernels/cuda/filprover.fatbin" ] \
  && cuobjdump --list-elf --list-ptx "$res/io/filprover/kernels/cuda/filprover.fatbin" > "$out/fatbin-contents.txt" 2>&1

if [ -d "$bundle/lib" ]; then
  cp="$(ls "$bundle"/lib/*.jar | tr '\n' ':')"
elif command -v mvn >/dev/null 2>&1; then
  export here root
  export -f classpath_from_maven
  cp="$(timeout 300 bash -c classpath_from_maven 2>"$out/maven.log")" || cp=""
  echo "maven classpath: $([ -n "$cp" ] && echo ok || echo FAILED, see maven.log)" | tee -a "$summary"
else
  cp=""
fi
if [ -z "$java" ] || [ -z "$cp" ]; then
  echo "no java or no classpath: run kernels/gpu-check.sh --bundle where Maven works and carry kernels/target/gpu-check" \
    | tee -a "$summary"
  exit 1
fi
cp="$res:$cp"
# one tmpdir per run: JCuda unpacks its natives there under fixed names
export JAVA_TOOL_OPTIONS="-Djava.io.tmpdir=$(mktemp -d)"

FILPROVER_TEST_CUDA_REQUIRED=1 step contract 210 "$java" -Xmx16g -cp "$cp" io.filprover.kernels.cuda.GpuCheck "$out/contract.txt"
step backends 30 "$java" -cp "$cp" io.filprover.kernels.cuda.GpuBench --list
# the benchmark's own budget: what is left, less a margin for its last measurement and the JVM's exit
budget=$(( deadline - $(date +%s) - 60 ))
[ "$budget" -gt 170 ] && budget=170
step bench 230 "$java" -Xmx40g -cp "$cp" io.filprover.kernels.cuda.GpuBench "$out/bench.jsonl" "$budget"
step nvidia-smi-after 20 nvidia-smi

{
  echo
  echo "contract: $(grep -c '^PASS' "$out/contract.txt" 2>/dev/null || echo 0) passed, $(grep -c '^FAIL' "$out/contract.txt" 2>/dev/null || echo 0) failed, $(grep -c '^SKIP' "$out/contract.txt" 2>/dev/null || echo 0) skipped"
  echo "bench:"
  cat "$out/bench.jsonl" 2>/dev/null
  echo "total: $(( $(date +%s) - start ))s"
} | tee -a "$summary"
