package io.filprover.proofs.groth16;

import io.filprover.bls12381.curve.AffinePoint;
import io.filprover.bls12381.curve.PointCodec;
import io.filprover.bls12381.curve.PointDecodingException;
import io.filprover.bls12381.field.Fq;
import io.filprover.bls12381.field.Fq2;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A Groth16 proof (π_A ∈ G1, π_B ∈ G2, π_C ∈ G1) and its 192-byte encoding
 * (docs/spec/poseidon-groth16-gpu.md §3.8): A (G1 compressed, 48 B) ‖ B (G2 compressed, 96 B) ‖ C (48 B).
 */
public record Proof(AffinePoint<Fq> a, AffinePoint<Fq2> b, AffinePoint<Fq> c) {
    public static final int BYTES = 192;

    public byte[] toBytes() {
        byte[] out = new byte[BYTES];
        System.arraycopy(PointCodec.g1ToCompressed(a), 0, out, 0, 48);
        System.arraycopy(PointCodec.g2ToCompressed(b), 0, out, 48, 96);
        System.arraycopy(PointCodec.g1ToCompressed(c), 0, out, 144, 48);
        return out;
    }

    /**
     * Decodes and validates 192 bytes: canonical encodings, on-curve, in the subgroup, and none of
     * the three points the identity (as bellperson's {@code Proof::read}).
     */
    public static Proof fromBytes(byte[] bytes) {
        return fromBytes(bytes, 0);
    }

    /** As {@link #fromBytes(byte[])} at an offset of a longer array. */
    public static Proof fromBytes(byte[] bytes, int off) {
        if (bytes == null || off < 0 || bytes.length - off < BYTES) {
            throw new InvalidProofException("a Groth16 proof is " + BYTES + " bytes");
        }
        try {
            AffinePoint<Fq> a = PointCodec.g1FromCompressed(Arrays.copyOfRange(bytes, off, off + 48));
            AffinePoint<Fq2> b = PointCodec.g2FromCompressed(Arrays.copyOfRange(bytes, off + 48, off + 144));
            AffinePoint<Fq> c = PointCodec.g1FromCompressed(Arrays.copyOfRange(bytes, off + 144, off + 192));
            if (a.isInfinity() || b.isInfinity() || c.isInfinity()) {
                throw new InvalidProofException("proof contains the point at infinity");
            }
            return new Proof(a, b, c);
        } catch (PointDecodingException e) {
            throw new InvalidProofException("invalid proof point: " + e.getMessage(), e);
        }
    }

    /** Splits a multi-partition proof (concatenated 192-byte proofs) into its proofs. */
    public static List<Proof> fromConcatenated(byte[] bytes) {
        if (bytes.length % BYTES != 0) {
            throw new InvalidProofException(bytes.length + " bytes is not a whole number of " + BYTES + "-byte proofs");
        }
        List<Proof> out = new ArrayList<>(bytes.length / BYTES);
        for (int off = 0; off < bytes.length; off += BYTES) {
            out.add(fromBytes(bytes, off));
        }
        return out;
    }

    /** The concatenation of the proofs' encodings, in order. */
    public static byte[] concatenate(List<Proof> proofs) {
        byte[] out = new byte[proofs.size() * BYTES];
        for (int i = 0; i < proofs.size(); i++) {
            System.arraycopy(proofs.get(i).toBytes(), 0, out, i * BYTES, BYTES);
        }
        return out;
    }
}
