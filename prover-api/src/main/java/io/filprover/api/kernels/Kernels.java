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

    // ---- Whole trees: every level above the leaves in one call (a device keeps the levels on the device) ----

    /**
     * Hashes {@code levels} levels of {@code arity}-ary Poseidon trees (the node hash of
     * {@link #poseidonHashBatch}) above {@code leafCount} leaves at {@code leaves[leavesOff]} (4
     * Montgomery limbs each, reduced): level 1 hashes the leaves, level k + 1 level k. Writes every
     * level, level 1 first, one after another to {@code out[outOff]}: Σ_{k=1..levels} leafCount/arity^k
     * nodes ({@link KernelTrees#nodesAbove}), the last level the roots. {@code leafCount} must be a
     * positive multiple of arity^levels: one tree when equal, a row of whole subtrees when larger.
     * {@code out} must not overlap the leaves. The result is bit for bit that of one
     * {@link #poseidonHashBatch} per level, which is the default implementation.
     *
     * @throws IllegalArgumentException  for an unsupported arity, {@code levels < 1}, a leaf count that
     *                                   is not a multiple of arity^levels, overlapping ranges or an
     *                                   unreduced leaf
     * @throws IndexOutOfBoundsException if the leaves or the levels do not fit the arrays
     */
    default void poseidonTree(int arity, long[] leaves, int leavesOff, int leafCount, int levels, long[] out, int outOff) {
        KernelTrees.poseidonByLevels(this, arity, leaves, leavesOff, leafCount, levels, out, outOff);
    }

    /**
     * As {@link #poseidonTree} for binary SHA-256 trees of 32-byte nodes, the node function of
     * {@link #sha256Trunc254Pairs}: {@code levels} levels above {@code leafCount} leaves (a positive
     * multiple of 2^levels), written level 1 first to {@code out[outOff]}, {@code 32 ·
     * nodesAbove(2, leafCount, levels)} bytes.
     */
    default void sha256Tree(byte[] leaves, int leavesOff, int leafCount, int levels, byte[] out, int outOff) {
        KernelTrees.sha256ByLevels(this, leaves, leavesOff, leafCount, levels, out, outOff);
    }

    // ---- Fr NTT (Groth16's FFTs). Elements are 4 Montgomery limbs each, little-endian limb order. ----

    /**
     * Forward NTT in place over n = 2^logN elements at {@code a[off]}: a_k ← Σ_j a_j·ω^(jk) with
     * ω = ROOT_OF_UNITY^(2^(32−logN)), ROOT_OF_UNITY being blstrs' 2^32-th root of unity 7^t
     * (docs/spec/poseidon-groth16-gpu.md §1.1). Natural order in and out. 0 ≤ logN ≤ 32.
     */
    void nttFr(long[] a, int off, int logN);

    /** Inverse NTT in place: the NTT with ω⁻¹, then every element times n⁻¹. */
    void inttFr(long[] a, int off, int logN);

    /** Coset NTT: a_j ← a_j·g^j with g = 7 (the coset generator), then the forward NTT. */
    void cosetNttFr(long[] a, int off, int logN);

    /** Inverse coset NTT: the inverse NTT, then a_j ← a_j·g^(−j). */
    void icosetNttFr(long[] a, int off, int logN);

    /**
     * Groth16's quotient polynomial in one call, bellperson's sequence (docs/spec/poseidon-groth16-gpu.md §3.5):
     * {@link #inttFr} of a, b and c, {@link #cosetNttFr} of a, b and c, then a_j ← (a_j·b_j − c_j)·zInv with
     * zInv = (g^n − 1)⁻¹ (Z(X) = X^n − 1 on the coset, g = 7, n = 2^logN), then {@link #icosetNttFr} of a.
     * a, b and c are the evaluations of A, B, C on the 2^logN-th roots of unity, 2^logN elements of 4
     * Montgomery limbs each from index 0 (as the NTTs; limbs past them are left alone); h's coefficients
     * are written into {@code a}. {@code b} and {@code c} may be overwritten: their contents afterwards
     * are unspecified. When A·B − C vanishes on the domain (a satisfied circuit), h = (A·B − C)/Z and
     * its last coefficient is zero. The result is bit for bit that of the sequence of SPI calls above;
     * a device backend runs it on device buffers (three uploads, one download).
     *
     * @throws IllegalArgumentException  for logN outside 0..32, or when a, b and c are not three distinct arrays
     * @throws IndexOutOfBoundsException if 2^logN elements do not fit one of the arrays
     */
    void quotientFr(long[] a, long[] b, long[] c, int logN);

    // ---- Multi-scalar multiplication over G1 and G2 ----

    /**
     * Σ s_i·P_i over G1. {@code bases}: affine points from {@code basesOff}, 12 Montgomery Fq limbs
     * each (x then y), (0, 0) standing for the point at infinity. {@code scalars}: {@code count}
     * canonical (non-Montgomery) Fr values, 4 little-endian limbs each, from {@code scalarsOff}.
     * {@code density}: null (base i pairs with scalar i), or a bitset over the {@code count} scalars
     * (bit i is bit i&63 of word i>>>6): only scalars whose bit is set take part, the k-th set bit
     * pairing with the k-th base — bellperson's dense base lists. Writes the affine result (12
     * limbs, all zero for infinity) to {@code out[outOff]}. The bases must lie in G1 (the order-r
     * subgroup): a backend may use the endomorphism φ(x, y) = (βx, y) = [−x²], which holds only
     * there (a curve point outside it gives a wrong sum, which a prover's self-check rejects).
     */
    void msmG1(long[] bases, int basesOff, long[] scalars, int scalarsOff, int count, long[] density,
               long[] out, int outOff);

    /**
     * As {@link #msmG1} over G2: bases and result are 24 limbs each (x.c0, x.c1, y.c0, y.c1, six
     * Montgomery Fq limbs each). The bases must lie in G2 (a backend may use ψ = [x], which holds
     * only there).
     */
    void msmG2(long[] bases, int basesOff, long[] scalars, int scalarsOff, int count, long[] density,
               long[] out, int outOff);

    // ---- MSM bases kept by the backend across calls (a device keeps them in its memory) ----

    /**
     * A handle on {@code count} G1 bases from {@code bases[basesOff]} (the layout of {@link #msmG1}) for
     * {@link #msmG1(MsmBases, int, long[], int, int, long[], long[], int)}: a device backend uploads them
     * once. The backend may keep a reference to the array (the default does, a device backend for its cpu
     * fallback): the caller must leave the range unchanged until the handle is closed. Close it when done.
     *
     * @throws IndexOutOfBoundsException if the bases do not fit the array
     */
    default MsmBases prepareMsmBasesG1(long[] bases, int basesOff, int count) {
        return new HostMsmBases(MsmBases.Group.G1, bases, basesOff, count);
    }

    /** As {@link #prepareMsmBasesG1} for G2 bases (24 limbs each). */
    default MsmBases prepareMsmBasesG2(long[] bases, int basesOff, int count) {
        return new HostMsmBases(MsmBases.Group.G2, bases, basesOff, count);
    }

    /**
     * As {@link #msmG1(long[], int, long[], int, int, long[], long[], int)} with the handle's bases from
     * {@code baseStart} on: base {@code baseStart + k} pairs with the k-th selected scalar. The result is
     * the array MSM's bit for bit. The default runs the array MSM on a {@link HostMsmBases}.
     *
     * @throws IllegalArgumentException  for a handle of another backend instance or of G2, or a scalar not below r
     * @throws IllegalStateException     for a closed handle
     * @throws IndexOutOfBoundsException if the scalars, the density or the result do not fit their arrays, or
     *                                   the bases the call needs go past the handle's {@link MsmBases#count()}
     */
    default void msmG1(MsmBases bases, int baseStart, long[] scalars, int scalarsOff, int count, long[] density,
                       long[] out, int outOff) {
        HostMsmBases h = HostMsmBases.checkCall(bases, MsmBases.Group.G1, baseStart, scalars, scalarsOff, count, density,
                out, outOff);
        msmG1(h.array(), h.offsetOf(baseStart), scalars, scalarsOff, count, density, out, outOff);
    }

    /** As {@link #msmG1(MsmBases, int, long[], int, int, long[], long[], int)} over G2. */
    default void msmG2(MsmBases bases, int baseStart, long[] scalars, int scalarsOff, int count, long[] density,
                       long[] out, int outOff) {
        HostMsmBases h = HostMsmBases.checkCall(bases, MsmBases.Group.G2, baseStart, scalars, scalarsOff, count, density,
                out, outOff);
        msmG2(h.array(), h.offsetOf(baseStart), scalars, scalarsOff, count, density, out, outOff);
    }

    /**
     * Operations this instance ran on another backend because its device failed (a launch error, out
     * of device memory): a device backend falls back to the cpu backend, never silently, and counts
     * it here. Always 0 on the cpu backend.
     */
    default long fallbacks() {
        return 0;
    }

    /** Releases device resources; the cpu backend has none. */
    @Override
    default void close() {
    }
}
