// Warm, in-process snarkjs Groth16 prove time; run by prove.sh from the peer cache (where snarkjs is).
// usage: node prove_bench.mjs <log_size> <dir with chain_1.zkey, w.wtns, vk.json> [runs]
// The first prove (cold: wasm curve build, worker start) is verified and not timed; then `runs` proves
// are timed and the last stdout line is one JSON object:
// {"peer":"snarkjs","log_size":14,"median_ms":...,"runs":...,"min_ms":...,"max_ms":...,...,"times_ms":[...]}
import * as snarkjs from 'snarkjs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

const [logS, dir, runsS] = process.argv.slice(2);
const logSize = Number(logS);
const runs = Number(runsS || 5);
if (!Number.isInteger(logSize) || !dir || !Number.isInteger(runs) || runs < 1) {
  console.error('usage: node prove_bench.mjs <log_size> <dir> [runs]');
  process.exit(2);
}
const zkey = path.join(dir, 'chain_1.zkey');
const wtns = path.join(dir, 'w.wtns');
const vk = JSON.parse(fs.readFileSync(path.join(dir, 'vk.json')));

let s = performance.now();
const first = await snarkjs.groth16.prove(zkey, wtns);
const coldMs = performance.now() - s;
const verified = await snarkjs.groth16.verify(vk, first.publicSignals, first.proof);
if (!verified) {
  console.error('snarkjs proof did not verify');
  process.exit(1);
}
const times = [];
for (let i = 0; i < runs; i++) {
  s = performance.now();
  await snarkjs.groth16.prove(zkey, wtns);
  times.push(performance.now() - s);
}
times.sort((a, b) => a - b);
const r = x => Math.round(x * 10) / 10;
console.log(JSON.stringify({
  peer: 'snarkjs', log_size: logSize, median_ms: r(times[times.length >> 1]), runs,
  min_ms: r(times[0]), max_ms: r(times[times.length - 1]), cold_ms: r(coldMs), verified,
  public_inputs: first.publicSignals.length, cpus: os.cpus().length, node: process.version,
  load1: r(os.loadavg()[0]), times_ms: times.map(r),
}));
process.exit(0);
