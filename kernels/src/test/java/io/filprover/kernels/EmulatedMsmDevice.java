package io.filprover.kernels;

import io.filprover.bls12381.curve.flat.FieldOps;
import io.filprover.bls12381.curve.flat.Fq2FieldOps;
import io.filprover.bls12381.curve.flat.FqFieldOps;
import io.filprover.bls12381.curve.flat.XyzzOps;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The MSM part of an emulated device: msm_gN_bucket_sums and msm_gN_window_sums as the kernels define
 * them, computed on the cpu from a chunk's entries (a test's independent reading of {@link MsmHost.Buckets}),
 * and kept bases as a copy "on the device" that records whether it was freed.
 */
final class EmulatedMsmDevice {
    /** Kept bases: a copy of the uploaded longs. */
    static final class Kept implements MsmHost.DeviceBases {
        final long[] copy;
        volatile boolean freed;

        Kept(long[] bases, int off, int longs) {
            copy = Arrays.copyOfRange(bases, off, off + longs);
        }

        @Override
        public long bytes() {
            return 8L * copy.length;
        }

        @Override
        public void free() {
            if (freed) {
                throw new AssertionError("kept bases freed twice");
            }
            freed = true;
        }
    }

    /** Every chunk's buckets, in order. */
    final List<MsmHost.Buckets> chunks = new CopyOnWriteArrayList<>();
    final AtomicInteger uploads = new AtomicInteger();

    Kept upload(long[] bases, int off, int longs) {
        uploads.incrementAndGet();
        return new Kept(bases, off, longs);
    }

    /** The XYZZ window sums of a chunk: each bucket's signed points added, then Σ b·B_b by running sums per window. */
    long[] windowSums(MsmHost.Buckets b) {
        chunks.add(b);
        if (b.bases() == null && ((Kept) b.resident()).freed) {
            throw new AssertionError("a chunk read kept bases after they were freed");
        }
        long[] points = b.bases() != null ? b.bases() : ((Kept) b.resident()).copy;
        int pl = b.group().pointLimbs;
        FieldOps f = b.group() == MsmHost.Group.G1 ? new FqFieldOps() : new Fq2FieldOps();
        XyzzOps xyzz = new XyzzOps(f);
        long[] sums = new long[b.windows() * xyzz.size];
        long[] bucket = new long[xyzz.size];
        long[] running = new long[xyzz.size];
        long[] p = new long[pl];
        for (int w = 0; w < b.windows(); w++) {
            Arrays.fill(running, 0L);
            for (int k = b.buckets(); k >= 1; k--) {
                int g = w * b.buckets() + k - 1;
                Arrays.fill(bucket, 0L);
                for (int e = b.starts()[g]; e < b.starts()[g + 1]; e++) {
                    int v = b.entries()[e];
                    System.arraycopy(points, pl * (v >>> 1), p, 0, pl);
                    if ((v & 1) != 0) {
                        f.neg(p, pl / 2, p, pl / 2);
                    }
                    xyzz.addAffine(bucket, 0, p, 0);
                }
                xyzz.add(running, 0, bucket, 0);
                xyzz.add(sums, w * xyzz.size, running, 0);
            }
        }
        return sums;
    }
}
