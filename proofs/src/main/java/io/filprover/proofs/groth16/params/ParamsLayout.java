package io.filprover.proofs.groth16.params;

import static io.filprover.proofs.groth16.params.PointVectorCodec.G1_BYTES;
import static io.filprover.proofs.groth16.params.PointVectorCodec.G2_BYTES;

import io.filprover.bls12381.curve.PointLimbs;

/**
 * Where everything lies in a {@code .params} / {@code .vk} file (docs/spec/poseidon-groth16-gpu.md §3.3),
 * bellperson's {@code build_mapped_parameters}. Every count is checked against the bytes that
 * remain before anything is allocated, so a truncated or corrupt file fails here with a clear
 * message instead of exhausting memory.
 */
record ParamsLayout(int icCount, long icOffset, Vector h, Vector l, Vector a, Vector bG1, Vector bG2, long end) {
    /** Fixed part of the verifying key: α₁, β₁, β₂, γ₂, δ₁, δ₂. */
    static final int VK_POINTS_BYTES = 3 * G1_BYTES + 3 * G2_BYTES;
    static final int ALPHA_G1 = 0;
    static final int BETA_G1 = ALPHA_G1 + G1_BYTES;
    static final int BETA_G2 = BETA_G1 + G1_BYTES;
    static final int GAMMA_G2 = BETA_G2 + G2_BYTES;
    static final int DELTA_G1 = GAMMA_G2 + G2_BYTES;
    static final int DELTA_G2 = DELTA_G1 + G1_BYTES;

    /** A vector of points: count and byte offset of its first point. */
    record Vector(String name, int count, long offset, boolean g2) {
        long endOffset() {
            return offset + (long) count * (g2 ? G2_BYTES : G1_BYTES);
        }
    }

    static ParamsLayout parse(ByteSource src, boolean verifyingKeyOnly, String fileName) throws ParametersFormatException {
        long len = src.length();
        String what = verifyingKeyOnly ? "verifying key" : "parameters";
        if (len < VK_POINTS_BYTES + 4) {
            throw new ParametersFormatException(fileName + ": truncated " + what + " file (" + len
                    + " bytes; the verifying key alone needs at least " + (VK_POINTS_BYTES + 4 + G1_BYTES) + ")");
        }
        Vector ic = vector(src, "ic", VK_POINTS_BYTES, false, fileName);
        if (ic.count() == 0) {
            throw new ParametersFormatException(fileName + ": verifying key has no ic points");
        }
        if (verifyingKeyOnly) {
            if (ic.endOffset() != len) {
                throw new ParametersFormatException(fileName + ": verifying key is " + len + " bytes but its "
                        + ic.count() + " ic points make " + ic.endOffset());
            }
            return new ParamsLayout(ic.count(), ic.offset(), null, null, null, null, null, len);
        }
        Vector h = vector(src, "h", ic.endOffset(), false, fileName);
        Vector l = vector(src, "l", h.endOffset(), false, fileName);
        Vector a = vector(src, "a", l.endOffset(), false, fileName);
        Vector b1 = vector(src, "b_g1", a.endOffset(), false, fileName);
        Vector b2 = vector(src, "b_g2", b1.endOffset(), true, fileName);
        if (b2.endOffset() != len) {
            throw new ParametersFormatException(fileName + ": " + (len - b2.endOffset())
                    + " unexpected bytes after the last parameter vector");
        }
        return new ParamsLayout(ic.count(), ic.offset(), h, l, a, b1, b2, len);
    }

    private static Vector vector(ByteSource src, String name, long countOffset, boolean g2, String fileName)
            throws ParametersFormatException {
        long len = src.length();
        if (countOffset + 4 > len) {
            throw new ParametersFormatException(fileName + ": truncated before the count of " + name
                    + " (offset " + countOffset + ", file " + len + " bytes)");
        }
        byte[] b = new byte[4];
        src.read(countOffset, b);
        long count = ((b[0] & 0xffL) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
        int size = g2 ? G2_BYTES : G1_BYTES;
        long need = count * size;
        long remaining = len - countOffset - 4;
        if (need > remaining) {
            throw new ParametersFormatException(fileName + ": " + name + " claims " + count + " points (" + need
                    + " bytes) but only " + remaining + " bytes remain: truncated or corrupt file");
        }
        if (count > PointVectorCodec.maxPoints(g2 ? PointLimbs.G2 : PointLimbs.G1)) {
            throw new ParametersFormatException(fileName + ": " + name + " has " + count
                    + " points, more than one in-memory vector can hold");
        }
        return new Vector(name, (int) count, countOffset + 4, g2);
    }
}
