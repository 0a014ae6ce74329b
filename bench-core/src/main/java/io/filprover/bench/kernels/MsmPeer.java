package io.filprover.bench.kernels;

/**
 * A native G1 MSM timed beside ours by {@code filprover bench msm --peer NAME}. Implementations live
 * outside the product (the bench-peers module: blst through c-kzg-4844) and are found with
 * {@link java.util.ServiceLoader} only when {@code --peer} names them, so filprover.jar carries no
 * native library; see {@link KernelBench#peer(String)}.
 */
public interface MsmPeer {
    /** The name {@code --peer} takes, e.g. {@code blst}. */
    String name();

    /** The threads the peer computes on. */
    int threads();

    /** Why the peer cannot run an MSM of 2^logSize terms, or null when it can. */
    String problem(int logSize);

    /**
     * Prepares Σ scalars_i · bases_i: {@code bases} affine G1 points in the Kernels SPI layout
     * (12 limbs each), {@code scalars} canonical Fr values (4 little-endian limbs each), 2^logSize of
     * each, a size {@link #problem} accepted. May load a native library (and fail doing so).
     */
    Session open(long[] bases, long[] scalars);

    /** One prepared MSM, run as many times as timed. */
    interface Session extends AutoCloseable {
        /** Runs the MSM; returns the sum as a compressed G1 point (48 bytes, ZCash encoding). */
        byte[] run();

        @Override
        void close();
    }
}
