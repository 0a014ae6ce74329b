package io.filprover.bls12381.curve;

import io.filprover.bls12381.field.Fq;
import io.filprover.bls12381.field.Fq2;
import java.math.BigInteger;

/** BLS12-381 G2: the order-r subgroup of the M-type twist E'(Fq2): y² = x³ + 4(u + 1). */
public final class G2 {
    private G2() {}

    public static final BigInteger ORDER = G1.ORDER;

    public static final CurveSpec<Fq2> CURVE =
            new CurveSpec<>("G2", Fq2.NON_RESIDUE.mul(Fq.fromLong(4)), Fq2.ZERO, Fq2.ONE);

    /** The standard (zcash / IETF) generator. */
    public static final AffinePoint<Fq2> GENERATOR = AffinePoint.of(CURVE,
            Fq2.of(new BigInteger("024aa2b2f08f0a91260805272dc51051c6e47ad4fa403b02b4510b647ae3d1770bac0326a805bbefd48056c8c121bdb8", 16),
                   new BigInteger("13e02b6052719f607dacd3a088274f65596bd0d09920b61ab5da61bbdc7f5049334cf11213945d57e5ac7d055d042b7e", 16)),
            Fq2.of(new BigInteger("0ce5d527727d6e118cc9cdc6da2e351aadfd9baa8cbdd3a76d429a695160d12c923ac9cc3baca289e193548608b82801", 16),
                   new BigInteger("0606c4a02ea734cc32acd2b02bc28b99cb3e287e85a763af267492ab572e99ab3f370d275cec1da1aaa9075ff05f79be", 16)));

    /**
     * ψ = twist ∘ Frobenius ∘ untwist: ψ(x, y) = (x̄·ξ^(−(q−1)/3), ȳ·ξ^(−(q−1)/2)); constants derived
     * from ξ at class load.
     */
    private static final Fq2 PSI_X;
    private static final Fq2 PSI_Y;

    static {
        BigInteger qm1 = Fq.MODULUS.subtract(BigInteger.ONE);
        PSI_X = Fq2.NON_RESIDUE.pow(qm1.divide(BigInteger.valueOf(3))).inverse();
        PSI_Y = Fq2.NON_RESIDUE.pow(qm1.shiftRight(1)).inverse();
    }

    /**
     * ψ² = [x²] on G2 is (x, y) ↦ (c_x·x, c_y·y) with c_x = N(PSI_X) and c_y = N(PSI_Y) in Fq (the
     * conjugations cancel); returns c_x then c_y as 6 Montgomery limbs each.
     */
    public static long[] psiSquaredCoefficients() {
        Fq2 cx = PSI_X.conjugate().mul(PSI_X);
        Fq2 cy = PSI_Y.conjugate().mul(PSI_Y);
        if (!cx.c1.isZero() || !cy.c1.isZero()) {
            throw new IllegalStateException("psi^2 coefficients are not in Fq");
        }
        long[] out = new long[12];
        System.arraycopy(cx.c0.montgomeryLimbs(), 0, out, 0, 6);
        System.arraycopy(cy.c0.montgomeryLimbs(), 0, out, 6, 6);
        return out;
    }

    public static JacobianPoint<Fq2> generator() {
        return GENERATOR.toJacobian();
    }

    public static JacobianPoint<Fq2> identity() {
        return CURVE.identity();
    }

    /** ψ on Jacobian coordinates (conjugation commutes with the Z scaling). */
    public static JacobianPoint<Fq2> psi(JacobianPoint<Fq2> p) {
        return new JacobianPoint<>(CURVE, p.x.conjugate().mul(PSI_X), p.y.conjugate().mul(PSI_Y), p.z.conjugate());
    }

    /** Subgroup membership of an on-curve point: ψ(P) = [x]P (Scott, eprint 2021/1130 §4). */
    public static boolean isInSubgroup(JacobianPoint<Fq2> p) {
        if (p.isIdentity()) return true;
        return psi(p).equals(p.mulUnsigned(G1.X_ABS).neg());
    }

    public static boolean isInSubgroup(AffinePoint<Fq2> p) {
        return isInSubgroup(p.toJacobian());
    }

    public static JacobianPoint<Fq2> mul(JacobianPoint<Fq2> p, BigInteger k) {
        return p.mul(k);
    }

    public static JacobianPoint<Fq2> mul(JacobianPoint<Fq2> p, byte[] scalarLE) {
        return p.mul(Scalars.fromLittleEndian(scalarLE));
    }

    public static JacobianPoint<Fq2> mul(JacobianPoint<Fq2> p, long[] scalarLimbs) {
        return p.mul(Scalars.fromLimbs(scalarLimbs));
    }
}
