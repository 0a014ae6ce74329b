package io.filprover.bench.peers;

import ethereum.ckzg4844.CKZG4844JNI;
import io.filprover.bench.kernels.RandomInputs;
import io.filprover.bls12381.curve.G2;
import io.filprover.bls12381.curve.PointCodec;
import io.filprover.bls12381.curve.PointLimbs;

import java.util.SplittableRandom;

/**
 * blst's Pippenger MSM as reachable from Java: c-kzg-4844's {@code blobToKzgCommitment} is a
 * 4096-point G1 MSM (single-threaded) of the blob's field elements with the trusted setup's
 * Lagrange points, which c-kzg keeps in bit-reversed order. The setup loaded here is synthetic:
 * our random G1 bases (valid points, useless for proofs), which is all the timing needs. c-kzg
 * holds one global setup, hence the class-level lock. {@link BlstMsmPeer} offers it to
 * {@code filprover bench --peer blst}; the JMH suite {@code MsmBenchmark} uses it directly.
 */
public final class BlstPeer implements AutoCloseable {
    public static final int POINTS = 4096;
    private static final Object LOCK = new Object();
    private static boolean loaded;

    private BlstPeer() {
    }

    /** Loads a setup whose Lagrange points are {@code g1Bases} (4096 affine points in SPI limbs). */
    public static BlstPeer load(long[] g1Bases, long seed) {
        if (g1Bases.length != PointLimbs.G1 * POINTS) {
            throw new IllegalArgumentException("c-kzg needs exactly " + POINTS + " G1 points");
        }
        byte[] g1 = new byte[48 * POINTS];
        for (int i = 0; i < POINTS; i++) {
            System.arraycopy(PointCodec.g1ToCompressed(PointLimbs.g1(g1Bases, PointLimbs.G1 * i)), 0, g1, 48 * i, 48);
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        byte[] g2 = new byte[96 * 65];
        for (int i = 0; i < 65; i++) {
            byte[] p = PointCodec.g2ToCompressed(G2.mul(G2.generator(), RandomInputs.scalar(rnd)).toAffine());
            System.arraycopy(p, 0, g2, 96 * i, 96);
        }
        synchronized (LOCK) {
            CKZG4844JNI.loadNativeLibrary();
            if (loaded) {
                CKZG4844JNI.freeTrustedSetup();
            }
            // the monomial points only feed other c-kzg calls: reuse the same points
            CKZG4844JNI.loadTrustedSetup(g1, g1, g2, 0);
            loaded = true;
        }
        return new BlstPeer();
    }

    /** A blob of the canonical scalars (4 limbs each) at scalars[off]: 4096 big-endian 32-byte elements. */
    public static byte[] blob(long[] scalars, int off) {
        byte[] blob = new byte[32 * POINTS];
        for (int i = 0; i < POINTS; i++) {
            for (int k = 0; k < 4; k++) {
                long limb = scalars[off + 4 * i + k];
                for (int b = 0; b < 8; b++) {
                    blob[32 * i + 31 - 8 * k - b] = (byte) (limb >>> (8 * b));
                }
            }
        }
        return blob;
    }

    /** The commitment: Σ blob_i · Lagrange_brp(i), compressed. */
    public byte[] commit(byte[] blob) {
        synchronized (LOCK) {
            return CKZG4844JNI.blobToKzgCommitment(blob);
        }
    }

    /** The position c-kzg uses for Lagrange point i: its 12-bit reversal. */
    public static int lagrangeIndex(int i) {
        return Integer.reverse(i) >>> (32 - 12);
    }

    @Override
    public void close() {
        synchronized (LOCK) {
            if (loaded) {
                CKZG4844JNI.freeTrustedSetup();
                loaded = false;
            }
        }
    }

}
