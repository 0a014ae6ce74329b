package io.filprover.cpu.ntt;

import io.filprover.cpu.CpuTestKernels;
import io.filprover.bls12381.domain.FrDomain;
import io.filprover.api.kernels.Kernels;
import io.filprover.bls12381.field.Fr;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** The Kernels NTT contract, checked against a naive O(n²) DFT and round trips. */
class NttSpiTest {
    private static final Kernels K = CpuTestKernels.CPU;

    @Test
    void rootOfUnityIsBlstrsConstant() {
        // docs/spec/poseidon-groth16-gpu.md §1.1: ROOT_OF_UNITY = 7^t
        assertEquals(new BigInteger("16a2a19edfe81f20d09b681922c813b4b63683508c2280b93829971f439f0d2b", 16),
                FrDomain.ROOT_OF_UNITY.toBigInteger());
        Fr w = FrDomain.ROOT_OF_UNITY;
        for (int i = 0; i < 31; i++) {
            w = w.square();
        }
        assertNotEquals(Fr.ONE, w, "primitive: 2^31-th power is not one");
        assertEquals(Fr.ONE, w.square());
    }

    static long[] random(Random rnd, int n) {
        long[] a = new long[4 * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(Fr.random(rnd).montgomeryLimbs(), 0, a, 4 * i, 4);
        }
        return a;
    }

    static Fr at(long[] a, int i) {
        return Fr.fromMontgomeryLimbs(a, 4 * i);
    }

    @Test
    void matchesNaiveDft() {
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        for (int logN = 0; logN <= 7; logN++) {
            int n = 1 << logN;
            long[] a = random(rnd, n);
            long[] b = a.clone();
            K.nttFr(b, 0, logN);
            Fr w = FrDomain.omega(logN);
            for (int k = 0; k < n; k++) {
                Fr sum = Fr.ZERO;
                for (int j = 0; j < n; j++) {
                    sum = sum.add(at(a, j).mul(w.pow(BigInteger.valueOf((long) j * k))));
                }
                assertEquals(sum, at(b, k), "logN " + logN + " k " + k + " seed " + seed);
            }
            long[] c = a.clone();
            K.cosetNttFr(c, 0, logN);
            for (int k = 0; k < n; k++) {
                Fr x = FrDomain.COSET_GENERATOR.mul(w.pow(BigInteger.valueOf(k)));
                Fr sum = Fr.ZERO;
                for (int j = n - 1; j >= 0; j--) {
                    sum = sum.mul(x).add(at(a, j)); // Horner: the polynomial at g·ω^k
                }
                assertEquals(sum, at(c, k), "coset logN " + logN + " seed " + seed);
            }
        }
    }

    @Test
    void inverseTransformsRoundTrip() {
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        for (int logN : new int[] {0, 1, 5, 10, 12}) {
            long[] a = random(rnd, 1 << logN);
            long[] b = a.clone();
            K.nttFr(b, 0, logN);
            K.inttFr(b, 0, logN);
            assertArrayEquals(a, b, "intt∘ntt, seed " + seed);
            K.cosetNttFr(b, 0, logN);
            K.icosetNttFr(b, 0, logN);
            assertArrayEquals(a, b, "icoset∘coset, seed " + seed);
        }
    }
}
