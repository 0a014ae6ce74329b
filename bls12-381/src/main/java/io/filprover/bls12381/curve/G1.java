package io.filprover.bls12381.curve;

import io.filprover.bls12381.field.Fq;
import java.math.BigInteger;

/** BLS12-381 G1: the order-r subgroup of E(Fq): y² = x³ + 4. */
public final class G1 {
    private G1() {}

    /** Group order r. */
    public static final BigInteger ORDER = new BigInteger(
            "73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001", 16);
    /** |x| for the BLS parameter x = −0xd201000000010000. */
    public static final long X_ABS = 0xd201000000010000L;

    public static final CurveSpec<Fq> CURVE = new CurveSpec<>("G1", Fq.fromLong(4), Fq.ZERO, Fq.ONE);

    /** The standard (zcash / IETF) generator. */
    public static final AffinePoint<Fq> GENERATOR = AffinePoint.of(CURVE,
            Fq.fromBigInteger(new BigInteger("17f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c6bb", 16)),
            Fq.fromBigInteger(new BigInteger("08b3f481e3aaa0f1a09e30ed741d8ae4fcf5e095d5d00af600db18cb2c04b3edd03cc744a2888ae40caa232946c5e7e1", 16)));

    /**
     * β, a primitive cube root of unity in Fq chosen so that φ(x, y) = (βx, y) acts on G1 as
     * multiplication by −x² (a cube root of unity mod r since r = x⁴ − x² + 1). Picked at class load
     * by testing both roots on the generator.
     */
    static final Fq BETA;

    static {
        Fq g = Fq.fromLong(2);
        Fq root = g.pow(Fq.MODULUS.subtract(BigInteger.ONE).divide(BigInteger.valueOf(3)));
        while (root.isOne()) {
            g = g.add(Fq.ONE);
            root = g.pow(Fq.MODULUS.subtract(BigInteger.ONE).divide(BigInteger.valueOf(3)));
        }
        JacobianPoint<Fq> gen = GENERATOR.toJacobian();
        JacobianPoint<Fq> target = gen.mulUnsigned(X_ABS).mulUnsigned(X_ABS).neg();
        Fq chosen = null;
        for (Fq b : new Fq[] {root, root.square()}) {
            if (new JacobianPoint<>(CURVE, GENERATOR.x.mul(b), GENERATOR.y, Fq.ONE).equals(target)) chosen = b;
        }
        if (chosen == null) throw new IllegalStateException("no cube root of unity matches -x^2 on G1");
        BETA = chosen;
    }

    /** β in Montgomery limbs (a copy), for kernels that apply φ to flat affine points. */
    public static long[] betaMontgomeryLimbs() {
        return BETA.montgomeryLimbs().clone();
    }

    public static JacobianPoint<Fq> generator() {
        return GENERATOR.toJacobian();
    }

    public static JacobianPoint<Fq> identity() {
        return CURVE.identity();
    }

    /** The endomorphism φ(x, y) = (βx, y). */
    public static JacobianPoint<Fq> endomorphism(JacobianPoint<Fq> p) {
        return new JacobianPoint<>(CURVE, p.x.mul(BETA), p.y, p.z);
    }

    /**
     * Subgroup membership of a point already known to be on the curve: φ(P) = [−x²]P (Scott,
     * eprint 2021/1130 §6; proof corrected in eprint 2022/352).
     */
    public static boolean isInSubgroup(JacobianPoint<Fq> p) {
        if (p.isIdentity()) return true;
        JacobianPoint<Fq> x2p = p.mulUnsigned(X_ABS).mulUnsigned(X_ABS);
        return endomorphism(p).equals(x2p.neg());
    }

    public static boolean isInSubgroup(AffinePoint<Fq> p) {
        return isInSubgroup(p.toJacobian());
    }

    /** x² = λ' with φ = [−x²] on G1; the GLV split uses k = k1 + k2·x² with k1, k2 < x². */
    private static final BigInteger X_SQUARED = new BigInteger(Long.toUnsignedString(X_ABS)).pow(2);

    /**
     * [k]P for P in G1 (k any integer; reduced mod r), by the GLV method: writing k mod r = k1 + k2·x²
     * and using φ = [−x²] on G1, [k]P = [k1]P + [k2](−φ(P)) with two 128-bit scalars sharing one
     * doubling chain. Only valid for points of order r: use {@link JacobianPoint#mul} otherwise.
     */
    public static JacobianPoint<Fq> mul(JacobianPoint<Fq> p, BigInteger k) {
        BigInteger kr = k.mod(ORDER);
        if (kr.signum() == 0 || p.isIdentity()) return CURVE.identity();
        BigInteger[] qr = kr.divideAndRemainder(X_SQUARED);
        AffinePoint<Fq>[] table = ScalarMultiplier.oddMultiples(p, 1 << (ScalarMultiplier.WINDOW - 2));
        @SuppressWarnings("unchecked")
        AffinePoint<Fq>[] negPhi = new AffinePoint[table.length];
        for (int i = 0; i < table.length; i++) {
            AffinePoint<Fq> t = table[i];
            negPhi[i] = t.isInfinity() ? t : AffinePoint.of(CURVE, t.x.mul(BETA), t.y.neg());
        }
        return ScalarMultiplier.mulDouble(table, negPhi, qr[1], qr[0], CURVE);
    }

    /** [k]P for P in G1 and k given as 32 canonical little-endian bytes (the Fr repr); GLV. */
    public static JacobianPoint<Fq> mul(JacobianPoint<Fq> p, byte[] scalarLE) {
        return mul(p, Scalars.fromLittleEndian(scalarLE));
    }

    /** [k]P for P in G1 and k given as four canonical little-endian 64-bit limbs; GLV. */
    public static JacobianPoint<Fq> mul(JacobianPoint<Fq> p, long[] scalarLimbs) {
        return mul(p, Scalars.fromLimbs(scalarLimbs));
    }
}
