package io.filprover.bench.kernels;

import io.filprover.bench.BenchPools;
import io.filprover.bls12381.curve.PointCodec;
import io.filprover.bls12381.curve.PointLimbs;
import io.filprover.cpu.msm.PippengerMsm;
import io.filprover.cpu.ntt.RadixNtt;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The measurements behind {@code filprover bench}: our cpu MSM or NTT at one size and thread
 * count (median of repetitions after warm-up), optionally side by side with a peer in the same
 * process run: blst (via c-kzg-4844, G1 MSM at 4096 points, 1 thread) or ffjavascript (Node, G1
 * MSM at any size). Each measurement is one flat map (one JSON line in the CLI).
 */
public final class KernelBench {
    public static final String BACKEND = "cpu";

    private KernelBench() {
    }

    /** What to measure; the CLI validates the combination first with {@link #problem}. */
    public record Request(String kernel, String group, int logSize, int threads, String peer, int reps) {
    }

    /** Why a request is invalid, or null when it is fine. */
    public static String problem(Request r) {
        if (!r.kernel().equals("msm") && !r.kernel().equals("ntt")) {
            return "kernel must be msm or ntt";
        }
        if (!r.group().equals("g1") && !r.group().equals("g2")) {
            return "--group must be g1 or g2";
        }
        if (r.kernel().equals("ntt") && !r.group().equals("g1")) {
            return "--group applies to msm only";
        }
        int max = r.kernel().equals("ntt") ? 26 : (r.group().equals("g2") ? 20 : 22);
        if (r.logSize() < 1 || r.logSize() > max) {
            return "--log-size must be between 1 and " + max + " for " + r.kernel() + (r.kernel().equals("msm") ? " " + r.group() : "");
        }
        if (r.threads() < 1 || r.threads() > 1024) {
            return "--threads must be between 1 and 1024";
        }
        if (r.reps() < 1 || r.reps() > 1000) {
            return "--reps must be between 1 and 1000";
        }
        if (r.peer() != null) {
            if (!r.peer().equals("blst") && !r.peer().equals("ffjs")) {
                return "--peer must be blst or ffjs";
            }
            if (!r.kernel().equals("msm") || !r.group().equals("g1")) {
                return "--peer applies to the G1 MSM only";
            }
            if (r.peer().equals("blst") && r.logSize() != 12) {
                return "--peer blst needs --log-size 12 (c-kzg's 4096-point MSM)";
            }
        }
        return null;
    }

    public static Map<String, Object> measure(Request r) throws IOException, InterruptedException {
        String bad = problem(r);
        if (bad != null) {
            throw new IllegalArgumentException(bad);
        }
        int n = 1 << r.logSize();
        int warmups = r.logSize() >= 18 ? 1 : 3;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kernel", r.kernel().equals("msm") ? "msm_" + r.group() : "ntt");
        m.put("log_size", r.logSize());
        m.put("threads", r.threads());
        m.put("backend", BACKEND);
        double ours;
        if (r.kernel().equals("ntt")) {
            long[] a = RandomInputs.frVector(n, 1);
            for (int i = 0; i < warmups; i++) {
                RadixNtt.ntt(a, 0, r.logSize(), BenchPools.of(r.threads()));
            }
            // each run right after a measurement of its floor (the Fr multiplication on as many threads)
            double[] ms = new double[r.reps()];
            double[] floor = new double[r.reps()];
            for (int i = 0; i < r.reps(); i++) {
                floor[i] = NttFloor.floorMs(r.logSize(), r.threads(), NttFloor.mulNs(r.threads(), a));
                long t = System.nanoTime();
                RadixNtt.ntt(a, 0, r.logSize(), BenchPools.of(r.threads()));
                ms[i] = (System.nanoTime() - t) / 1e6;
            }
            ours = Medians.median(ms);
            m.put("floor_ms", round(Medians.median(floor)));
            m.put("floor_ratio", round(ours / Medians.median(floor)));
        } else {
            boolean g2 = r.group().equals("g2");
            long[] bases = g2 ? RandomInputs.g2Bases(n, 2) : RandomInputs.g1Bases(n, 2);
            long[] scalars = RandomInputs.scalars(n, 3);
            long[] out = new long[PointLimbs.G2];
            Runnable msm = g2 ? () -> PippengerMsm.g2(bases, 0, scalars, 0, n, null, out, 0, BenchPools.of(r.threads()))
                    : () -> PippengerMsm.g1(bases, 0, scalars, 0, n, null, out, 0, BenchPools.of(r.threads()));
            if ("blst".equals(r.peer())) {
                double[] both = blst(bases, scalars, msm, warmups, r.reps());
                ours = both[0];
                m.put("peer", "blst");
                m.put("peer_threads", 1);
                m.put("peer_median_ms", round(both[1]));
            } else {
                ours = Medians.medianMs(warmups, r.reps(), msm);
            }
        }
        m.put("median_ms", round(ours));
        m.put("reps", r.reps());
        if ("ffjs".equals(r.peer())) {
            FfjsPeer.Result p = FfjsPeer.msm(r.logSize(), r.threads() == 1 ? 1 : 2, r.reps());
            m.put("peer", "ffjavascript");
            m.put("peer_threads", p.threads());
            m.put("peer_median_ms", round(p.medianMs()));
        }
        if (m.containsKey("peer_median_ms")) {
            m.put("ratio", round(ours / (Double) m.get("peer_median_ms")));
        }
        return m;
    }

    /**
     * blst via c-kzg over the same bases (as its Lagrange points) and scalars, after checking that
     * both give the same point. Our runs and blst's alternate, so that both see the same machine
     * load (the machine may be shared). Returns {our median, blst median} in ms.
     */
    private static double[] blst(long[] bases, long[] scalars, Runnable ours, int warmups, int reps) {
        try (BlstPeer peer = BlstPeer.load(bases, 4)) {
            byte[] blob = BlstPeer.blob(scalars, 0);
            // c-kzg pairs element i with Lagrange point brp(i): permute our bases the same way
            long[] permuted = new long[bases.length];
            for (int i = 0; i < BlstPeer.POINTS; i++) {
                System.arraycopy(bases, PointLimbs.G1 * BlstPeer.lagrangeIndex(i), permuted, PointLimbs.G1 * i, PointLimbs.G1);
            }
            long[] out = new long[PointLimbs.G1];
            PippengerMsm.g1(permuted, 0, scalars, 0, BlstPeer.POINTS, null, out, 0, BenchPools.of(1));
            byte[] expected = PointCodec.g1ToCompressed(PointLimbs.g1(out, 0));
            if (!Arrays.equals(expected, peer.commit(blob))) {
                throw new IllegalStateException("blst and our MSM disagree on the same input");
            }
            for (int i = 0; i < warmups; i++) {
                ours.run();
                peer.commit(blob);
            }
            double[] a = new double[reps];
            double[] b = new double[reps];
            for (int i = 0; i < reps; i++) {
                long t0 = System.nanoTime();
                ours.run();
                long t1 = System.nanoTime();
                peer.commit(blob);
                long t2 = System.nanoTime();
                a[i] = (t1 - t0) / 1e6;
                b[i] = (t2 - t1) / 1e6;
            }
            return new double[] {Medians.median(a), Medians.median(b)};
        }
    }

    private static double round(double v) {
        return Double.parseDouble(String.format(Locale.ROOT, "%.3f", v));
    }
}
