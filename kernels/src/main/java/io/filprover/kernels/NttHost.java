package io.filprover.kernels;

import io.filprover.api.job.WorkerPool;
import io.filprover.api.kernels.Kernels;
import io.filprover.bls12381.domain.FrDomain;
import io.filprover.bls12381.field.Fr;
import io.filprover.bls12381.field.FrOps;

import java.math.BigInteger;

/**
 * The host side of the device NTTs (ntt.cl), written once for every device backend: the SPI's checks,
 * which sizes go to the device, the twiddle table and the scaling parameters (computed here, uploaded
 * by the backend), and the order of the kernel launches. A backend supplies only the launches
 * ({@link Launcher}).
 */
public final class NttHost {
    /** The largest domain the device NTT takes (larger ones, and 2^0, go to the cpu backend). */
    public static final int MAX_LOG = 26;
    /** log2 of the elements per work-group of {@code ntt_local} (NTT_LOCAL_LOG in ntt.cl). */
    public static final int LOCAL_LOG = 8;
    /** Elements per work item of {@code ntt_scale} (NTT_SCALE_CHUNK in ntt.cl). */
    public static final int SCALE_CHUNK = 64;
    /** The smallest twiddle table built (as the cpu backend's), so small domains share one. */
    public static final int MIN_TABLE_LOG = 10;

    /** The four NTTs of the SPI. */
    public enum Kind {
        FORWARD, INVERSE, COSET, INVERSE_COSET;

        public boolean inverse() {
            return this == INVERSE || this == INVERSE_COSET;
        }
    }

    /** The launches of one NTT on one device buffer; {@link #schedule} calls them in order. */
    public interface Launcher {
        /** {@code ntt_scale} over n elements with the kind's parameters ({@link #scaleParams}). */
        void scale();

        /** {@code ntt_bitrev}: n work items. */
        void bitrev();

        /** {@code ntt_local}: n / 2 work items in groups of 2^(stages − 1). */
        void local(int stages);

        /** {@code ntt_pass} with half = 2^logHalf: n / 2 work items. */
        void pass(int logHalf);
    }

    private NttHost() {
    }

    /** The SPI's checks, before any device call. */
    public static void check(long[] a, int off, int logN) {
        if (logN < 0 || logN > FrDomain.TWO_ADICITY) {
            throw new IllegalArgumentException("domain size 2^" + logN + " is not supported (at most 2^32)");
        }
        if (off < 0 || (long) off + (4L << logN) > a.length) {
            throw new IndexOutOfBoundsException("2^" + logN + " elements at offset " + off
                    + " do not fit an array of " + a.length + " limbs");
        }
    }

    /** The same NTT on another backend (the cpu one, for what the device does not take). */
    public static void run(Kernels k, Kind kind, long[] a, int off, int logN) {
        switch (kind) {
            case FORWARD -> k.nttFr(a, off, logN);
            case INVERSE -> k.inttFr(a, off, logN);
            case COSET -> k.cosetNttFr(a, off, logN);
            case INVERSE_COSET -> k.icosetNttFr(a, off, logN);
        }
    }

    /** log2 of the twiddle table a 2^logN NTT needs. */
    public static int tableLog(int logN) {
        return Math.max(logN, MIN_TABLE_LOG);
    }

    /**
     * Whether {@code buffers} data buffers of 2^logN elements (1 for an NTT, 3 for the quotient) and the
     * twiddle table fit a device's allocation limit and 90 % of its memory.
     */
    public static boolean fits(int logN, int buffers, long maxAlloc, long globalMemory) {
        if (logN < 1 || logN > MAX_LOG) {
            return false;
        }
        long data = 32L << logN;
        long table = 16L << tableLog(logN);
        return data <= maxAlloc && table <= maxAlloc && buffers * data + table <= globalMemory / 10 * 9;
    }

    /** Work items of {@code ntt_scale} over n elements. */
    public static long scaleItems(int n) {
        return (n + SCALE_CHUNK - 1) / SCALE_CHUNK;
    }

    /**
     * The launches of one NTT, natural order in and out: coset shift, bit reversal, the first
     * {@code stages} passes in local memory, the later passes in global memory, the n^-1 (and g^-j) scaling.
     */
    public static void schedule(Kind kind, int logN, int stages, Launcher l) {
        if (kind == Kind.COSET) {
            l.scale();
        }
        l.bitrev();
        l.local(stages);
        for (int logHalf = stages; logHalf < logN; logHalf++) {
            l.pass(logHalf);
        }
        if (kind.inverse()) {
            l.scale();
        }
    }

    /** One NTT of the given kind on one resident device buffer (the launches of {@link #schedule}, no transfer). */
    @FunctionalInterface
    public interface ResidentNtt<B> {
        void run(Kind kind, B buffer);
    }

    /**
     * The device work of {@code Kernels.quotientFr} on three resident buffers, bellperson's order:
     * the inverse NTTs of a, b and c, their coset NTTs, {@code fr_quotient_pointwise} into a, the
     * inverse coset NTT of a. The backend uploads a, b, c before and reads a back after.
     */
    public static <B> void quotientSchedule(B a, B b, B c, ResidentNtt<B> ntt, Runnable pointwise) {
        ntt.run(Kind.INVERSE, a);
        ntt.run(Kind.INVERSE, b);
        ntt.run(Kind.INVERSE, c);
        ntt.run(Kind.COSET, a);
        ntt.run(Kind.COSET, b);
        ntt.run(Kind.COSET, c);
        pointwise.run();
        ntt.run(Kind.INVERSE_COSET, a);
    }

    /** The passes per work-group of ntt_local: at most {@code limit}, fewer where work-groups hold fewer than 2^(stages − 1) items. */
    public static int localStages(int logN, int limit, long maxGroupSize) {
        int stages = limit;
        while (stages > 1 && (1L << (stages - 1)) > maxGroupSize) {
            stages--;
        }
        return Math.min(logN, stages);
    }

    /** w^i, i < 2^(logL − 1), for w the root of the 2^logL domain, in Montgomery limbs, computed on the pool's threads. */
    public static long[] twiddles(WorkerPool pool, int logL) {
        int count = 1 << (logL - 1);
        long[] w = new long[4 * count];
        Fr omega = FrDomain.omega(logL);
        long[] step = omega.montgomeryLimbs();
        // each range starts from ω^lo and steps by ω
        pool.forRanges(count < (1 << 14) ? 1 : pool.threads(), count, (part, lo, hi) -> {
            omega.pow(BigInteger.valueOf(lo)).toMontgomeryLimbs(w, 4 * lo);
            for (int j = lo + 1; j < hi; j++) {
                FrOps.mul(w, 4 * j, w, 4 * (j - 1), step, 0);
            }
        });
        return w;
    }

    /** ntt_scale's [c, g^(2^0), .., g^(2^31)]: c = 1, g = 7 before the coset NTT; c = n^-1 and g = 1 or 7^-1 after the inverses. */
    public static long[] scaleParams(Kind kind, int logN) {
        Fr c = kind == Kind.COSET ? Fr.ONE : Fr.fromBigInteger(BigInteger.ONE.shiftLeft(logN)).inverse();
        Fr g = switch (kind) {
            case COSET -> FrDomain.COSET_GENERATOR;
            case INVERSE_COSET -> FrDomain.COSET_GENERATOR.inverse();
            default -> Fr.ONE;
        };
        long[] p = new long[4 * 33];
        c.toMontgomeryLimbs(p, 0);
        for (int k = 0; k < 32; k++) {
            g.toMontgomeryLimbs(p, 4 * (k + 1));
            g = g.square();
        }
        return p;
    }
}
