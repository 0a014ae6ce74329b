package io.filprover.bench.peers;

import io.filprover.bench.kernels.MsmPeer;
import io.filprover.bls12381.curve.PointLimbs;

/**
 * {@code filprover bench msm --log-size 12 --peer blst}: blst's Pippenger through c-kzg-4844's
 * 4096-point commitment ({@link BlstPeer}), single-threaded. Registered in
 * {@code META-INF/services/io.filprover.bench.kernels.MsmPeer}.
 */
public final class BlstMsmPeer implements MsmPeer {
    private static final int LOG_SIZE = 12;

    @Override
    public String name() {
        return "blst";
    }

    @Override
    public int threads() {
        return 1;
    }

    @Override
    public String problem(int logSize) {
        return logSize == LOG_SIZE ? null : "--peer blst needs --log-size 12 (c-kzg's 4096-point MSM)";
    }

    @Override
    public Session open(long[] bases, long[] scalars) {
        if (bases.length != PointLimbs.G1 * BlstPeer.POINTS || scalars.length != 4 * BlstPeer.POINTS) {
            throw new IllegalArgumentException(problem(-1));
        }
        // c-kzg pairs blob element i with Lagrange point brp(i): load bases_i at position brp(i), so
        // that the commitment is Σ scalars_i · bases_i (brp is its own inverse)
        long[] lagrange = new long[bases.length];
        for (int i = 0; i < BlstPeer.POINTS; i++) {
            System.arraycopy(bases, PointLimbs.G1 * i, lagrange, PointLimbs.G1 * BlstPeer.lagrangeIndex(i), PointLimbs.G1);
        }
        BlstPeer peer = BlstPeer.load(lagrange, 4);
        byte[] blob = BlstPeer.blob(scalars, 0);
        return new Session() {
            @Override
            public byte[] run() {
                return peer.commit(blob);
            }

            @Override
            public void close() {
                peer.close();
            }
        };
    }
}
