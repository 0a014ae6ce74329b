package io.filprover.proofs.groth16.params;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.filprover.api.job.WorkerPool;
import io.filprover.bls12381.curve.AffinePoint;
import io.filprover.bls12381.curve.G1;
import io.filprover.bls12381.curve.G2;
import io.filprover.bls12381.curve.PointLimbs;
import io.filprover.bls12381.field.Fq;
import io.filprover.bls12381.field.Fq2;
import io.filprover.bls12381.field.Fr;
import io.filprover.bls12381.field.FqTowerElement;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The flat fixed-base multiplication against JacobianPoint's wNAF scalar multiplication (another
 * algorithm on the object arithmetic) on fresh random scalars and the edge cases 0, 1, 2, r − 1,
 * r − 2 and scalars whose every window is full (signed-digit carries), for several window sizes,
 * across chunk boundaries, on G1 and G2, for the generators and a random base.
 */
class FixedBaseTableTest {
    private static WorkerPool pool;

    @BeforeAll
    static void open() {
        pool = WorkerPool.of(2, "fixed-base-test");
    }

    @AfterAll
    static void close() {
        pool.close();
    }

    private static List<Fr> scalars(Random rnd, int random) {
        List<Fr> s = new ArrayList<>();
        BigInteger r = Fr.MODULUS;
        for (BigInteger k : new BigInteger[] {BigInteger.ZERO, BigInteger.ONE, BigInteger.TWO,
                r.subtract(BigInteger.ONE), r.subtract(BigInteger.TWO), BigInteger.ONE.shiftLeft(254).subtract(BigInteger.ONE),
                BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE), BigInteger.ONE.shiftLeft(200)}) {
            s.add(Fr.fromBigInteger(k));
        }
        for (int i = 0; i < random; i++) {
            s.add(i % 7 == 3 ? Fr.ZERO : Fr.random(rnd));   // identities scattered through a chunk
        }
        return s;
    }

    private static long[] limbs(List<Fr> s) {
        long[] out = new long[4 * s.size()];
        for (int i = 0; i < s.size(); i++) {
            s.get(i).toMontgomeryLimbs(out, 4 * i);
        }
        return out;
    }

    private static <F extends FqTowerElement<F>> void check(String what, AffinePoint<F> base, int c, List<Fr> s,
                                                            boolean g1, long seed) {
        FixedBaseTable t = FixedBaseTable.of(base, c, pool);
        int pl = t.pointLimbs();
        long[] out = new long[s.size() * pl + 5];
        out[out.length - 1] = 42;                       // must stay untouched
        t.mulAll(limbs(s), s.size(), out, 3, pool);
        for (int i = 0; i < s.size(); i++) {
            AffinePoint<?> got = g1 ? PointLimbs.g1(out, 3 + i * pl) : PointLimbs.g2(out, 3 + i * pl);
            AffinePoint<F> want = base.toJacobian().mul(s.get(i).toBigInteger()).toAffine();
            assertEquals(want, got, what + " c=" + c + " scalar #" + i + " " + s.get(i) + " seed " + seed);
        }
        assertEquals(42, out[out.length - 1], "seed " + seed);
    }

    @Test
    void g1MatchesWnafScalarMultiplication() {
        long seed = new Random().nextLong();
        Random rnd = new Random(seed);
        check("G1", G1.GENERATOR, 5, scalars(rnd, FixedBaseTable.CHUNK + 40), true, seed);
        for (int c : new int[] {2, 3, 8, 13, 16}) {
            check("G1", G1.GENERATOR, c, scalars(rnd, 30), true, seed);
        }
        AffinePoint<Fq> base = G1.generator().mul(Fr.random(rnd).toBigInteger()).toAffine();
        check("G1 random base", base, 7, scalars(rnd, 60), true, seed);
    }

    @Test
    void g2MatchesWnafScalarMultiplication() {
        long seed = new Random().nextLong();
        Random rnd = new Random(seed);
        for (int c : new int[] {2, 4, 9, 12}) {
            check("G2", G2.GENERATOR, c, scalars(rnd, 20), false, seed);
        }
        AffinePoint<Fq2> base = G2.GENERATOR.toJacobian().mul(Fr.random(rnd).toBigInteger()).toAffine();
        check("G2 random base", base, 6, scalars(rnd, 40), false, seed);
    }

    @Test
    void windowSizeGrowsWithTheNumberOfScalars() {
        assertEquals(2, FixedBaseTable.windowBits(1));
        int prev = 0;
        for (int n : new int[] {1, 10, 1000, 100_000, 4_000_000, 12_000_000}) {
            int c = FixedBaseTable.windowBits(n);
            assertEquals(true, c >= prev && c <= 16, n + " scalars: " + c + " bits");
            prev = c;
        }
        assertEquals(16, FixedBaseTable.windowBits(12_000_000));
    }
}
