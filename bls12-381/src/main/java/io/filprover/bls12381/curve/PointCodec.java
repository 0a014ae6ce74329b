package io.filprover.bls12381.curve;

import io.filprover.bls12381.curve.PointDecodingException.Reason;
import io.filprover.bls12381.field.Fq;
import io.filprover.bls12381.field.Fq2;

/**
 * zcash / blst point encodings (docs/spec/poseidon-groth16-gpu.md §1.3): big-endian coordinates, Fq2 written c1 then
 * c0, flags in
 * the top three bits of byte 0 (0x80 compressed, 0x40 infinity, 0x20 sort = y is the larger root).
 * Decoders validate fully: length, flags, canonical coordinates, curve equation and (unless the
 * "NoSubgroupCheck" variant is used) subgroup membership.
 */
public final class PointCodec {
    private PointCodec() {}

    static final int FQ = Fq.BYTES;
    private static final int COMPRESSED = 0x80, INFINITY = 0x40, SORT = 0x20, FLAGS = 0xe0;

    // ---------------- G1 ----------------

    public static byte[] g1ToCompressed(AffinePoint<Fq> p) {
        byte[] out = new byte[FQ];
        if (p.isInfinity()) {
            out[0] = (byte) (COMPRESSED | INFINITY);
            return out;
        }
        p.x.toBytesBE(out, 0);
        out[0] |= (byte) (COMPRESSED | (p.y.isLexicographicallyLargest() ? SORT : 0));
        return out;
    }

    public static byte[] g1ToUncompressed(AffinePoint<Fq> p) {
        byte[] out = new byte[2 * FQ];
        if (p.isInfinity()) {
            out[0] = (byte) INFINITY;
            return out;
        }
        p.x.toBytesBE(out, 0);
        p.y.toBytesBE(out, FQ);
        return out;
    }

    public static AffinePoint<Fq> g1FromCompressed(byte[] in) {
        return g1Compressed(in, true);
    }

    public static AffinePoint<Fq> g1FromCompressedNoSubgroupCheck(byte[] in) {
        return g1Compressed(in, false);
    }

    public static AffinePoint<Fq> g1FromUncompressed(byte[] in) {
        return g1Uncompressed(in, true);
    }

    public static AffinePoint<Fq> g1FromUncompressedNoSubgroupCheck(byte[] in) {
        return g1Uncompressed(in, false);
    }

    private static AffinePoint<Fq> g1Compressed(byte[] in, boolean subgroup) {
        int flags = checkHeader(in, FQ, true, "G1");
        if ((flags & INFINITY) != 0) return G1.CURVE.infinity();
        Fq x = coordinate(in, 0, "x");
        Fq y = x.square().mul(x).add(G1.CURVE.b()).sqrt();
        if (y == null) throw new PointDecodingException(Reason.NOT_ON_CURVE, "G1 x has no y on the curve");
        if (y.isLexicographicallyLargest() != ((flags & SORT) != 0)) y = y.neg();
        return finish(AffinePoint.of(G1.CURVE, x, y), subgroup, false);
    }

    private static AffinePoint<Fq> g1Uncompressed(byte[] in, boolean subgroup) {
        int flags = checkHeader(in, 2 * FQ, false, "G1");
        if ((flags & INFINITY) != 0) return G1.CURVE.infinity();
        AffinePoint<Fq> p = AffinePoint.of(G1.CURVE, coordinate(in, 0, "x"), coordinate(in, FQ, "y"));
        return finish(p, subgroup, true);
    }

    // ---------------- G2 ----------------

    public static byte[] g2ToCompressed(AffinePoint<Fq2> p) {
        byte[] out = new byte[2 * FQ];
        if (p.isInfinity()) {
            out[0] = (byte) (COMPRESSED | INFINITY);
            return out;
        }
        writeFq2(p.x, out, 0);
        out[0] |= (byte) (COMPRESSED | (p.y.isLexicographicallyLargest() ? SORT : 0));
        return out;
    }

    public static byte[] g2ToUncompressed(AffinePoint<Fq2> p) {
        byte[] out = new byte[4 * FQ];
        if (p.isInfinity()) {
            out[0] = (byte) INFINITY;
            return out;
        }
        writeFq2(p.x, out, 0);
        writeFq2(p.y, out, 2 * FQ);
        return out;
    }

    public static AffinePoint<Fq2> g2FromCompressed(byte[] in) {
        return g2Compressed(in, true);
    }

    public static AffinePoint<Fq2> g2FromCompressedNoSubgroupCheck(byte[] in) {
        return g2Compressed(in, false);
    }

    public static AffinePoint<Fq2> g2FromUncompressed(byte[] in) {
        return g2Uncompressed(in, true);
    }

    public static AffinePoint<Fq2> g2FromUncompressedNoSubgroupCheck(byte[] in) {
        return g2Uncompressed(in, false);
    }

    private static AffinePoint<Fq2> g2Compressed(byte[] in, boolean subgroup) {
        int flags = checkHeader(in, 2 * FQ, true, "G2");
        if ((flags & INFINITY) != 0) return G2.CURVE.infinity();
        Fq2 x = fq2(in, 0, "x");
        Fq2 y = x.square().mul(x).add(G2.CURVE.b()).sqrt();
        if (y == null) throw new PointDecodingException(Reason.NOT_ON_CURVE, "G2 x has no y on the curve");
        if (y.isLexicographicallyLargest() != ((flags & SORT) != 0)) y = y.neg();
        return finish(AffinePoint.of(G2.CURVE, x, y), subgroup, false);
    }

    private static AffinePoint<Fq2> g2Uncompressed(byte[] in, boolean subgroup) {
        int flags = checkHeader(in, 4 * FQ, false, "G2");
        if ((flags & INFINITY) != 0) return G2.CURVE.infinity();
        AffinePoint<Fq2> p = AffinePoint.of(G2.CURVE, fq2(in, 0, "x"), fq2(in, 2 * FQ, "y"));
        return finish(p, subgroup, true);
    }

    // ---------------- shared ----------------

    /**
     * Checks length and flag bits; returns the flags. For an infinity encoding also checks that
     * every other bit is zero.
     */
    private static int checkHeader(byte[] in, int length, boolean compressed, String group) {
        if (in == null || in.length != length) {
            throw new PointDecodingException(Reason.WRONG_LENGTH, group + " "
                    + (compressed ? "compressed" : "uncompressed") + " needs " + length + " bytes, got "
                    + (in == null ? "null" : in.length));
        }
        int flags = in[0] & FLAGS;
        if (((flags & COMPRESSED) != 0) != compressed) {
            throw new PointDecodingException(Reason.COMPRESSION_FLAG_MISMATCH,
                    group + " compression bit is " + ((flags & COMPRESSED) != 0) + ", expected " + compressed);
        }
        if (!compressed && (flags & SORT) != 0) {
            throw new PointDecodingException(Reason.UNEXPECTED_SORT_FLAG, group + " uncompressed encoding has the sort flag");
        }
        if ((flags & INFINITY) != 0) {
            boolean clean = (in[0] & ~(COMPRESSED | INFINITY) & 0xff) == 0;
            for (int i = 1; i < in.length && clean; i++) clean = in[i] == 0;
            if (!clean) {
                throw new PointDecodingException(Reason.INVALID_INFINITY, group + " infinity encoding has non-zero bits");
            }
        }
        return flags;
    }

    /** A 48-byte big-endian coordinate at off, with flag bits masked when off = 0. */
    private static Fq coordinate(byte[] in, int off, String what) {
        Fq v;
        if (off == 0) {
            byte[] tmp = new byte[FQ];
            System.arraycopy(in, 0, tmp, 0, FQ);
            tmp[0] &= 0x1f;
            v = Fq.fromBytesBE(tmp, 0);
        } else {
            v = Fq.fromBytesBE(in, off);
        }
        if (v == null) throw new PointDecodingException(Reason.NON_CANONICAL_COORDINATE, what + " at byte " + off + " is not below q");
        return v;
    }

    private static Fq2 fq2(byte[] in, int off, String what) {
        Fq c1 = coordinate(in, off, what + ".c1");
        Fq c0 = coordinate(in, off + FQ, what + ".c0");
        return new Fq2(c0, c1);
    }

    private static void writeFq2(Fq2 v, byte[] out, int off) {
        v.c1.toBytesBE(out, off);
        v.c0.toBytesBE(out, off + FQ);
    }

    private static <F extends io.filprover.bls12381.field.FqTowerElement<F>> AffinePoint<F> finish(
            AffinePoint<F> p, boolean subgroup, boolean checkCurve) {
        String g = p.curve().name();
        if (checkCurve && !p.isOnCurve()) throw new PointDecodingException(Reason.NOT_ON_CURVE, g + " point is not on the curve");
        if (subgroup && !inSubgroup(p)) {
            throw new PointDecodingException(Reason.NOT_IN_SUBGROUP, g + " point is not in the order-r subgroup");
        }
        return p;
    }

    @SuppressWarnings("unchecked")
    private static <F extends io.filprover.bls12381.field.FqTowerElement<F>> boolean inSubgroup(AffinePoint<F> p) {
        if (p.curve() == (Object) G1.CURVE) return G1.isInSubgroup((AffinePoint<Fq>) (AffinePoint<?>) p);
        return G2.isInSubgroup((AffinePoint<Fq2>) (AffinePoint<?>) p);
    }
}
