package io.filprover.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.filprover.api.kernels.Kernels;
import io.filprover.bls12381.field.Fr;
import io.filprover.bls12381.field.FrTestSupport;
import io.filprover.bls12381.poseidon.PoseidonHasher;
import io.filprover.bls12381.poseidon.PoseidonParameters;

import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

/** Kernels.poseidonHashBatch through the service-loaded cpu backend, against the plain reference schedule. */
class CpuKernelsPoseidonTest {
    private static final long SEED = new Random().nextLong();

    private static long[] randomPreimages(Random rnd, int arity, int count, int off) {
        long[] in = new long[off + 4 * arity * count];
        for (int i = 0; i < arity * count; i++) {
            Fr.random(rnd).toMontgomeryLimbs(in, off + 4 * i);
        }
        return in;
    }

    /** The plain-schedule result of preimage h, read back from the flat array as Fr values. */
    private static Fr reference(int arity, long[] in, int off, int h) {
        Fr[] x = new Fr[arity];
        for (int i = 0; i < arity; i++) {
            x[i] = Fr.fromMontgomeryLimbs(in, off + 4 * (h * arity + i));
        }
        return PoseidonHasher.hashPlain(PoseidonParameters.filecoin(arity), x);
    }

    @Test
    void matchesPlainReferenceForFilecoinArities() {
        Kernels k = CpuTestKernels.CPU;
        assertEquals("cpu", k.backendName());
        Random rnd = new Random(SEED);
        for (int arity : new int[] {2, 4, 8, 11, 16, 24, 36}) {
            int count = arity <= 11 ? 25 : 5;
            long[] in = randomPreimages(rnd, arity, count, 3);
            long[] out = new long[1 + 4 * count];
            k.poseidonHashBatch(arity, in, 3, out, 1, count);
            for (int h = 0; h < count; h++) {
                assertEquals(reference(arity, in, 3, h), Fr.fromMontgomeryLimbs(out, 1 + 4 * h), "seed " + SEED + " arity " + arity + " hash " + h);
            }
        }
    }

    @Test
    void tvPoseidonP1ThroughTheKernel() {
        // TV-POSEIDON P1 (rust-fil-proofs: filecoin-hashers/src/poseidon.rs test_poseidon_hasher): H_2(1, 0)
        long[] in = new long[8];
        Fr.ONE.toMontgomeryLimbs(in, 0);
        long[] out = new long[4];
        CpuTestKernels.CPU.poseidonHashBatch(2, in, 0, out, 0, 1);
        assertEquals("5e0b807960ff39b3af9430dcb30759ec264fa274cc03c093c36b78beff942f04",
                FrTestSupport.hexBytes(Fr.fromMontgomeryLimbs(out, 0).toBytesLE()));
    }

    @Test
    void inPlaceTreeLevelReduction() {
        // hash an 8-ary level of 64 nodes down to the root in one array, as a tree builder would
        Random rnd = new Random(SEED);
        long[] level = randomPreimages(rnd, 8, 8 * 8, 0); // 512 leaves
        long[] copy = level.clone();
        Kernels k = CpuTestKernels.CPU;
        int nodes = 512;
        while (nodes > 1) {
            k.poseidonHashBatch(8, level, 0, level, 0, nodes / 8);
            nodes /= 8;
        }
        // reference: separate arrays per level
        long[] cur = copy;
        for (int n = 512; n > 1; n /= 8) {
            long[] next = new long[4 * (n / 8)];
            for (int h = 0; h < n / 8; h++) {
                reference(8, cur, 0, h).toMontgomeryLimbs(next, 4 * h);
            }
            cur = next;
        }
        assertArrayEquals(cur, java.util.Arrays.copyOf(level, 4), "seed " + SEED);
    }

    @Test
    void threadSafeAcrossCallers() throws Exception {
        Kernels k = CpuTestKernels.CPU;
        Random rnd = new Random(SEED);
        int count = 200;
        long[] in = randomPreimages(rnd, 11, count, 0);
        long[] expected = new long[4 * count];
        k.poseidonHashBatch(11, in, 0, expected, 0, count);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            // disjoint ranges from several threads into one output array
            long[] out = new long[4 * count];
            Future<?>[] fs = new Future<?>[4];
            for (int t = 0; t < 4; t++) {
                int from = t * count / 4;
                int to = (t + 1) * count / 4;
                fs[t] = pool.submit(() -> k.poseidonHashBatch(11, in, from * 11 * 4, out, from * 4, to - from));
            }
            for (Future<?> f : fs) {
                f.get();
            }
            assertArrayEquals(expected, out, "seed " + SEED);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void rejectsBadArguments() {
        Kernels k = CpuTestKernels.CPU;
        long[] in = new long[4 * 12];
        long[] out = new long[4];
        assertThrows(IllegalArgumentException.class, () -> k.poseidonHashBatch(12, in, 0, out, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> k.poseidonHashBatch(0, in, 0, out, 0, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> k.poseidonHashBatch(11, in, 8, out, 0, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> k.poseidonHashBatch(2, in, 0, out, 0, 2));
    }
}
