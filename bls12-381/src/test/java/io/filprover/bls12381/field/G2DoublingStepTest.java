package io.filprover.bls12381.field;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The lazily reduced doubling step against the same formulas on the immutable Fq2 class, on
 * coefficients drawn from 0, 1, q − 1 and random (the extremes its bounds are written for); the
 * formulas are polynomial identities, so X, Y, Z need not be a curve point here (the pairing tests
 * cover real points).
 */
class G2DoublingStepTest {
    private final long seed = System.nanoTime();
    private final Random rnd = new Random(seed);

    private Fq extreme() {
        switch (rnd.nextInt(4)) {
            case 0: return Fq.ZERO;
            case 1: return Fq.ONE;
            case 2: return Fq.ZERO.sub(Fq.ONE);
            default: return Fq.random(rnd);
        }
    }

    private static Fq2 times(long k, Fq2 a) {
        return new Fq2(Fq.fromLong(k), Fq.ZERO).mul(a);
    }

    @Test
    void matchesTheTextbookFormulas() {
        G2DoublingStep step = new G2DoublingStep();
        Fq m = Fq.ZERO.sub(Fq.ONE);
        for (int i = 0; i < 3000; i++) {
            Fq2 x = i == 0 ? new Fq2(m, m) : new Fq2(extreme(), extreme());
            Fq2 y = i == 0 ? new Fq2(m, m) : new Fq2(extreme(), extreme());
            Fq2 z = i == 0 ? new Fq2(m, m) : new Fq2(extreme(), extreme());
            long[] s = new long[36], out = new long[36];
            Fq12Ops.storeFq2(s, 0, x);
            Fq12Ops.storeFq2(s, 12, y);
            Fq12Ops.storeFq2(s, 24, z);
            step.apply(s, 0, 12, 24, out, 0);
            Fq2 a = x.square(), b = y.square(), c = times(12, z.square().mulByNonResidue());
            String at = "seed=" + seed + " i=" + i;
            assertEquals(b.sub(c), Fq12Ops.loadFq2(out, 0), "c0, " + at);
            assertEquals(times(3, a), Fq12Ops.loadFq2(out, 12), "c1, " + at);
            assertEquals(times(2, y.mul(z)), Fq12Ops.loadFq2(out, 24), "c4, " + at);
            assertEquals(times(2, x.mul(y)).mul(b.sub(times(3, c))), Fq12Ops.loadFq2(s, 0), "X', " + at);
            assertEquals(b.add(times(3, c)).square().sub(times(12, c.square())), Fq12Ops.loadFq2(s, 12), "Y', " + at);
            assertEquals(times(8, b.mul(y).mul(z)), Fq12Ops.loadFq2(s, 24), "Z', " + at);
        }
    }
}
