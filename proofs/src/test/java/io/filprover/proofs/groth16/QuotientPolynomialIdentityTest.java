package io.filprover.proofs.groth16;

import io.filprover.proofs.TestJobs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.filprover.api.kernels.Kernels;
import io.filprover.bls12381.field.Fr;
import io.filprover.cpu.ntt.FrQuotient;
import io.filprover.proofs.groth16.prover.ParallelChunks;
import io.filprover.proofs.groth16.prover.KernelTransforms;
import io.filprover.proofs.groth16.prover.PhaseTimer;
import io.filprover.proofs.groth16.prover.QuotientPolynomial;

import java.util.Random;
import java.util.concurrent.atomic.AtomicIntegerArray;

import org.junit.jupiter.api.Test;

/**
 * The quotient at a size where the cpu backend's pointwise step runs in parallel ranges: for random a, b on the
 * domain and c = a·b, the result must satisfy A(x)·B(x) − C(x) = h(x)·(x^m − 1) at a random x,
 * with A, B, C the interpolants (an algebraic identity, checked by Horner evaluation).
 */
class QuotientPolynomialIdentityTest {
    private final long seed = System.nanoTime();
    private final Random rnd = new Random(seed);

    @Test
    void quotientSatisfiesTheDivisionIdentity() {
        int logM = 15;
        int m = 1 << logM;
        assertTrue(m > FrQuotient.PARALLEL_MIN);
        Kernels k = TestJobs.CPU;
        long[] a = new long[4 * m];
        long[] b = new long[4 * m];
        long[] c = new long[4 * m];
        for (int i = 0; i < m - 3; i++) { // the top rows stay zero, as padding does
            Fr x = Fr.random(rnd);
            Fr y = Fr.random(rnd);
            x.toMontgomeryLimbs(a, 4 * i);
            y.toMontgomeryLimbs(b, 4 * i);
            x.mul(y).toMontgomeryLimbs(c, 4 * i);
        }
        long[] ca = a.clone();
        long[] cb = b.clone();
        long[] cc = c.clone();
        long[] h = QuotientPolynomial.compute(new KernelTransforms(k), a, b, c, logM, PhaseTimer.none());
        k.inttFr(ca, 0, logM);
        k.inttFr(cb, 0, logM);
        k.inttFr(cc, 0, logM);
        Fr x = Fr.random(rnd);
        Fr lhs = horner(ca, m, x).mul(horner(cb, m, x)).sub(horner(cc, m, x));
        Fr xm = x;
        for (int i = 0; i < logM; i++) {
            xm = xm.square();
        }
        assertEquals(lhs, horner(h, m, x).mul(xm.sub(Fr.ONE)), "seed=" + seed);
        assertTrue(Fr.fromMontgomeryLimbs(h, 4 * (m - 1)).isZero(), "deg h ≤ m − 2, seed=" + seed);
    }

    @Test
    void parallelChunksVisitEveryIndexOnce() {
        for (int n : new int[] {0, 1, ParallelChunks.CHUNK, ParallelChunks.CHUNK + 1, 3 * ParallelChunks.CHUNK + 5}) {
            AtomicIntegerArray seen = new AtomicIntegerArray(n);
            ParallelChunks.forEach(TestJobs.pool(4), n, (from, to) -> {
                for (int i = from; i < to; i++) {
                    seen.incrementAndGet(i);
                }
            });
            for (int i = 0; i < n; i++) {
                assertEquals(1, seen.get(i), "n=" + n + " index " + i);
            }
        }
    }

    private static Fr horner(long[] coeffs, int n, Fr x) {
        Fr acc = Fr.ZERO;
        for (int i = n - 1; i >= 0; i--) {
            acc = acc.mul(x).add(Fr.fromMontgomeryLimbs(coeffs, 4 * i));
        }
        return acc;
    }
}
