package io.filprover.kernels.opencl;

import io.filprover.api.job.WorkerPool;
import io.filprover.api.kernels.Availability;
import io.filprover.api.kernels.KernelTrees;
import io.filprover.bls12381.curve.G1;
import io.filprover.bls12381.curve.JacobianPoint;
import io.filprover.bls12381.curve.PointLimbs;
import io.filprover.bls12381.field.Fq;
import io.filprover.bls12381.field.Fr;
import io.filprover.cpu.CpuKernels;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Batches and trees larger than one device chunk (chunks made tiny here), in place and not, equal the cpu backend's. */
class OpenClChunkingTest {
    /**
     * Trees cut into many device calls: with 24 nodes a call (leaves and levels), a binary tree is
     * hashed as runs of 8 leaves with 3 levels each, then from level 3 the same way, and so on; an
     * 8-ary tree as runs of 16 leaves with one level each, level after level.
     */
    @Test
    void treesSplitIntoManyDeviceCallsMatchOneBatchPerLevel() throws Exception {
        Availability a = new OpenClKernelsProvider().probe();
        assumeTrue(a.available(), () -> "OpenCL unavailable: " + a.detail());
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        try (WorkerPool pool = WorkerPool.of(1, "chunking-test");
             OpenClKernels gpu = new OpenClKernels(OpenClRuntime.get(), pool, 32 * 24);
             CpuKernels cpu = new CpuKernels(pool)) {
            for (int leaves : new int[] {256, 256 * 3}) {
                byte[] in = new byte[32 * leaves];
                rnd.nextBytes(in);
                int nodes = (int) KernelTrees.nodesAbove(2, leaves, 8);
                byte[] want = new byte[32 * nodes];
                cpu.sha256Tree(in, 0, leaves, 8, want, 0);
                byte[] got = new byte[32 * nodes];
                gpu.sha256Tree(in, 0, leaves, 8, got, 0);
                assertArrayEquals(want, got, "sha256Tree of " + leaves + " in chunks, seed " + seed);
            }
            for (int arity : new int[] {2, 8}) {
                int levels = arity == 2 ? 9 : 4;
                int leaves = (int) Math.pow(arity, levels) * 2;
                long[] in = new long[4 * leaves];
                for (int i = 0; i < leaves; i++) {
                    Fr.random(rnd).toMontgomeryLimbs(in, 4 * i);
                }
                int nodes = (int) KernelTrees.nodesAbove(arity, leaves, levels);
                long[] want = new long[4 * nodes];
                cpu.poseidonTree(arity, in, 0, leaves, levels, want, 0);
                long[] got = new long[4 * nodes];
                gpu.poseidonTree(arity, in, 0, leaves, levels, got, 0);
                assertArrayEquals(want, got, "poseidonTree arity " + arity + " in chunks, seed " + seed);
            }
            assertEquals(0, gpu.fallbacks());
        }
    }

    @Test
    void batchesSplitIntoManyChunksMatchTheCpuBackend() throws Exception {
        Availability a = new OpenClKernelsProvider().probe();
        assumeTrue(a.available(), () -> "OpenCL unavailable: " + a.detail());
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        try (WorkerPool pool = WorkerPool.of(1, "chunking-test");
             OpenClKernels gpu = new OpenClKernels(OpenClRuntime.get(), pool, 64 * 7 + 5);
             CpuKernels cpu = new CpuKernels(pool)) {
            // SHA: 7 pairs per chunk
            int count = 1000 + rnd.nextInt(100);
            byte[] in = new byte[64 * count + 40];
            rnd.nextBytes(in);
            byte[] want = new byte[32 * count];
            cpu.sha256Trunc254Pairs(in, 40, want, 0, count);
            byte[] out = new byte[32 * count + 3];
            gpu.sha256Trunc254Pairs(in, 40, out, 3, count);
            assertArrayEquals(want, Arrays.copyOfRange(out, 3, 3 + 32 * count), "sha, seed " + seed);
            gpu.sha256Trunc254Pairs(in, 40, in, 8, count); // in place, output before the input
            assertArrayEquals(want, Arrays.copyOfRange(in, 8, 8 + 32 * count), "sha in place, seed " + seed);

            // Poseidon arity 4: 3 preimages (128 bytes each) per chunk
            int arity = 4;
            int hashes = 50 + rnd.nextInt(20);
            long[] xs = new long[8 + 4 * arity * hashes];
            for (int i = 0; i < arity * hashes; i++) {
                Fr.random(rnd).toMontgomeryLimbs(xs, 8 + 4 * i);
            }
            long[] pw = new long[4 * hashes];
            cpu.poseidonHashBatch(arity, xs, 8, pw, 0, hashes);
            long[] po = new long[4 * hashes];
            gpu.poseidonHashBatch(arity, xs, 8, po, 0, hashes);
            assertArrayEquals(pw, po, "poseidon, seed " + seed);
            gpu.poseidonHashBatch(arity, xs, 8, xs, 4, hashes);
            assertArrayEquals(pw, Arrays.copyOfRange(xs, 4, 4 + 4 * hashes), "poseidon in place, seed " + seed);

            // G1 MSM: a chunk budget of 120 000 bytes holds about 32 terms (the bucket sums take most), with a density bitmap
            gpu.msmChunkBytes = 120_000;
            int terms = 60 + rnd.nextInt(20);
            long[] bases = new long[PointLimbs.G1 * terms];
            JacobianPoint<Fq> p = G1.generator();
            for (int i = 0; i < terms; i++) {
                p = p.add(G1.mul(G1.generator(), BigInteger.valueOf(1 + rnd.nextInt(1 << 30))));
                PointLimbs.g1(p.toAffine(), bases, PointLimbs.G1 * i);
            }
            long[] scalars = new long[4 * terms];
            for (int i = 0; i < terms; i++) {
                BigInteger s = new BigInteger(255, rnd).mod(Fr.MODULUS);
                for (int j = 0; j < 4; j++) {
                    scalars[4 * i + j] = s.shiftRight(64 * j).longValue();
                }
            }
            long[] density = {rnd.nextLong() | 1L, rnd.nextLong()};
            for (long[] d : new long[][] {null, density}) {
                long[] mw = new long[PointLimbs.G1];
                cpu.msmG1(bases, 0, scalars, 0, terms, d, mw, 0);
                long[] mo = new long[PointLimbs.G1];
                long chunks = gpu.deviceMsmChunks.get();
                gpu.msmG1(bases, 0, scalars, 0, terms, d, mo, 0);
                assertArrayEquals(mw, mo, "msmG1" + (d == null ? "" : " with density") + ", seed " + seed);
                assertTrue(gpu.deviceMsmChunks.get() - chunks >= 2, (gpu.deviceMsmChunks.get() - chunks) + " chunks");
            }
        }
    }
}
