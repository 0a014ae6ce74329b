package io.filprover.bench.peers;

import io.filprover.bench.kernels.RandomInputs;
import io.filprover.bls12381.curve.PointCodec;
import io.filprover.bls12381.curve.PointLimbs;
import io.filprover.cpu.msm.PippengerMsm;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Our 4096-point G1 MSM against blst's (c-kzg-4844 blobToKzgCommitment over a random synthetic
 * trusted setup): the commitment is Σ blob_i · L_brp(i), so our MSM over the bit-reverse-permuted
 * points must give the same compressed point, for several random blobs.
 */
class BlstMsmCrossCheckTest {
    @Test
    void commitmentsEqualOurMsm() {
        long seed = System.nanoTime();
        long[] bases = RandomInputs.g1Bases(BlstPeer.POINTS, seed);
        long[] permuted = new long[bases.length];
        for (int i = 0; i < BlstPeer.POINTS; i++) {
            System.arraycopy(bases, PointLimbs.G1 * BlstPeer.lagrangeIndex(i), permuted, PointLimbs.G1 * i, PointLimbs.G1);
        }
        HexFormat hex = HexFormat.of();
        try (BlstPeer blst = BlstPeer.load(bases, seed + 1)) {
            String previous = null;
            for (int k = 0; k < 4; k++) {
                long[] scalars = RandomInputs.scalars(BlstPeer.POINTS, seed + 2 + k);
                long[] out = new long[PointLimbs.G1];
                PippengerMsm.g1(permuted, 0, scalars, 0, BlstPeer.POINTS, null, out, 0, io.filprover.bench.BenchPools.of(1 + k % 2));
                String ours = hex.formatHex(PointCodec.g1ToCompressed(PointLimbs.g1(out, 0)));
                String theirs = hex.formatHex(blst.commit(BlstPeer.blob(scalars, 0)));
                assertEquals(theirs, ours, "blob " + k + " seed " + seed);
                assertNotEquals(previous, ours, "different blobs, different commitments");
                previous = ours;
            }
        }
    }
}
