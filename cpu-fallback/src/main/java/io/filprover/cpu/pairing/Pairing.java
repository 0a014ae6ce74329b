package io.filprover.cpu.pairing;

import io.filprover.cpu.curve.AffinePoint;
import io.filprover.cpu.curve.G1;
import io.filprover.cpu.field.Fq;
import io.filprover.cpu.field.Fq12;
import io.filprover.cpu.field.Fq2;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Optimal-ate pairing on BLS12-381: Miller loop over |x| = 0xd201000000010000 with G2 in homogeneous
 * projective coordinates on the M-type twist, then conjugation (x is negative), then the final
 * exponentiation f^((q¹² − 1)/r).
 *
 * <p>Line functions: untwisting (x', y') ↦ (x'/w², y'/w³) and scaling the line through T by w³
 * (an Fq4 factor, killed by the final exponentiation) gives the sparse value
 * (λ'x_T − y_T) + (−λ'·x_P)·v + y_P·v·w, i.e. Fq2 slots 0, 1 and 4 ({@link Fq12#mulBy014}).
 * Each step scales it further by an Fq2 factor to clear denominators.
 */
public final class Pairing {
    private Pairing() {}

    /** 3·b' for the twist y² = x³ + b', b' = 4ξ. */
    private static final Fq2 THREE_B = Fq2.NON_RESIDUE.mul(Fq.fromLong(12));

    /** e(P, Q). Either input at infinity gives 1. Inputs are assumed to be in G1 / G2. */
    public static Fq12 pairing(AffinePoint<Fq> p, AffinePoint<Fq2> q) {
        return FinalExponentiation.apply(millerLoop(List.of(p), List.of(q)));
    }

    /** ∏ e(P_i, Q_i) with a shared Miller loop and a single final exponentiation. */
    public static Fq12 multiPairing(List<AffinePoint<Fq>> ps, List<AffinePoint<Fq2>> qs) {
        return FinalExponentiation.apply(millerLoop(ps, qs));
    }

    public static Fq12 finalExponentiation(Fq12 f) {
        return FinalExponentiation.apply(f);
    }

    /** The product of the Miller-loop values f_{x,Q_i}(P_i), before the final exponentiation. */
    public static Fq12 millerLoop(List<AffinePoint<Fq>> ps, List<AffinePoint<Fq2>> qs) {
        if (ps.size() != qs.size()) throw new IllegalArgumentException("need as many G1 as G2 points");
        List<PairState> pairs = new ArrayList<>(ps.size());
        for (int i = 0; i < ps.size(); i++) {
            AffinePoint<Fq> p = ps.get(i);
            AffinePoint<Fq2> q = qs.get(i);
            if (p.isInfinity() || q.isInfinity()) continue;
            pairs.add(new PairState(p, q));
        }
        Fq12 f = Fq12.ONE;
        if (pairs.isEmpty()) return f;
        long x = G1.X_ABS;
        boolean first = true;
        for (int i = 62 - Long.numberOfLeadingZeros(x); i >= 0; i--) {
            if (!first) f = f.square();
            first = false;
            for (PairState s : pairs) f = s.doubleStep(f);
            if (((x >>> i) & 1) != 0) {
                for (PairState s : pairs) f = s.addStep(f);
            }
        }
        return f.conjugate();
    }

    /** Running point T = (X : Y : Z) (homogeneous: x = X/Z, y = Y/Z) and the fixed P, Q. */
    private static final class PairState {
        final Fq negXp;
        final Fq yp;
        final Fq2 qx;
        final Fq2 qy;
        Fq2 tx;
        Fq2 ty;
        Fq2 tz;

        PairState(AffinePoint<Fq> p, AffinePoint<Fq2> q) {
            negXp = p.x.neg();
            yp = p.y;
            qx = q.x;
            qy = q.y;
            tx = q.x;
            ty = q.y;
            tz = Fq2.ONE;
        }

        /**
         * T ← 2T and f ← f·ℓ_{T,T}(P). With B = Y², C = 3b'Z²: line (B − C) + (−3X²·x_P)v + (2YZ·y_P)vw;
         * X' = 2XY(B − 3C), Y' = (B + 3C)² − 12C², Z' = 8B·YZ.
         */
        Fq12 doubleStep(Fq12 f) {
            Fq2 a = tx.square();
            Fq2 b = ty.square();
            Fq2 c = tz.square().mul(THREE_B);
            Fq2 yz = ty.mul(tz);
            Fq2 c3 = c.dbl().add(c);
            Fq2 l0 = b.sub(c);
            Fq2 l1 = a.dbl().add(a).mul(negXp);
            Fq2 l4 = yz.dbl().mul(yp);
            Fq2 xy = tx.mul(ty);
            tx = xy.dbl().mul(b.sub(c3));
            Fq2 c2 = c.square();
            ty = b.add(c3).square().sub(c2.dbl().dbl().add(c2.dbl().dbl().dbl()));
            tz = b.mul(yz).dbl().dbl().dbl();
            return f.mulBy014(l0, l1, l4);
        }

        /**
         * T ← T + Q and f ← f·ℓ_{T,Q}(P). With u = y_Q Z − Y, v = x_Q Z − X: line
         * (u·x_Q − v·y_Q) + (−u·x_P)v + (v·y_P)vw; A = u²Z − v³ − 2v²X, X' = vA,
         * Y' = u(v²X − A) − v³Y, Z' = v³Z.
         */
        Fq12 addStep(Fq12 f) {
            Fq2 u = qy.mul(tz).sub(ty);
            Fq2 v = qx.mul(tz).sub(tx);
            Fq2 l0 = u.mul(qx).sub(v.mul(qy));
            Fq2 l1 = u.mul(negXp);
            Fq2 l4 = v.mul(yp);
            Fq2 v2 = v.square();
            Fq2 v3 = v2.mul(v);
            Fq2 v2x = v2.mul(tx);
            Fq2 a = u.square().mul(tz).sub(v3).sub(v2x.dbl());
            tx = v.mul(a);
            ty = u.mul(v2x.sub(a)).sub(v3.mul(ty));
            tz = v3.mul(tz);
            return f.mulBy014(l0, l1, l4);
        }
    }
}
