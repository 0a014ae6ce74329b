package io.filprover.bench.kernels;

import io.filprover.api.kernels.Kernels;
import io.filprover.bls12381.curve.PointCodec;
import io.filprover.bls12381.curve.PointLimbs;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The measurements behind {@code filprover bench}: a backend's MSM or NTT through the Kernels SPI
 * ({@link Kernels#msmG1}, {@link Kernels#msmG2}, {@link Kernels#nttFr}) at one size (median of
 * repetitions after warm-up), optionally side by side with a peer in the same process run: a native
 * {@link MsmPeer} found on the class path (blst via c-kzg-4844, from the bench-peers module: G1 MSM at
 * 4096 points, 1 thread) or ffjavascript (Node, G1 MSM at any size). Each measurement is one flat map
 * (one JSON line in the CLI).
 *
 * <p>Threads: the backend instance is opened over the command's job context, whose thread budget
 * ({@code --threads}) the kernels run on, so every backend is measured by the same calls.
 */
public final class KernelBench {
    /** The peer run in a Node process ({@link FfjsPeer}); every other peer is an {@link MsmPeer}. */
    public static final String FFJS = "ffjs";

    private KernelBench() {
    }

    /** What to measure; the CLI validates the combination first with {@link #problem}. */
    public record Request(String kernel, String group, int logSize, int threads, String peer, int reps) {
    }

    /** Why a request is invalid whatever the backend, or null when it is fine. */
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
            if (!r.peer().equals("blst") && !r.peer().equals(FFJS)) {
                return "--peer must be blst or ffjs";
            }
            if (!r.kernel().equals("msm") || !r.group().equals("g1")) {
                return "--peer applies to the G1 MSM only";
            }
        }
        return null;
    }

    /**
     * Why the request cannot run on {@code kernels}, or null when it can: {@link #problem(Request)},
     * then the thread count the backend can take, then the peer: present on the class path, and
     * able to run this size.
     */
    public static String problem(Request r, Kernels kernels) {
        String bad = problem(r);
        if (bad != null) {
            return bad;
        }
        if (r.peer() != null && !r.peer().equals(FFJS)) {
            Optional<MsmPeer> peer;
            try {
                peer = peer(r.peer());
            } catch (ServiceConfigurationError e) {
                return "--peer " + r.peer() + " could not be loaded: " + e.getMessage();
            }
            if (peer.isEmpty()) {
                return "--peer " + r.peer() + " is not on the class path: filprover.jar carries no native peers;"
                        + " from a checkout, ./filprover builds bench-peers/target/filprover-peers.jar and adds it";
            }
            return peer.get().problem(r.logSize());
        }
        return null;
    }

    /** The native MSM peer of that name on the class path (bench-peers registers them), if any. */
    public static Optional<MsmPeer> peer(String name) {
        for (MsmPeer p : ServiceLoader.load(MsmPeer.class, MsmPeer.class.getClassLoader())) {
            if (p.name().equals(name)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    public static Map<String, Object> measure(Request r, Kernels kernels) throws IOException, InterruptedException {
        String bad = problem(r, kernels);
        if (bad != null) {
            throw new IllegalArgumentException(bad);
        }
        int n = 1 << r.logSize();
        int warmups = r.logSize() >= 18 ? 1 : 3;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kernel", r.kernel().equals("msm") ? "msm_" + r.group() : "ntt");
        m.put("log_size", r.logSize());
        m.put("threads", r.threads());
        m.put("backend", kernels.backendName());
        double ours;
        if (r.kernel().equals("ntt")) {
            long[] a = RandomInputs.frVector(n, 1);
            Runnable ntt = () -> kernels.nttFr(a, 0, r.logSize());
            for (int i = 0; i < warmups; i++) {
                ntt.run();
            }
            // each run right after a measurement of its floor (the Fr multiplication on as many threads)
            double[] ms = new double[r.reps()];
            double[] floor = new double[r.reps()];
            for (int i = 0; i < r.reps(); i++) {
                floor[i] = NttFloor.floorMs(r.logSize(), r.threads(), NttFloor.mulNs(r.threads(), a));
                long t = System.nanoTime();
                ntt.run();
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
            Runnable msm = g2 ? () -> kernels.msmG2(bases, 0, scalars, 0, n, null, out, 0)
                    : () -> kernels.msmG1(bases, 0, scalars, 0, n, null, out, 0);
            if (r.peer() != null && !r.peer().equals(FFJS)) {
                MsmPeer peer = peer(r.peer()).orElseThrow();
                double[] both = beside(peer, bases, scalars, msm, out, warmups, r.reps());
                ours = both[0];
                m.put("peer", peer.name());
                m.put("peer_threads", peer.threads());
                m.put("peer_median_ms", round(both[1]));
            } else {
                ours = Medians.medianMs(warmups, r.reps(), msm);
            }
        }
        m.put("median_ms", round(ours));
        m.put("reps", r.reps());
        if (FFJS.equals(r.peer())) {
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
     * A native peer over the same G1 bases and scalars, after checking that both give the same
     * point ({@code ours} leaves its sum in {@code out}). Our runs and the peer's alternate, so that
     * both see the same machine load (the machine may be shared). Returns {our median, peer median} in ms.
     */
    private static double[] beside(MsmPeer peer, long[] bases, long[] scalars, Runnable ours, long[] out,
                                   int warmups, int reps) {
        try (MsmPeer.Session session = peer.open(bases, scalars)) {
            ours.run();
            byte[] expected = PointCodec.g1ToCompressed(PointLimbs.g1(out, 0));
            if (!Arrays.equals(expected, session.run())) {
                throw new IllegalStateException(peer.name() + " and our MSM disagree on the same input");
            }
            for (int i = 0; i < warmups; i++) {
                ours.run();
                session.run();
            }
            double[] a = new double[reps];
            double[] b = new double[reps];
            for (int i = 0; i < reps; i++) {
                long t0 = System.nanoTime();
                ours.run();
                long t1 = System.nanoTime();
                session.run();
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
