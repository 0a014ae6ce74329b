package io.filprover.proofs.tree;

import io.filprover.bls12381.field.FieldEncodingException;
import io.filprover.bls12381.field.FrOps;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Conversions between the 32-byte little-endian Fr encoding of tree nodes and the Montgomery limbs
 * the Kernels SPI hashes, without allocation (for the tree-building loops).
 */
public final class FrLimbs {
    private static final VarHandle LE64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private FrLimbs() {
    }

    /**
     * Decodes {@code count} consecutive 32-byte nodes from {@code src[srcOff..]} into Montgomery limbs
     * at {@code dst[dstOff..]}; throws {@link FieldEncodingException} for a value ≥ r.
     */
    public static void toMontgomery(byte[] src, int srcOff, long[] dst, int dstOff, int count) {
        for (int i = 0; i < count; i++) {
            int s = srcOff + 32 * i;
            int d = dstOff + 4 * i;
            for (int k = 0; k < 4; k++) {
                dst[d + k] = (long) LE64.get(src, s + 8 * k);
            }
            if (!FrOps.isReduced(dst, d)) {
                throw new FieldEncodingException("node is not a valid Fr element (value >= r)");
            }
            FrOps.fromCanonical(dst, d, dst, d);
        }
    }

    /** Encodes {@code count} Montgomery elements as 32-byte little-endian canonical nodes. */
    public static void toBytes(long[] src, int srcOff, byte[] dst, int dstOff, int count, long[] scratch4) {
        for (int i = 0; i < count; i++) {
            FrOps.toCanonical(scratch4, 0, src, srcOff + 4 * i);
            int d = dstOff + 32 * i;
            for (int k = 0; k < 4; k++) {
                LE64.set(dst, d + 8 * k, scratch4[k]);
            }
        }
    }

    /** One node as bytes (allocating convenience). */
    public static byte[] toBytes(long[] src, int srcOff) {
        byte[] out = new byte[32];
        toBytes(src, srcOff, out, 0, 1, new long[4]);
        return out;
    }
}
