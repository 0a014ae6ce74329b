package io.filprover.bls12381.pairing;

import io.filprover.bls12381.curve.AffinePoint;
import io.filprover.bls12381.curve.G1;
import io.filprover.bls12381.field.Fq;
import io.filprover.bls12381.field.Fq12;
import io.filprover.bls12381.field.Fq12Ops;
import java.util.ArrayList;
import java.util.List;

/** The shared Miller loop over prepared G2 points, on flat limbs: f ← f²·∏ ℓ_i(P_i) per bit of |x|. */
final class MillerLoop {
    private MillerLoop() {}

    static Fq12 run(List<AffinePoint<Fq>> ps, List<PreparedG2> qs) {
        List<long[]> pairs = new ArrayList<>(ps.size());   // −x_P, y_P (6 limbs each)
        List<long[]> lines = new ArrayList<>(ps.size());
        for (int i = 0; i < ps.size(); i++) {
            AffinePoint<Fq> p = ps.get(i);
            PreparedG2 q = qs.get(i);
            if (p.isInfinity() || q.isInfinity()) continue;
            long[] xy = new long[12];
            System.arraycopy(p.x.neg().montgomeryLimbs(), 0, xy, 0, 6);
            System.arraycopy(p.y.montgomeryLimbs(), 0, xy, 6, 6);
            pairs.add(xy);
            lines.add(q.coeffs);
        }
        if (pairs.isEmpty()) return Fq12.ONE;
        Fq12Ops ops = new Fq12Ops();
        long[] f = new long[Fq12Ops.FQ12];
        long[] l = new long[PreparedG2.STEP];
        Fq12Ops.setOne(f, 0);
        long x = G1.X_ABS;
        int k = 0;
        boolean first = true;
        for (int i = 62 - Long.numberOfLeadingZeros(x); i >= 0; i--) {
            if (!first) ops.square(f, 0, f, 0);
            first = false;
            mulByLines(ops, f, l, pairs, lines, k++);
            if (((x >>> i) & 1) != 0) mulByLines(ops, f, l, pairs, lines, k++);
        }
        Fq12Ops.conjugate(f, 0, f, 0);
        return Fq12Ops.load(f, 0);
    }

    /** f ← f·∏_i ℓ_{i,step}(P_i) with ℓ = c0 + (c1·(−x_P))·v + (c4·y_P)·vw. */
    private static void mulByLines(Fq12Ops ops, long[] f, long[] l, List<long[]> pairs, List<long[]> lines, int step) {
        int o = step * PreparedG2.STEP;
        for (int j = 0; j < pairs.size(); j++) {
            long[] c = lines.get(j), xy = pairs.get(j);
            System.arraycopy(c, o, l, 0, 12);
            Fq12Ops.fq2MulFq(l, 12, c, o + 12, xy, 0);
            Fq12Ops.fq2MulFq(l, 24, c, o + 24, xy, 6);
            ops.mulBy014(f, 0, f, 0, l, 0, 12, 24);
        }
    }
}
