package io.filprover.kernels.opencl;

import io.filprover.bls12381.curve.MsmTerms;
import io.filprover.bls12381.curve.AffinePoint;
import io.filprover.bls12381.curve.G1;
import io.filprover.bls12381.curve.JacobianPoint;
import io.filprover.bls12381.curve.PointLimbs;
import io.filprover.bls12381.field.Fq;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The G1 multi-scalar multiplication of the OpenCL backend (Pippenger's bucket method, msm.cl).
 *
 * <p>On the host: the SPI's checks, the density bitmap (the selected scalars are paired with the
 * dense bases and zero scalars and infinity bases dropped, as the cpu backend does), the signed
 * c-bit recoding of the scalars (digits in [−2^(c−1), 2^(c−1)]) and, for every window and bucket,
 * the list of terms whose digit is ±bucket (a counting sort). On the device: one work item per
 * (window, bucket) sums its list in XYZZ coordinates ({@code msm_g1_bucket_sums}), then one work
 * item per window forms Σ b·B_b by running sums ({@code msm_g1_window_sums}). Back on the host the
 * window sums are made affine and combined by Horner's rule (c doublings a window) with bls12-381's
 * G1, and the result is made affine. Terms go to the device in chunks of at most
 * {@value #MAX_CHUNK} (fewer where the backend's chunk size in bytes says so).
 */
final class OpenClMsm {
    static final int MAX_CHUNK = 1 << 20;
    private static final int SCALAR_BITS = 255;
    private static final int G1_LIMBS = PointLimbs.G1;
    /** u32 words of an XYZZ point on the device (4 × 12). */
    private static final int XYZZ_WORDS = 48;

    private OpenClMsm() {
    }

    /** Window bits for n terms: the c minimising windows × (n bucket additions + 2^c reduction additions). */
    static int windowBits(int n) {
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
    static int windows(int c) {
        return SCALAR_BITS / c + 1;
    }

    /** Σ s_i·P_i as the SPI's msmG1 says, the terms sent to the device in chunks of at most {@code maxChunk}. */
    static void g1(OpenClRuntime rt, cl_command_queue queue, long[] bases, int basesOff, long[] scalars, int scalarsOff,
                   int count, long[] density, long[] out, int outOff, int maxChunk) {
        // the terms that count, checked and selected as every backend does
        MsmTerms terms = MsmTerms.select(G1_LIMBS, bases, basesOff, scalars, scalarsOff, count, density, out, outOff);
        int m = terms.count();
        int[] scalarAt = terms.scalarOffsets();
        int[] baseAt = new int[m];
        for (int i = 0; i < m; i++) {
            baseAt[i] = basesOff + G1_LIMBS * terms.baseIndexes()[i];
        }
        JacobianPoint<Fq> acc = G1.identity();
        int chunk = Math.max(1, Math.min(MAX_CHUNK, maxChunk));
        for (int lo = 0; lo < m; lo += chunk) {
            int n = Math.min(chunk, m - lo);
            acc = acc.add(chunk(rt, queue, bases, scalars, Arrays.copyOfRange(scalarAt, lo, lo + n),
                    Arrays.copyOfRange(baseAt, lo, lo + n), n));
        }
        PointLimbs.g1(acc.toAffine(), out, outOff);
    }

    /** Σ s_i·P_i over n finite bases with non-zero scalars, through the device. */
    private static JacobianPoint<Fq> chunk(OpenClRuntime rt, cl_command_queue queue, long[] bases, long[] scalars,
                                           int[] scalarAt, int[] baseAt, int n) {
        int c = windowBits(n);
        int windows = windows(c);
        int buckets = 1 << (c - 1);
        int groups = windows * buckets;
        // signed digits, then a counting sort of the terms by (window, bucket)
        int[] digits = new int[n * windows];
        int[] starts = new int[groups + 1];
        for (int i = 0; i < n; i++) {
            recode(scalars, scalarAt[i], c, windows, digits, i * windows);
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
            for (int w = 0; w < windows; w++) {
                int d = digits[i * windows + w];
                if (d != 0) {
                    entries[fill[w * buckets + Math.abs(d) - 1]++] = i << 1 | (d < 0 ? 1 : 0);
                }
            }
        }
        long[] packed = new long[n * G1_LIMBS];
        for (int i = 0; i < n; i++) {
            System.arraycopy(bases, baseAt[i], packed, i * G1_LIMBS, G1_LIMBS);
        }
        long[] sums = new long[windows * XYZZ_WORDS / 2];
        List<cl_mem> mems = new ArrayList<>();
        List<cl_kernel> kernels = new ArrayList<>();
        try {
            cl_mem basesBuf = buffer(rt, mems, CL.CL_MEM_READ_ONLY | CL.CL_MEM_COPY_HOST_PTR, 8L * packed.length, Pointer.to(packed));
            cl_mem entriesBuf = buffer(rt, mems, CL.CL_MEM_READ_ONLY | CL.CL_MEM_COPY_HOST_PTR, 4L * entries.length, Pointer.to(entries));
            cl_mem startsBuf = buffer(rt, mems, CL.CL_MEM_READ_ONLY | CL.CL_MEM_COPY_HOST_PTR, 4L * starts.length, Pointer.to(starts));
            cl_mem bucketBuf = buffer(rt, mems, CL.CL_MEM_READ_WRITE, 4L * XYZZ_WORDS * groups, null);
            cl_mem windowBuf = buffer(rt, mems, CL.CL_MEM_WRITE_ONLY, 4L * XYZZ_WORDS * windows, null);

            cl_kernel k1 = CL.clCreateKernel(rt.program(), "msm_g1_bucket_sums", null);
            kernels.add(k1);
            CL.clSetKernelArg(k1, 0, Sizeof.cl_mem, Pointer.to(basesBuf));
            CL.clSetKernelArg(k1, 1, Sizeof.cl_mem, Pointer.to(entriesBuf));
            CL.clSetKernelArg(k1, 2, Sizeof.cl_mem, Pointer.to(startsBuf));
            CL.clSetKernelArg(k1, 3, Sizeof.cl_mem, Pointer.to(bucketBuf));
            CL.clSetKernelArg(k1, 4, Sizeof.cl_uint, Pointer.to(new int[] {groups}));
            CL.clEnqueueNDRangeKernel(queue, k1, 1, null, new long[] {groups}, null, 0, null, null);

            cl_kernel k2 = CL.clCreateKernel(rt.program(), "msm_g1_window_sums", null);
            kernels.add(k2);
            CL.clSetKernelArg(k2, 0, Sizeof.cl_mem, Pointer.to(bucketBuf));
            CL.clSetKernelArg(k2, 1, Sizeof.cl_mem, Pointer.to(windowBuf));
            CL.clSetKernelArg(k2, 2, Sizeof.cl_uint, Pointer.to(new int[] {windows}));
            CL.clSetKernelArg(k2, 3, Sizeof.cl_uint, Pointer.to(new int[] {buckets}));
            CL.clEnqueueNDRangeKernel(queue, k2, 1, null, new long[] {windows}, null, 0, null, null);
            CL.clEnqueueReadBuffer(queue, windowBuf, CL.CL_TRUE, 0, 8L * sums.length, Pointer.to(sums), 0, null, null);
        } finally {
            for (cl_kernel k : kernels) {
                CL.clReleaseKernel(k);
            }
            for (cl_mem mem : mems) {
                CL.clReleaseMemObject(mem);
            }
        }
        // Horner over the windows from the top: acc = 2^c·acc + S_w
        JacobianPoint<Fq> acc = G1.identity();
        for (int w = windows - 1; w >= 0; w--) {
            for (int k = 0; k < c && !acc.isIdentity(); k++) {
                acc = acc.dbl();
            }
            acc = acc.add(xyzzToAffine(sums, w * XYZZ_WORDS / 2));
        }
        return acc;
    }

    private static cl_mem buffer(OpenClRuntime rt, List<cl_mem> mems, long flags, long bytes, Pointer src) {
        cl_mem m = CL.clCreateBuffer(rt.context, flags, bytes, src, null);
        mems.add(m);
        return m;
    }

    /** The affine point of an XYZZ point (x, y, zz, zzz; 6 Montgomery limbs each) at p[off]. */
    private static AffinePoint<Fq> xyzzToAffine(long[] p, int off) {
        Fq zz = Fq.fromMontgomeryLimbs(Arrays.copyOfRange(p, off + 12, off + 18));
        if (zz.isZero()) {
            return G1.CURVE.infinity();
        }
        Fq zzz = Fq.fromMontgomeryLimbs(Arrays.copyOfRange(p, off + 18, off + 24));
        Fq x = Fq.fromMontgomeryLimbs(Arrays.copyOfRange(p, off, off + 6)).mul(zz.inverse());
        Fq y = Fq.fromMontgomeryLimbs(Arrays.copyOfRange(p, off + 6, off + 12)).mul(zzz.inverse());
        return AffinePoint.of(G1.CURVE, x, y);
    }

    /** Signed c-bit digits of the canonical scalar at s[so]: Σ digit_w·2^(cw) = scalar, digit ∈ [−2^(c−1), 2^(c−1)]. */
    static void recode(long[] s, int so, int c, int windows, int[] out, int oo) {
        int half = 1 << (c - 1);
        long mask = (1L << c) - 1;
        int carry = 0;
        for (int w = 0; w < windows; w++) {
            int bit = w * c;
            int limb = bit >>> 6;
            long v = 0;
            if (limb < 4) {
                int sh = bit & 63;
                v = s[so + limb] >>> sh;
                if (sh + c > 64 && limb < 3) {
                    v |= s[so + limb + 1] << (64 - sh);
                }
                v &= mask;
            }
            int d = (int) v + carry;
            if (d > half) {
                d -= 1 << c;
                carry = 1;
            } else {
                carry = 0;
            }
            out[oo + w] = d;
        }
        if (carry != 0) {
            throw new IllegalStateException("msm: signed recoding left a carry (scalar not below 2^255)");
        }
    }

}
