package io.filprover.kernels;

import io.filprover.api.kernels.MsmBases;
import io.filprover.bls12381.curve.MsmTerms;
import io.filprover.bls12381.curve.PointLimbs;
import io.filprover.bls12381.curve.flat.FieldOps;
import io.filprover.bls12381.curve.flat.Fq2FieldOps;
import io.filprover.bls12381.curve.flat.FqFieldOps;
import io.filprover.bls12381.curve.flat.PippengerWindows;
import io.filprover.bls12381.curve.flat.XyzzOps;

import java.util.Arrays;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * The host side of the device G1 and G2 MSMs (Pippenger's bucket method, msm.cl and msm_g2.cl),
 * written once for every device backend.
 *
 * <p>Here: the SPI's checks and the density bitmap ({@link MsmTerms}: the selected scalars paired with
 * the dense bases, zero scalars and infinity bases dropped), the signed c-bit recoding of the scalars
 * (digits in [−2^(c−1), 2^(c−1)]) and, for every window and bucket, the list of terms whose digit is
 * ±bucket (a counting sort). On the device ({@link WindowSums}): one work item per (window, bucket)
 * sums its list in XYZZ coordinates ({@code msm_gN_bucket_sums}), then one work item per window forms
 * Σ b·B_b by running sums ({@code msm_gN_window_sums}), N the {@link Group}. Back here the XYZZ window
 * sums (the device's layout is {@link XyzzOps}'s) are combined by Horner's rule ({@link PippengerWindows#combine},
 * c doublings a window, as the cpu backend does), the chunks added and the result made affine.
 *
 * <p><b>Chunks.</b> The terms go to the device in near-equal chunks as large as the device's budget allows
 * ({@link #chunkTerms}: a chunk's entries, bucket sums and, unless the bases are kept on the device, its
 * bases), at most {@value #MAX_CHUNK}. A chunk's entries index either its own bases, packed into the
 * chunk, or a buffer of bases kept on the device ({@link DeviceBases}), which nothing is packed for.
 * The chunks go to the instance's lanes ({@link DeviceLanes}): chunk k on lane k mod 2, each lane adding
 * its own partial sum (the affine result is the same point whatever the order); while a lane's device
 * call sums its chunk, that lane's next chunk is recoded and sorted on another thread.
 */
public final class MsmHost {
    /**
     * The most terms a chunk holds, whatever the device's memory: it bounds the host's share, four chunks
     * in flight (on each of the two lanes, the one on the device and the next) of about 4 · windows bytes of entries a term, plus
     * the packed bases (96 or 192 bytes a term) when they are not kept on the device.
     */
    public static final int MAX_CHUNK = 1 << 22;
    /** Work-group (block) size of the MSM kernels: they hold much per-item state (a G2 XYZZ point is 384 bytes). */
    public static final int GROUP_SIZE = 64;

    /** Where the next chunk is recoded and sorted while the device works: idle threads, not the job's pool (its caller waits on the device). */
    private static final ExecutorService PREPARE = DaemonThreads.cachedPool("msm-prepare");

    /** The group of an MSM: its point size, its kernels' name prefix and its coordinate field. */
    public enum Group {
        G1(PointLimbs.G1, "msm_g1", FqFieldOps::new),
        G2(PointLimbs.G2, "msm_g2", Fq2FieldOps::new);

        /** longs of an affine point (x, y) in the SPI's layout. */
        public final int pointLimbs;
        /** The kernels are {@code prefix + "_bucket_sums"} and {@code prefix + "_window_sums"}. */
        public final String kernelPrefix;
        private final Supplier<FieldOps> field;

        Group(int pointLimbs, String kernelPrefix, Supplier<FieldOps> field) {
            this.pointLimbs = pointLimbs;
            this.kernelPrefix = kernelPrefix;
            this.field = field;
        }

        /** u32 words of an XYZZ point on the device: four coordinates of pointLimbs / 2 longs each. */
        public int xyzzWords() {
            return 4 * pointLimbs;
        }

        /** The SPI's group. */
        public static Group of(MsmBases.Group g) {
            return g == MsmBases.Group.G1 ? G1 : G2;
        }
    }

    /** A device buffer holding a handle's bases in the SPI's layout, kept across calls; the handle frees it. */
    public interface DeviceBases {
        /** Bytes of device memory it holds. */
        long bytes();

        /** Frees the buffer (once, when its handle closes or its backend instance does). */
        void free();
    }

    /**
     * One chunk's device input: entries (base index << 1 | negative) sorted by group, group g = window ·
     * buckets + bucket − 1 owning entries[starts[g] .. starts[g + 1]). The base index is into {@code bases},
     * the chunk's affine bases packed densely, or, when {@code bases} is null, into {@code resident}, the
     * bases kept on the device.
     */
    public record Buckets(Group group, int c, int windows, int buckets, long[] bases, DeviceBases resident, int[] entries,
                          int[] starts) {
        public int groups() {
            return windows * buckets;
        }
    }

    /** The device memory one chunk may take: all its buffers together at most {@code bytes}, each at most {@code maxBuffer}. */
    public record ChunkBudget(long bytes, long maxBuffer) {
    }

    /** The device's part: the XYZZ window sums (windows × xyzzWords / 2 longs) of one chunk, on one of its lanes. */
    @FunctionalInterface
    public interface WindowSums {
        long[] of(int lane, Buckets b);
    }

    private MsmHost() {
    }

    /** Window bits for n terms: the c minimising windows × (n bucket additions + 2^c reduction additions). */
    public static int windowBits(int n) {
        int best = 2;
        for (int c = 3; c <= 16; c++) {
            if (cost(n, c) < cost(n, best)) {
                best = c;
            }
        }
        return best;
    }

    private static long cost(int n, int c) {
        return (long) windows(c) * ((long) n + (1L << c));
    }

    /** Windows of c bits for a scalar below 2^255 with signed digits (the top one absorbs the last carry). */
    public static int windows(int c) {
        return PippengerWindows.windows(c, PippengerWindows.SCALAR_BITS);
    }

    /**
     * The most terms a chunk of an MSM of {@code terms} terms may hold: the largest n ≤ {@link #MAX_CHUNK}
     * (halving from the whole) whose device buffers fit {@code budget} — entries (4 bytes per term and
     * window), the bucket lists' starts, the bucket and window sums (an XYZZ point each) and, unless
     * {@code resident}, the packed bases. At least 1. The MSM is cut into ⌈terms / n⌉ chunks of near-equal size.
     */
    public static int chunkTerms(Group g, int terms, boolean resident, ChunkBudget budget) {
        int n = Math.max(1, Math.min(terms, MAX_CHUNK));
        while (n > 1 && !fits(g, n, resident, budget)) {
            n = (n + 1) / 2;
        }
        return n;
    }

    private static boolean fits(Group g, int n, boolean resident, ChunkBudget budget) {
        int c = windowBits(n);
        int w = windows(c);
        long groups = (long) w << (c - 1);
        long[] buffers = {
                4L * n * w,                          // entries
                4L * (groups + 1),                   // starts
                4L * g.xyzzWords() * groups,         // bucket sums
                4L * g.xyzzWords() * w,              // window sums
                resident ? 0 : 8L * g.pointLimbs * n // packed bases
        };
        long total = 0;
        for (long b : buffers) {
            if (b > budget.maxBuffer()) {
                return false;
            }
            total += b;
        }
        return total <= budget.bytes();
    }

    /**
     * Σ s_i·P_i as the SPI's msmG1 / msmG2 say over the bases at {@code bases[basesOff]}, each chunk's
     * bases packed and sent with it, the chunks sized to {@code budget}.
     */
    public static void msm(Group g, long[] bases, int basesOff, long[] scalars, int scalarsOff, int count, long[] density,
                           long[] out, int outOff, ChunkBudget budget, WindowSums device) {
        run(g, bases, basesOff, null, 0, scalars, scalarsOff, count, density, out, outOff, budget, device, DeviceLanes.LANES, PREPARE);
    }

    /**
     * As {@link #msm(Group, long[], int, long[], int, int, long[], long[], int, ChunkBudget, WindowSums)} with
     * the bases kept on the device: {@code resident}'s points from {@code residentStart} on are those at
     * {@code bases[basesOff]} (read here only to drop the infinity bases); the chunks carry only entries,
     * whose indexes point into {@code resident}.
     */
    public static void msm(Group g, long[] bases, int basesOff, DeviceBases resident, int residentStart, long[] scalars,
                           int scalarsOff, int count, long[] density, long[] out, int outOff, ChunkBudget budget,
                           WindowSums device) {
        run(g, bases, basesOff, resident, residentStart, scalars, scalarsOff, count, density, out, outOff, budget, device,
                DeviceLanes.LANES, PREPARE);
    }

    /**
     * The MSM with chunk k on lane k mod {@code lanes}; each lane's chunks after its first are prepared on
     * {@code prepare} while the device sums the one before.
     */
    static void run(Group g, long[] bases, int basesOff, DeviceBases resident, int residentStart, long[] scalars,
                    int scalarsOff, int count, long[] density, long[] out, int outOff, ChunkBudget budget,
                    WindowSums device, int lanes, Executor prepare) {
        MsmTerms terms = MsmTerms.select(g.pointLimbs, bases, basesOff, scalars, scalarsOff, count, density, out, outOff);
        int m = terms.count();
        int most = chunkTerms(g, m, resident != null, budget);
        int chunks = (m + most - 1) / most;
        int used = Math.max(1, Math.min(lanes, chunks));
        long[][] acc = new long[used][];
        DeviceLanes.run(used, (lane, stop) -> {
            XyzzOps xyzz = new XyzzOps(g.field.get());
            long[] sum = new long[xyzz.size];
            long[] part = new long[xyzz.size];
            CompletableFuture<Buckets> next = null;
            try {
                for (int k = lane; k < chunks && !stop.get(); k += used) {
                    Buckets b = next == null ? buckets(g, terms, bound(m, k, chunks), bound(m, k + 1, chunks), bases,
                            basesOff, resident, residentStart, scalars) : await(next);
                    int lo = bound(m, k + used, chunks);
                    int hi = bound(m, k + used + 1, chunks);
                    next = k + used >= chunks ? null : CompletableFuture.supplyAsync(() -> buckets(g, terms, lo, hi, bases,
                            basesOff, resident, residentStart, scalars), prepare);
                    PippengerWindows.combine(part, 0, device.of(lane, b), 0, b.windows(), b.c(), xyzz);
                    xyzz.add(sum, 0, part, 0);
                }
            } finally {
                if (next != null) {
                    next.cancel(false); // a device call failed: the prepared chunk is not needed
                }
            }
            acc[lane] = sum;
        });
        XyzzOps xyzz = new XyzzOps(g.field.get());
        for (int lane = 1; lane < used; lane++) {
            xyzz.add(acc[0], 0, acc[lane], 0);
        }
        xyzz.toAffine(acc[0], 0, out, outOff);
    }

    /** Chunk k's first term of m terms in {@code chunks} near-equal chunks. */
    private static int bound(int m, int k, int chunks) {
        return (int) ((long) m * k / chunks);
    }

    private static Buckets await(CompletableFuture<Buckets> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        } catch (CancellationException e) {
            throw new IllegalStateException("msm: a chunk's preparation was cancelled", e);
        }
    }

    /**
     * The recoded, sorted terms [lo, hi) of {@code terms} (finite bases, non-zero scalars). Base indexes
     * are the chunk's own (its bases packed) or, with {@code resident}, residentStart + the term's base index.
     */
    static Buckets buckets(Group group, MsmTerms terms, int lo, int hi, long[] bases, int basesOff, DeviceBases resident,
                           int residentStart, long[] scalars) {
        int n = hi - lo;
        int[] scalarAt = terms.scalarOffsets();
        int[] baseIndex = terms.baseIndexes();
        int c = windowBits(n);
        int windows = windows(c);
        int buckets = 1 << (c - 1);
        int groups = windows * buckets;
        int[] digits = new int[n * windows];
        int[] starts = new int[groups + 1];
        for (int i = 0; i < n; i++) {
            PippengerWindows.recode(digits, i * windows, scalars, scalarAt[lo + i], c, windows);
            for (int w = 0; w < windows; w++) {
                int d = digits[i * windows + w];
                if (d != 0) {
                    starts[w * buckets + Math.abs(d)]++; // counts at g + 1
                }
            }
        }
        for (int g = 0; g < groups; g++) {
            starts[g + 1] += starts[g];
        }
        int[] entries = new int[Math.max(1, starts[groups])];
        int[] fill = Arrays.copyOf(starts, groups);
        for (int i = 0; i < n; i++) {
            // an index past 2^30 wraps the int's sign bit: the kernel reads the entry as a u32
            int index = resident == null ? i : residentStart + baseIndex[lo + i];
            for (int w = 0; w < windows; w++) {
                int d = digits[i * windows + w];
                if (d != 0) {
                    entries[fill[w * buckets + Math.abs(d) - 1]++] = index << 1 | (d < 0 ? 1 : 0);
                }
            }
        }
        long[] packed = null;
        if (resident == null) {
            int pl = group.pointLimbs;
            packed = new long[n * pl];
            for (int i = 0; i < n; i++) {
                System.arraycopy(bases, basesOff + pl * baseIndex[lo + i], packed, i * pl, pl);
            }
        }
        return new Buckets(group, c, windows, buckets, packed, resident, entries, starts);
    }
}
