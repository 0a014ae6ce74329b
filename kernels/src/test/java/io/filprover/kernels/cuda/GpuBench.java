package io.filprover.kernels.cuda;

import io.filprover.api.job.WorkerPool;
import io.filprover.api.kernels.Backends;
import io.filprover.api.kernels.KernelTrees;
import io.filprover.api.kernels.Kernels;
import io.filprover.api.kernels.MsmBases;
import io.filprover.bls12381.curve.AffinePoint;
import io.filprover.bls12381.curve.G1;
import io.filprover.bls12381.curve.G2;
import io.filprover.bls12381.curve.JacobianPoint;
import io.filprover.bls12381.curve.PointLimbs;
import io.filprover.bls12381.field.Fq;
import io.filprover.bls12381.field.Fq2;

import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The GPU benchmarks of kernels/gpu-check.sh, through the Kernels SPI as a prover calls it:
 * {@code java -cp ... io.filprover.kernels.cuda.GpuBench OUT.jsonl BUDGET_SECONDS [BACKEND]} ({@code --list}
 * prints the backends as {@code filprover backends} does), on the backend (default cuda), in the order of
 * {@link #run}: G1 MSM 2^20..2^24 (on arrays, and at 2^20, 2^22, 2^24 on bases kept on the device, their
 * upload timed apart), the NTT 2^20..2^24, the quotient at 2^22, SHA-256 over 2^24 node pairs, Poseidon
 * arity 8 over 2^20 preimages, the arity-11 column hash over 2^21 columns, whole trees over 1 GiB of leaves
 * (Poseidon-8 and SHA-256, against one batch per level), NTT 2^25..2^27, G1 MSM 2^25..2^26 and G2 MSM
 * 2^18..2^20, with a cpu-backend baseline at one size of most; one JSON line per
 * measurement (median of the timed repetitions after a warm-up, and the backend's fallback count, which
 * must be 0 for the figure to be the device's). Sizes that would overrun the budget are reported skipped.
 * Here and not in {@code filprover bench}: the GPU machine has no JDK or Maven of its own, and this runs from the
 * kernels module's test classpath, which is small enough to carry there.
 */
public final class GpuBench {
    private final PrintStream out;
    private final long deadline;
    private final WorkerPool pool;

    private GpuBench(PrintStream out, long budgetSeconds, WorkerPool pool) {
        this.out = out;
        this.deadline = System.nanoTime() + budgetSeconds * 1_000_000_000L;
        this.pool = pool;
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--list")) { // what filprover backends prints
            for (Backends.Status s : Backends.discover().statuses()) {
                System.out.printf("%-8s %-12s %s%n", s.name(), s.availability().available() ? "available" : "unavailable",
                        s.availability().detail());
            }
            return;
        }
        Path file = Path.of(args[0]);
        long budget = Long.parseLong(args[1]);
        String backend = args.length > 2 ? args[2] : "cuda";
        try (PrintStream ps = new PrintStream(Files.newOutputStream(file), true);
             WorkerPool pool = WorkerPool.of(Runtime.getRuntime().availableProcessors(), "gpu-bench")) {
            GpuBench b = new GpuBench(ps, budget, pool);
            Backends backends = Backends.discover();
            try (Kernels k = backends.open(backend, pool); Kernels cpu = backends.open("cpu", pool)) {
                b.run(k, cpu);
            }
        }
    }

    /**
     * In the order of issue 17's targets, so that a short budget still measures the first ones: G1 MSM
     * 2^20..2^24 (the 2^24 target) on arrays and on kept bases; NTT 2^20..2^24 and the quotient; batches
     * (SHA-256 pairs, Poseidon-8, the arity-11 column hash); whole trees over 1 GiB of leaves; then the
     * largest sizes (NTT 2^25..2^27, G1 MSM 2^25..2^26) and G2.
     */
    private void run(Kernels k, Kernels cpu) {
        SplittableRandom rnd = new SplittableRandom(17);
        long[] res = new long[PointLimbs.G1];
        long[] scalars = scalars(1 << 24, rnd);
        long t0 = System.nanoTime();
        long[] bases = g1Bases(1 << 24, rnd);
        note("msm_inputs", 24, (System.nanoTime() - t0) / 1e6);
        msmG1(k, bases, scalars, 20, 24, res);
        time(cpu, "msm_g1", 18, 1, () -> cpu.msmG1(bases, 0, scalars, 0, 1 << 18, null, res, 0));
        // the same MSMs on bases kept on the device (prepared once, as the Groth16 prover does), the upload timed apart
        t0 = System.nanoTime();
        try (MsmBases kept = k.prepareMsmBasesG1(bases, 0, 1 << 24)) {
            note("msm_g1_prepare", 24, (System.nanoTime() - t0) / 1e6);
            out.println("{\"kernel\":\"msm_g1_bases\",\"where\":\"" + String.valueOf(kept).replace('"', '\'') + "\"}");
            for (int log = 20; log <= 24; log += 2) {
                int l = log;
                time(k, "msm_g1_kept_bases", log, log >= 23 ? 1 : 2, () -> k.msmG1(kept, 0, scalars, 0, 1 << l, null, res, 0));
            }
        }
        // NTT: the same input each repetition (a forward NTT of the previous output is as good a workload)
        long[] a = fr(1 << 24, rnd);
        ntt(k, a, 20, 24);
        time(cpu, "ntt", 20, 2, () -> cpu.nttFr(a, 0, 20));
        // Groth16's quotient in one call (3 vectors up, 7 transforms and the pointwise step on the device, 1 down)
        long[] qb = fr(1 << 22, rnd);
        long[] qc = fr(1 << 22, rnd);
        time(k, "quotient", 22, 2, () -> k.quotientFr(a, qb, qc, 22));
        time(cpu, "quotient", 20, 1, () -> cpu.quotientFr(a, qb, qc, 20));
        // batches: SHA-256 node pairs over 1 GiB, Poseidon-8, and PC2's column hash (arity 11, a 32 GiB sector's
        // 2^30 columns extrapolated from 2^21: ns_per_item × 2^30)
        byte[] pairs = new byte[1 << 30];
        for (int i = 0; i < pairs.length; i += 8) {
            long v = rnd.nextLong();
            for (int j = 0; j < 8; j++) {
                pairs[i + j] = (byte) (v >>> (8 * j));
            }
        }
        byte[] digests = new byte[1 << 30];
        time(k, "sha256_pairs", 24, 3, () -> k.sha256Trunc254Pairs(pairs, 0, digests, 0, 1 << 24));
        time(cpu, "sha256_pairs", 20, 3, () -> cpu.sha256Trunc254Pairs(pairs, 0, digests, 0, 1 << 20));
        long[] pre = fr(1 << 25, rnd);
        long[] hashes = new long[4 << 22];
        time(k, "poseidon8", 20, 3, () -> k.poseidonHashBatch(8, pre, 0, hashes, 0, 1 << 20));
        time(cpu, "poseidon8", 16, 3, () -> cpu.poseidonHashBatch(8, pre, 0, hashes, 0, 1 << 16));
        time(k, "column_hash_a11", 21, 2, () -> k.poseidonHashBatch(11, pre, 0, hashes, 0, 1 << 21));
        time(cpu, "column_hash_a11", 16, 1, () -> cpu.poseidonHashBatch(11, pre, 0, hashes, 0, 1 << 16));
        // whole trees over 1 GiB of leaves (2^25 nodes of 32 bytes), the levels kept on the device, against one
        // batch call per level on the same backend
        long[] levels8 = new long[4 * (int) KernelTrees.nodesAbove(8, 1 << 25, 8)];
        time(k, "poseidon8_tree", 25, 2, () -> k.poseidonTree(8, pre, 0, 1 << 25, 8, levels8, 0));
        time(k, "poseidon8_tree_by_levels", 25, 1, () -> KernelTrees.poseidonByLevels(k, 8, pre, 0, 1 << 25, 8, levels8, 0));
        time(k, "sha256_tree", 25, 2, () -> k.sha256Tree(pairs, 0, 1 << 25, 25, digests, 0));
        time(k, "sha256_tree_by_levels", 25, 1, () -> KernelTrees.sha256ByLevels(k, pairs, 0, 1 << 25, 25, digests, 0));
        // the largest sizes, each only while the budget lasts
        if (!spent("ntt", 25)) {
            long[] big = fr(1 << 27, rnd);
            ntt(k, big, 25, 27);
        }
        if (!spent("msm_g1", 25)) {
            long[] scalars26 = scalars(1 << 26, rnd);
            t0 = System.nanoTime();
            long[] bases26 = g1Bases(1 << 26, rnd);
            note("msm_inputs", 26, (System.nanoTime() - t0) / 1e6);
            msmG1(k, bases26, scalars26, 25, 26, res);
        }
        if (spent("msm_g2", 18)) {
            return;
        }
        t0 = System.nanoTime();
        long[] g2 = g2Bases(1 << 20, rnd);
        note("msm_g2_inputs", 20, (System.nanoTime() - t0) / 1e6);
        long[] res2 = new long[PointLimbs.G2];
        for (int log = 18; log <= 20; log++) {
            int l = log;
            time(k, "msm_g2", log, 2, () -> k.msmG2(g2, 0, scalars, 0, 1 << l, null, res2, 0));
        }
        time(cpu, "msm_g2", 16, 1, () -> cpu.msmG2(g2, 0, scalars, 0, 1 << 16, null, res2, 0));
    }

    private void msmG1(Kernels k, long[] bases, long[] scalars, int fromLog, int toLog, long[] res) {
        for (int log = fromLog; log <= toLog; log++) {
            int l = log;
            time(k, "msm_g1", log, log >= 23 ? 1 : 2, () -> k.msmG1(bases, 0, scalars, 0, 1 << l, null, res, 0));
        }
    }

    private void ntt(Kernels k, long[] a, int fromLog, int toLog) {
        for (int log = fromLog; log <= toLog; log++) {
            int l = log;
            time(k, "ntt", log, 3, () -> k.nttFr(a, 0, l));
        }
    }

    /** Whether the budget is spent (then says that {@code kernel} from 2^log on was skipped, not measured). */
    private boolean spent(String kernel, int log) {
        if (System.nanoTime() <= deadline) {
            return false;
        }
        out.println(String.format(Locale.ROOT, "{\"kernel\":\"%s\",\"log_size\":%d,\"skipped\":\"time budget spent\"}", kernel, log));
        return true;
    }

    /** Distinct points k_i·G2, k_i = k0 + i·step, by additions, as {@link #g1Bases}. */
    private long[] g2Bases(int n, SplittableRandom rnd) {
        BigInteger k0 = new BigInteger(250, new java.util.Random(rnd.nextLong()));
        BigInteger step = new BigInteger(250, new java.util.Random(rnd.nextLong()));
        long[] out = new long[PointLimbs.G2 * n];
        int chunk = 4096;
        pool.forRanges(pool.threads(), (n + chunk - 1) / chunk, (part, lo, hi) -> {
            for (int c = lo; c < hi; c++) {
                int from = c * chunk;
                JacobianPoint<Fq2> p = G2.mul(G2.generator(), k0.add(step.multiply(BigInteger.valueOf(from))));
                JacobianPoint<Fq2> s = G2.mul(G2.generator(), step);
                @SuppressWarnings("unchecked") JacobianPoint<Fq2>[] pts = new JacobianPoint[Math.min(chunk, n - from)];
                for (int i = 0; i < pts.length; i++) {
                    pts[i] = p;
                    p = p.add(s);
                }
                AffinePoint<Fq2>[] aff = JacobianPoint.batchToAffine(pts);
                for (int i = 0; i < aff.length; i++) {
                    PointLimbs.g2(aff[i], out, PointLimbs.G2 * (from + i));
                }
            }
        });
        return out;
    }

    /** Warm-up, then {@code reps} timed runs; skipped when the warm-up alone would pass the deadline. */
    private void time(Kernels k, String kernel, int log, int reps, Runnable r) {
        String head = String.format(Locale.ROOT, "{\"kernel\":\"%s\",\"backend\":\"%s\",\"log_size\":%d", kernel, k.backendName(), log);
        if (System.nanoTime() > deadline) {
            out.println(head + ",\"skipped\":\"time budget spent\"}");
            return;
        }
        try {
            long w = System.nanoTime();
            r.run();
            double warmMs = (System.nanoTime() - w) / 1e6;
            double[] ms = new double[reps];
            int done = 0;
            for (; done < reps && System.nanoTime() + warmMs * 1e6 < deadline; done++) {
                long s = System.nanoTime();
                r.run();
                ms[done] = (System.nanoTime() - s) / 1e6;
            }
            double[] timed = Arrays.copyOf(ms, done);
            Arrays.sort(timed);
            double median = done == 0 ? warmMs : timed[done / 2];
            out.println(String.format(Locale.ROOT, "%s,\"median_ms\":%.3f,\"warmup_ms\":%.3f,\"reps\":%d,\"ns_per_item\":%.3f,\"fallbacks\":%d}",
                    head, median, warmMs, done, median * 1e6 / (1L << log), k.fallbacks()));
        } catch (RuntimeException | OutOfMemoryError e) {
            out.println(head + ",\"error\":\"" + String.valueOf(e).replace('"', '\'').replace('\n', ' ') + "\"}");
        }
    }

    private void note(String what, int log, double ms) {
        out.println(String.format(Locale.ROOT, "{\"kernel\":\"%s\",\"log_size\":%d,\"ms\":%.1f}", what, log, ms));
    }

    /** n field elements: any value below r is a valid Montgomery form, so random limbs below 2^252 do. */
    private static long[] fr(int n, SplittableRandom rnd) {
        return scalars(n, rnd);
    }

    private static long[] scalars(int n, SplittableRandom rnd) {
        long[] s = new long[4 * n];
        for (int i = 0; i < n; i++) {
            s[4 * i] = rnd.nextLong();
            s[4 * i + 1] = rnd.nextLong();
            s[4 * i + 2] = rnd.nextLong();
            s[4 * i + 3] = rnd.nextLong() & 0x0fffffffffffffffL; // below 2^252 < r
        }
        return s;
    }

    /** Distinct points k_i·G, k_i = k0 + i·step, by additions (bench-core's RandomInputs does the same for filprover bench). */
    private long[] g1Bases(int n, SplittableRandom rnd) {
        BigInteger k0 = new BigInteger(250, new java.util.Random(rnd.nextLong()));
        BigInteger step = new BigInteger(250, new java.util.Random(rnd.nextLong()));
        long[] out = new long[PointLimbs.G1 * n];
        int chunk = 4096;
        pool.forRanges(pool.threads(), (n + chunk - 1) / chunk, (part, lo, hi) -> {
            for (int c = lo; c < hi; c++) {
                int from = c * chunk;
                JacobianPoint<Fq> p = G1.mul(G1.generator(), k0.add(step.multiply(BigInteger.valueOf(from))));
                JacobianPoint<Fq> s = G1.mul(G1.generator(), step);
                @SuppressWarnings("unchecked") JacobianPoint<Fq>[] pts = new JacobianPoint[Math.min(chunk, n - from)];
                for (int i = 0; i < pts.length; i++) {
                    pts[i] = p;
                    p = p.add(s);
                }
                AffinePoint<Fq>[] aff = JacobianPoint.batchToAffine(pts);
                for (int i = 0; i < aff.length; i++) {
                    PointLimbs.g1(aff[i], out, PointLimbs.G1 * (from + i));
                }
            }
        });
        return out;
    }
}
