// G1 MSM on BLS12-381 with ffjavascript (snarkjs' wasm engine): G1.multiExpAffine over 2^logN random
// distinct bases and uniform scalars; prints one JSON line with the median of `reps` timed runs.
// usage: node ffjs-msm.mjs <logN> <threads: 1 = single-threaded, otherwise all cores> <reps>
// ffjavascript must resolve from this file's directory: `npm install --prefix <dir> ffjavascript@0.3.1`
// next to it (the bench module's FfjsPeer does exactly that in a cache directory on first use).
import { performance } from 'node:perf_hooks';
import os from 'node:os';
import { buildBls12381 } from 'ffjavascript';

const logN = +process.argv[2];
const single = +(process.argv[3] || 1) === 1;
const reps = +(process.argv[4] || 5);
// Math.imul keeps the LCG exact: written as (seed * 1103515245 + 12345) >>> 0 the product exceeds
// 2^53 and loses its low bits, the byte stream collapses to ~14 values (88 % of scalar bytes zero)
// and ffjavascript, which skips zero digits, runs ~5× faster than on uniform scalars (see RESULTS.md).
let seed = 0x9e3779b9;
const rnd = () => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return seed; };
const randBig254 = () => { let x = 0n; for (let i = 0; i < 8; i++) x = (x << 32n) | BigInt(rnd()); return x & ((1n << 254n) - 1n); };
const rand32LE = () => { const b = new Uint8Array(32); for (let i = 0; i < 32; i++) b[i] = rnd() & 255; b[31] &= 0x3f; return b; };

const curve = await buildBls12381(single);
const G1 = curve.G1;
const n = 1 << logN;
const sGIn = G1.F.n8 * 2;
const bases = new Uint8Array(n * sGIn);
const scalars = new Uint8Array(n * 32);
const step = G1.timesScalar(G1.g, randBig254());
let cur = G1.timesScalar(G1.g, randBig254());
for (let i = 0; i < n; i++) {
  bases.set(G1.toAffine(cur), i * sGIn);
  cur = G1.add(cur, step);
  scalars.set(rand32LE(), i * 32);
}
// sanity: 16 terms against the sum of scalar multiplications
const k = Math.min(16, n);
const r1 = await G1.multiExpAffine(bases.slice(0, k * sGIn), scalars.slice(0, k * 32));
let r2 = G1.zero;
for (let i = 0; i < k; i++) {
  let s = 0n;
  for (let j = 31; j >= 0; j--) s = (s << 8n) | BigInt(scalars[i * 32 + j]);
  r2 = G1.add(r2, G1.timesScalar(G1.fromRprLEM(bases, i * sGIn), s));
}
const check = G1.eq(r1, r2);
await G1.multiExpAffine(bases, scalars);
const t = [];
for (let i = 0; i < reps; i++) {
  const s = performance.now();
  await G1.multiExpAffine(bases, scalars);
  t.push(performance.now() - s);
}
t.sort((a, b) => a - b);
const median = reps % 2 ? t[reps >> 1] : (t[reps / 2 - 1] + t[reps / 2]) / 2;
console.log(JSON.stringify({ peer: 'ffjavascript', log_size: logN, threads: single ? 1 : G1.tm.concurrency,
  cpus: os.cpus().length, node: process.version, median_ms: +median.toFixed(3), check }));
await curve.terminate();
process.exit(0);
