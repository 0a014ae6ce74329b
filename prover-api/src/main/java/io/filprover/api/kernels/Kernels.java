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

    /**
     * Hashes {@code count} preimages with Filecoin's Poseidon: neptune's Poseidon over the BLS12-381
     * scalar field Fr, {@code Strength::Standard}, {@code HashType::MerkleTree} (domain tag
     * 2^arity − 1), i.e. {@code out[i] = H_arity(in[i·arity .. (i+1)·arity))}, the hash Filecoin uses
     * for tree_c / tree_r_last nodes, column hashes and CommR. Every Fr element is 4 {@code long}s:
     * its Montgomery form (value·2^256 mod r) as little-endian 64-bit limbs, the blstrs/GPU layout.
     * Reads {@code 4·arity·count} longs from {@code in} at {@code inOff}; writes {@code 4·count}
     * longs to {@code out} at {@code outOff}. Input elements must be reduced (&lt; r). Arities 2, 4,
     * 8, 11, 16, 24 and 36 are what Filecoin uses (every backend supports these). {@code in} and
     * {@code out} may be the same array with {@code outOff <= inOff} (in-place reduction of a tree
     * level).
     *
     * @throws IllegalArgumentException  for an unsupported arity or an unreduced input element
     * @throws IndexOutOfBoundsException if {@code count} preimages or results do not fit the arrays
     */
    void poseidonHashBatch(int arity, long[] in, int inOff, long[] out, int outOff, int count);

    /** Releases device resources; the cpu backend has none. */
    @Override
    default void close() {
    }
}
