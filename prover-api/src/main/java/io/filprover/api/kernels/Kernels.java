package io.filprover.api.kernels;

/**
 * The compute kernels every backend (cpu, cuda, opencl) implements with identical results. Inputs
 * and outputs are flat arrays so a GPU backend can copy them in one transfer. Implementations are
 * thread-safe: callers hash disjoint ranges from several threads at once.
 */
public interface Kernels extends AutoCloseable {

    /** The backend's name, as in {@code --backend}: {@code cpu}, {@code cuda}, {@code opencl}. */
    String backendName();

    /**
     * Hashes {@code count} node pairs with Filecoin's sha2-256-trunc254-padded node function:
     * {@code out[i] = SHA256(in[64i .. 64i+64)) with the two top bits of byte 31 cleared}.
     * Reads {@code 64·count} bytes from {@code in} at {@code inOff}; writes {@code 32·count} bytes to
     * {@code out} at {@code outOff}. {@code in} and {@code out} may be the same array with
     * {@code outOff <= inOff} (in-place reduction of a tree level).
     */
    void sha256Trunc254Pairs(byte[] in, int inOff, byte[] out, int outOff, int count);

    /** Releases device resources; the cpu backend has none. */
    @Override
    default void close() {
    }
}
