package io.filprover.proofs.groth16.params;

import io.filprover.bls12381.curve.AffinePoint;
import io.filprover.bls12381.curve.PointCodec;
import io.filprover.bls12381.curve.PointDecodingException;
import io.filprover.bls12381.curve.PointLimbs;
import io.filprover.bls12381.field.Fq;
import io.filprover.bls12381.field.Fq2;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

/**
 * Uncompressed point vectors (docs/spec/poseidon-groth16-gpu.md §3.3) ↔ flat limb vectors, decoded in
 * parallel. Decoding always checks the encoding and the curve equation and rejects the identity
 * (bellperson rejects it for every h, l, a, b_g1, b_g2 and ic entry); the subgroup check is
 * optional ({@code checked}), as rust-fil-proofs skips it for large parameter files.
 */
final class PointVectorCodec {
    static final int G1_BYTES = 96;
    static final int G2_BYTES = 192;
    private static final int CHUNK = 256;

    private PointVectorCodec() {
    }

    /** Largest point count whose limbs fit one Java array. */
    static int maxPoints(int limbsPerPoint) {
        return (Integer.MAX_VALUE - 16) / limbsPerPoint;
    }

    static void writeG1(long[] limbs, int count, OutputStream out) throws IOException {
        for (int i = 0; i < count; i++) {
            out.write(PointCodec.g1ToUncompressed(PointLimbs.g1(limbs, i * PointLimbs.G1)));
        }
    }

    static void writeG2(long[] limbs, int count, OutputStream out) throws IOException {
        for (int i = 0; i < count; i++) {
            out.write(PointCodec.g2ToUncompressed(PointLimbs.g2(limbs, i * PointLimbs.G2)));
        }
    }

    static AffinePoint<Fq> decodeG1(byte[] enc, boolean checked, String what) throws ParametersFormatException {
        try {
            return checked ? PointCodec.g1FromUncompressed(enc) : PointCodec.g1FromUncompressedNoSubgroupCheck(enc);
        } catch (PointDecodingException e) {
            throw new ParametersFormatException(what + ": invalid G1 point (" + e.getMessage() + ")", e);
        }
    }

    static AffinePoint<Fq2> decodeG2(byte[] enc, boolean checked, String what) throws ParametersFormatException {
        try {
            return checked ? PointCodec.g2FromUncompressed(enc) : PointCodec.g2FromUncompressedNoSubgroupCheck(enc);
        } catch (PointDecodingException e) {
            throw new ParametersFormatException(what + ": invalid G2 point (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Decodes {@code count} G1 (or G2 when {@code g2}) points from {@code src} at {@code offset} into
     * {@code out} starting at point {@code outPoint}; none may be the identity.
     */
    static void decode(ByteSource src, long offset, int count, boolean g2, boolean checked, String name,
                       long[] out, int outPoint) throws ParametersFormatException {
        int size = g2 ? G2_BYTES : G1_BYTES;
        int limbs = g2 ? PointLimbs.G2 : PointLimbs.G1;
        int chunks = (count + CHUNK - 1) / CHUNK;
        AtomicReference<ParametersFormatException> failure = new AtomicReference<>();
        IntStream.range(0, chunks).parallel().forEach(ch -> {
            if (failure.get() != null) {
                return;
            }
            byte[] enc = new byte[size];
            int end = Math.min(count, (ch + 1) * CHUNK);
            try {
                for (int i = ch * CHUNK; i < end; i++) {
                    src.read(offset + (long) i * size, enc);
                    String what = name + "[" + i + "]";
                    if (g2) {
                        AffinePoint<Fq2> p = decodeG2(enc, checked, what);
                        if (p.isInfinity()) {
                            throw new ParametersFormatException(what + " is the point at infinity");
                        }
                        PointLimbs.g2(p, out, (outPoint + i) * limbs);
                    } else {
                        AffinePoint<Fq> p = decodeG1(enc, checked, what);
                        if (p.isInfinity()) {
                            throw new ParametersFormatException(what + " is the point at infinity");
                        }
                        PointLimbs.g1(p, out, (outPoint + i) * limbs);
                    }
                }
            } catch (ParametersFormatException e) {
                failure.compareAndSet(null, e);
            }
        });
        if (failure.get() != null) {
            throw failure.get();
        }
    }
}
