package io.filprover.bls12381.poseidon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.filprover.bls12381.field.Fr;
import io.filprover.bls12381.field.FrOps;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** The optimised schedule against the plain one on random inputs, and the batch API against single hashes. */
class PoseidonScheduleEquivalenceTest {
    private static final long SEED = new Random().nextLong();
    private static final int[] ARITIES = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 16, 24, 36};

    private static Fr[] random(Random rnd, int n) {
        Fr[] x = new Fr[n];
        for (int i = 0; i < n; i++) {
            x[i] = Fr.random(rnd);
        }
        return x;
    }

    @Test
    void optimisedEqualsPlainForEveryArityAndStrength() {
        Random rnd = new Random(SEED);
        for (PoseidonStrength strength : PoseidonStrength.values()) {
            for (int arity : ARITIES) {
                PoseidonParameters p = PoseidonParameters.of(arity, strength, PoseidonHashType.MERKLE_TREE);
                PoseidonHasher h = new PoseidonHasher(p);
                for (int k = 0; k < 8; k++) {
                    Fr[] in = random(rnd, arity);
                    assertEquals(h.hashPlain(in), h.hash(in), "seed " + SEED + " " + p);
                }
            }
        }
    }

    @Test
    void optimisedEqualsPlainForOtherTags() {
        Random rnd = new Random(SEED);
        PoseidonHashType[] types = {PoseidonHashType.custom(1), PoseidonHashType.ENCRYPTION, PoseidonHashType.constantLength(3)};
        for (PoseidonHashType type : types) {
            PoseidonParameters p = PoseidonParameters.of(4, PoseidonStrength.STANDARD, type);
            for (int k = 0; k < 8; k++) {
                Fr[] in = random(rnd, 1 + rnd.nextInt(4));
                assertEquals(PoseidonHasher.hashPlain(p, in), PoseidonHasher.hash(p, in), "seed " + SEED + " " + p);
            }
        }
        // the tag matters: same inputs, different domain tags, different hashes
        Fr[] in = random(rnd, 2);
        Fr merkle = PoseidonHasher.hash(PoseidonParameters.filecoin(2), in);
        Fr custom = PoseidonHasher.hash(PoseidonParameters.of(2, PoseidonStrength.STANDARD, PoseidonHashType.custom(1)), in);
        assertEquals(false, merkle.equals(custom));
    }

    @Test
    void permutationsAgreeOnFullRandomStates() {
        // the whole state random (tag slot too): exercises the permutation itself, not just the hash
        Random rnd = new Random(SEED);
        for (int arity : new int[] {2, 8, 11}) {
            PoseidonParameters p = PoseidonParameters.filecoin(arity);
            int t = p.width();
            for (int k = 0; k < 5; k++) {
                long[] a = new long[PoseidonPermutation.workLength(t)];
                for (int i = 0; i < t; i++) {
                    Fr.random(rnd).toMontgomeryLimbs(a, 4 * i);
                }
                long[] b = a.clone();
                PoseidonPermutation.permutePlain(p, a);
                PoseidonPermutation.permuteOptimized(p, b);
                for (int i = 0; i < t; i++) {
                    assertEquals(Fr.fromMontgomeryLimbs(a, 4 * i), Fr.fromMontgomeryLimbs(b, 4 * i), "seed " + SEED + " arity " + arity + " s[" + i + "]");
                }
            }
        }
    }

    @Test
    void batchMatchesSingleHashesAtOffsets() {
        Random rnd = new Random(SEED);
        for (int arity : new int[] {2, 8, 11}) {
            PoseidonParameters p = PoseidonParameters.filecoin(arity);
            int count = 37;
            int inOff = 5;
            int outOff = 3;
            long[] in = new long[inOff + count * arity * 4 + 7];
            Fr[][] pre = new Fr[count][];
            for (int h = 0; h < count; h++) {
                pre[h] = random(rnd, arity);
                for (int i = 0; i < arity; i++) {
                    pre[h][i].toMontgomeryLimbs(in, inOff + 4 * (h * arity + i));
                }
            }
            long[] out = new long[outOff + 4 * count + 2];
            out[outOff + 4 * count] = 99; // sentinel after the output range
            PoseidonHasher.hashBatch(p, in, inOff, out, outOff, count);
            long[] outPlain = new long[out.length];
            outPlain[outOff + 4 * count] = 99;
            new PoseidonHasher(p).hashBatchPlain(in, inOff, outPlain, outOff, count);
            assertArrayEquals(outPlain, out, "seed " + SEED);
            assertEquals(99, out[outOff + 4 * count]);
            for (int h = 0; h < count; h++) {
                assertEquals(PoseidonHasher.hashPlain(p, pre[h]), Fr.fromMontgomeryLimbs(out, outOff + 4 * h), "seed " + SEED + " hash " + h);
            }
        }
    }

    @Test
    void batchRejectsBadArguments() {
        PoseidonParameters p = PoseidonParameters.filecoin(2);
        long[] in = new long[8];
        long[] out = new long[4];
        assertThrows(IndexOutOfBoundsException.class, () -> PoseidonHasher.hashBatch(p, in, 1, out, 0, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> PoseidonHasher.hashBatch(p, in, 0, out, 1, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> PoseidonHasher.hashBatch(p, in, 0, out, 0, -1));
        long[] notReduced = new long[8];
        System.arraycopy(FrOps.modulus(), 0, notReduced, 4, 4);
        assertThrows(IllegalArgumentException.class, () -> PoseidonHasher.hashBatch(p, notReduced, 0, out, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> PoseidonHasher.hash(p, Fr.ONE, Fr.ONE, Fr.ONE));
        PoseidonHasher.hashBatch(p, in, 0, out, 0, 0); // empty batch is fine
    }

    @Test
    void staticApiIsThreadSafe() throws Exception {
        PoseidonParameters p8 = PoseidonParameters.filecoin(8);
        PoseidonParameters p2 = PoseidonParameters.filecoin(2);
        Random rnd = new Random(SEED);
        Fr[][] inputs = new Fr[64][];
        Fr[] expected = new Fr[64];
        for (int i = 0; i < 64; i++) {
            inputs[i] = random(rnd, i % 2 == 0 ? 8 : 2);
            expected[i] = PoseidonHasher.hashPlain(i % 2 == 0 ? p8 : p2, inputs[i]);
        }
        Thread[] threads = new Thread[4];
        Fr[][] got = new Fr[threads.length][64];
        for (int th = 0; th < threads.length; th++) {
            int id = th;
            threads[th] = new Thread(() -> {
                for (int rep = 0; rep < 3; rep++) {
                    for (int i = 0; i < 64; i++) {
                        got[id][i] = PoseidonHasher.hash(i % 2 == 0 ? p8 : p2, inputs[i]);
                    }
                }
            });
            threads[th].start();
        }
        for (Thread th : threads) {
            th.join();
        }
        for (Fr[] g : got) {
            assertArrayEquals(expected, g, "seed " + SEED);
        }
    }
}
