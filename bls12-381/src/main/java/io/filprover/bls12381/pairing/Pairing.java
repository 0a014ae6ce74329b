package io.filprover.bls12381.pairing;

import io.filprover.bls12381.curve.AffinePoint;
import io.filprover.bls12381.field.Fq;
import io.filprover.bls12381.field.Fq12;
import io.filprover.bls12381.field.Fq2;
import java.util.ArrayList;
import java.util.List;

/**
 * Optimal-ate pairing on BLS12-381: Miller loop over |x| = 0xd201000000010000 with G2 in homogeneous
 * projective coordinates on the M-type twist (lines: {@link PreparedG2}), then conjugation (x is
 * negative), then the final exponentiation f^(3·(q¹² − 1)/r) (blst's value, see
 * {@link FinalExponentiation}).
 */
public final class Pairing {
    private Pairing() {}

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
        List<PreparedG2> prepared = new ArrayList<>(qs.size());
        for (AffinePoint<Fq2> q : qs) prepared.add(PreparedG2.of(q));
        return millerLoopPrepared(ps, prepared);
    }

    /** Precomputes the Miller-loop lines of a fixed G2 point (e.g. a verifying key's β, γ, δ). */
    public static PreparedG2 prepare(AffinePoint<Fq2> q) {
        return PreparedG2.of(q);
    }

    /** As {@link #millerLoop}, with the G2 points already prepared. */
    public static Fq12 millerLoopPrepared(List<AffinePoint<Fq>> ps, List<PreparedG2> qs) {
        if (ps.size() != qs.size()) throw new IllegalArgumentException("need as many G1 as G2 points");
        return MillerLoop.run(ps, qs);
    }

    /** ∏ e(P_i, Q_i) over prepared G2 points: one shared Miller loop and one final exponentiation. */
    public static Fq12 multiPairingPrepared(List<AffinePoint<Fq>> ps, List<PreparedG2> qs) {
        return FinalExponentiation.apply(millerLoopPrepared(ps, qs));
    }
}
