package io.filprover.kernels;

import io.filprover.api.kernels.Kernels;
import io.filprover.bls12381.domain.FrDomain;
import io.filprover.bls12381.field.Fr;
import io.filprover.cpu.ntt.ReferenceNtt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The quotientFr part of the contract (mixed into {@link KernelsContractTest}, so every backend runs
 * it): random a, b, c with 0, 1 and r − 1 mixed in, against bellperson's sequence computed apart with
 * the single-threaded {@link ReferenceNtt} and {@link Fr} arithmetic; a satisfied system (c = a·b on
 * the domain), where h's last coefficient is zero and h(x)·Z(x) = A(x)B(x) − C(x) at a random x with
 * A, B, C evaluated from a, b, c by Lagrange interpolation (no NTT at all); and the refusals.
 */
public interface QuotientContract {
    Kernels kernels();

    /** "backend test, seed n" for failure messages. */
    String why(String test);

    Random rnd(String test);

    /** n random elements, 0, 1 and r − 1 among them at random places (each at least once where n ≥ 3), then extraLimbs sentinels. */
    static long[] vectorWithEdges(Random r, int n, int extraLimbs) {
        Fr[] edges = {Fr.ZERO, Fr.ONE, Fr.fromBigInteger(Fr.MODULUS.subtract(BigInteger.ONE))};
        long[] v = new long[4 * n + extraLimbs];
        for (int i = 0; i < n; i++) {
            Fr x = r.nextInt(8) == 0 ? edges[r.nextInt(3)] : Fr.random(r);
            x.toMontgomeryLimbs(v, 4 * i);
        }
        for (int e = 0; e < Math.min(n, 3); e++) {
            edges[e].toMontgomeryLimbs(v, 4 * r.nextInt(n));
        }
        for (int i = 4 * n; i < v.length; i++) {
            v[i] = 0x5a5a5a5a5a5a5a5aL;
        }
        return v;
    }

    /** bellperson's sequence on copies, apart from every backend: reference NTTs and Fr's own mul and sub. */
    static long[] expectedQuotient(long[] a0, long[] b0, long[] c0, int logN) {
        long[] a = a0.clone();
        long[] b = b0.clone();
        long[] c = c0.clone();
        for (long[] v : new long[][] {a, b, c}) {
            ReferenceNtt.intt(v, 0, logN);
            ReferenceNtt.cosetNtt(v, 0, logN);
        }
        Fr gn = Fr.fromLong(7);
        for (int i = 0; i < logN; i++) {
            gn = gn.square();
        }
        Fr zInv = gn.sub(Fr.ONE).inverse();
        for (int j = 0; j < 1 << logN; j++) {
            Fr aj = Fr.fromMontgomeryLimbs(a, 4 * j);
            Fr bj = Fr.fromMontgomeryLimbs(b, 4 * j);
            Fr cj = Fr.fromMontgomeryLimbs(c, 4 * j);
            aj.mul(bj).sub(cj).mul(zInv).toMontgomeryLimbs(a, 4 * j);
        }
        ReferenceNtt.icosetNtt(a, 0, logN);
        return a;
    }

    @ParameterizedTest(name = "2^{0}")
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 16})
    default void quotientOfRandomAndEdgeInputsIsBellpersonsSequence(int logN) {
        Random r = rnd("quotient" + logN);
        int n = 1 << logN;
        int extra = logN % 3 == 0 ? 5 : 0; // longer arrays now and then: the limbs past 2^logN elements stay
        long[] a = vectorWithEdges(r, n, extra);
        long[] b = vectorWithEdges(r, n, extra);
        long[] c = vectorWithEdges(r, n, extra);
        long[] want = expectedQuotient(a, b, c, logN);
        kernels().quotientFr(a, b, c, logN);
        assertArrayEquals(want, a, why("quotient of 2^" + logN));
    }

    @Test
    default void quotientOfAllZeroAndAllMaxVectors() {
        int logN = 4;
        long[] zero = new long[4 << logN];
        long[] max = new long[4 << logN];
        Fr m = Fr.fromBigInteger(Fr.MODULUS.subtract(BigInteger.ONE));
        for (int j = 0; j < 1 << logN; j++) {
            m.toMontgomeryLimbs(max, 4 * j);
        }
        long[][][] cases = {{zero, zero, zero}, {max, max, max}, {max, max, zero}, {zero, zero, max}};
        for (long[][] t : cases) {
            long[] a = t[0].clone();
            long[] want = expectedQuotient(t[0], t[1], t[2], logN);
            kernels().quotientFr(a, t[1].clone(), t[2].clone(), logN);
            assertArrayEquals(want, a, why("quotient of constant vectors"));
        }
    }

    /** Σ v_j·L_j(x) with L_j(x) = ω^j/(n(x − ω^j))·(x^n − 1), given weights w_j = ω^j/(x − ω^j) and (x^n − 1)/n. */
    private static Fr lagrange(long[] v, Fr[] w, Fr zOverN) {
        Fr s = Fr.ZERO;
        for (int j = 0; j < w.length; j++) {
            s = s.add(Fr.fromMontgomeryLimbs(v, 4 * j).mul(w[j]));
        }
        return s.mul(zOverN);
    }

    @ParameterizedTest(name = "2^{0}")
    @ValueSource(ints = {1, 2, 5, 8, 10})
    default void quotientOfASatisfiedSystemDividesExactly(int logN) {
        Random r = rnd("quotient-satisfied" + logN);
        int n = 1 << logN;
        long[] a = vectorWithEdges(r, n, 0);
        long[] b = vectorWithEdges(r, n, 0);
        long[] c = new long[4 * n];
        for (int j = 0; j < n; j++) {
            Fr.fromMontgomeryLimbs(a, 4 * j).mul(Fr.fromMontgomeryLimbs(b, 4 * j)).toMontgomeryLimbs(c, 4 * j);
        }
        Fr x = Fr.random(r);
        Fr omega = FrDomain.omega(logN);
        Fr[] w = new Fr[n];
        Fr wj = Fr.ONE;
        for (int j = 0; j < n; j++) {
            w[j] = wj.mul(x.sub(wj).inverse());
            wj = wj.mul(omega);
        }
        Fr z = x.pow(BigInteger.valueOf(n)).sub(Fr.ONE);
        Fr zOverN = z.mul(Fr.fromLong(n).inverse());
        Fr abMinusC = lagrange(a, w, zOverN).mul(lagrange(b, w, zOverN)).sub(lagrange(c, w, zOverN));

        kernels().quotientFr(a, b, c, logN);
        String why = why("satisfied quotient of 2^" + logN);
        assertEquals(Fr.ZERO, Fr.fromMontgomeryLimbs(a, 4 * (n - 1)), why + ": the last coefficient");
        Fr hx = Fr.ZERO;
        for (int j = n - 1; j >= 0; j--) {
            hx = hx.mul(x).add(Fr.fromMontgomeryLimbs(a, 4 * j));
        }
        assertEquals(abMinusC, hx.mul(z), why + ": h(x)·Z(x) = A(x)B(x) − C(x)");
    }

    @Test
    default void quotientRefusesBadSizesShortArraysAndSharedArraysBeforeAnyWork() {
        Random r = rnd("quotient-refused");
        long[] a = vectorWithEdges(r, 16, 0);
        long[] b = vectorWithEdges(r, 16, 0);
        long[] c = vectorWithEdges(r, 16, 0);
        long[] short8 = vectorWithEdges(r, 8, 3);
        long[][] all = {a, b, c, short8};
        long[][] before = Arrays.stream(all).map(long[]::clone).toArray(long[][]::new);
        Kernels k = kernels();
        assertThrows(IllegalArgumentException.class, () -> k.quotientFr(a, b, c, -1));
        assertThrows(IllegalArgumentException.class, () -> k.quotientFr(a, b, c, 33));
        assertThrows(IndexOutOfBoundsException.class, () -> k.quotientFr(a, b, c, 5));
        assertThrows(IndexOutOfBoundsException.class, () -> k.quotientFr(short8, b, c, 4));
        assertThrows(IndexOutOfBoundsException.class, () -> k.quotientFr(a, short8, c, 4));
        assertThrows(IndexOutOfBoundsException.class, () -> k.quotientFr(a, b, short8, 4));
        assertThrows(IllegalArgumentException.class, () -> k.quotientFr(a, a, c, 4));
        assertThrows(IllegalArgumentException.class, () -> k.quotientFr(a, b, a, 4));
        assertThrows(IllegalArgumentException.class, () -> k.quotientFr(a, b, b, 4));
        for (int i = 0; i < all.length; i++) {
            assertArrayEquals(before[i], all[i], "nothing written for a refused quotient");
        }
    }
}
