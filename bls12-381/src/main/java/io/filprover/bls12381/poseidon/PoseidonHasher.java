package io.filprover.bls12381.poseidon;

import io.filprover.bls12381.field.Fr;
import io.filprover.bls12381.field.FrOps;

import java.util.Arrays;

/**
 * Poseidon hashing exactly as neptune computes it for Filecoin. An instance owns its work buffer,
 * so it hashes without allocating but is <b>not thread-safe</b>: use one per thread. The static
 * methods are thread-safe conveniences (they use a per-thread hasher).
 *
 * <p>Fixed-arity hash (docs/spec/poseidon-groth16-gpu.md §2.6.1, §2.6.2): state = [domain tag, x_1, …, x_n, 0, …]
 * with n ≤ arity, output s[1] after the permutation.
 */
public final class PoseidonHasher {
    /** The arity Filecoin's {@code hash_md} uses. */
    public static final int MD_ARITY = 36;

    private static final ThreadLocal<PoseidonHasher> PER_THREAD = ThreadLocal.withInitial(() -> new PoseidonHasher(null));

    private PoseidonParameters params;
    private long[] work;

    /** A hasher for the given parameters (null: set on first use by the static methods). */
    public PoseidonHasher(PoseidonParameters params) {
        this.params = params;
        this.work = params == null ? new long[0] : new long[PoseidonPermutation.workLength(params.width())];
    }

    private static PoseidonHasher forThread(PoseidonParameters p) {
        PoseidonHasher h = PER_THREAD.get();
        if (h.params != p) {
            h.params = p;
            int need = PoseidonPermutation.workLength(p.width());
            if (h.work.length < need) {
                h.work = new long[need];
            }
        }
        return h;
    }

    public PoseidonParameters parameters() {
        return params;
    }

    // ---- static, thread-safe API ----------------------------------------------------------

    /** The hash of up to {@code arity} elements (missing ones are zero), fast schedule. */
    public static Fr hash(PoseidonParameters p, Fr... inputs) {
        return forThread(p).hash(inputs);
    }

    /** Same as {@link #hash(PoseidonParameters, Fr...)} with the plain reference schedule. */
    public static Fr hashPlain(PoseidonParameters p, Fr... inputs) {
        return forThread(p).hashPlain(inputs);
    }

    /**
     * Hashes {@code count} preimages of {@code arity} elements each: reads {@code count·arity·4}
     * Montgomery limbs from {@code in} at {@code inOff}, writes {@code count·4} limbs to {@code out}
     * at {@code outOff}. Every input element must be reduced (&lt; r).
     */
    public static void hashBatch(PoseidonParameters p, long[] in, int inOff, long[] out, int outOff, int count) {
        forThread(p).hashBatch(in, inOff, out, outOff, count);
    }

    /**
     * neptune's ConstantLength hash of {@code inputs} via the simplex sponge
     * (docs/spec/poseidon-groth16-gpu.md §2.6.3): the parameters
     * must have hash type ConstantLength(inputs.length); any length, in blocks of {@code arity}.
     */
    public static Fr hashConstantLength(PoseidonParameters p, Fr... inputs) {
        PoseidonHashType type = p.hashType();
        if (type.kind() != PoseidonHashType.Kind.CONSTANT_LENGTH || type.parameter() != inputs.length) {
            throw new IllegalArgumentException(p + " is not ConstantLength(" + inputs.length + ")");
        }
        return forThread(p).absorbAll(inputs);
    }

    /**
     * Filecoin's {@code hash_md} (filecoin-hashers {@code PoseidonFunction::hash_md}): arity 36,
     * acc = x_0, then for each chunk of up to 35 further elements acc = H_36(acc, chunk…, 0…).
     */
    public static Fr hashMd(Fr... inputs) {
        if (inputs.length == 0) {
            throw new IllegalArgumentException("hash_md needs at least one element");
        }
        PoseidonParameters p = PoseidonParameters.filecoin(MD_ARITY);
        PoseidonHasher h = forThread(p);
        Fr acc = inputs[0];
        Fr[] block = new Fr[MD_ARITY];
        for (int start = 1; start < inputs.length; start += MD_ARITY - 1) {
            int n = Math.min(MD_ARITY - 1, inputs.length - start);
            block[0] = acc;
            System.arraycopy(inputs, start, block, 1, n);
            acc = h.hash(Arrays.copyOf(block, n + 1));
        }
        return acc;
    }

    // ---- instance API ----------------------------------------------------------------------

    /** The hash of up to {@code arity} elements (missing ones are zero), fast schedule. */
    public Fr hash(Fr... inputs) {
        load(inputs);
        PoseidonPermutation.permuteOptimized(params, work);
        return Fr.fromMontgomeryLimbs(work, 4);
    }

    /** The hash with the plain reference schedule. */
    public Fr hashPlain(Fr... inputs) {
        load(inputs);
        PoseidonPermutation.permutePlain(params, work);
        return Fr.fromMontgomeryLimbs(work, 4);
    }

    private void load(Fr[] inputs) {
        int arity = params.arity();
        if (inputs.length > arity) {
            throw new IllegalArgumentException(inputs.length + " inputs for arity " + arity);
        }
        System.arraycopy(params.domainTag, 0, work, 0, 4);
        for (int i = 0; i < arity; i++) {
            if (i < inputs.length) {
                inputs[i].toMontgomeryLimbs(work, 4 + 4 * i);
            } else {
                FrOps.setZero(work, 4 + 4 * i);
            }
        }
    }

    /** Batch hash with the fast schedule; see {@link #hashBatch(PoseidonParameters, long[], int, long[], int, int)}. */
    public void hashBatch(long[] in, int inOff, long[] out, int outOff, int count) {
        batch(in, inOff, out, outOff, count, false);
    }

    /** Batch hash with the plain reference schedule. */
    public void hashBatchPlain(long[] in, int inOff, long[] out, int outOff, int count) {
        batch(in, inOff, out, outOff, count, true);
    }

    /**
     * The Kernels SPI's checks of a Poseidon batch, made by every backend before it hashes: the
     * preimages and results fit their arrays, and every input element is reduced (&lt; r).
     *
     * @throws IndexOutOfBoundsException if the batch does not fit the arrays
     * @throws IllegalArgumentException  if an input element is not reduced
     */
    public static void checkBatch(int arity, long[] in, int inOff, long[] out, int outOff, int count) {
        long stride = 4L * arity;
        if (count < 0 || inOff < 0 || outOff < 0 || inOff + stride * count > in.length
                || outOff + 4L * count > out.length) {
            throw new IndexOutOfBoundsException("Poseidon batch of " + count + " does not fit the buffers");
        }
        for (int h = 0; h < count; h++) {
            int src = inOff + h * (int) stride;
            for (int i = 0; i < arity; i++) {
                if (!FrOps.isReduced(in, src + 4 * i)) {
                    throw new IllegalArgumentException("preimage " + h + " element " + i + " is not reduced mod r");
                }
            }
        }
    }

    private void batch(long[] in, int inOff, long[] out, int outOff, int count, boolean plain) {
        PoseidonParameters p = params;
        int arity = p.arity();
        int stride = 4 * arity;
        checkBatch(arity, in, inOff, out, outOff, count);
        long[] w = work;
        for (int h = 0; h < count; h++) {
            int src = inOff + h * stride;
            System.arraycopy(p.domainTag, 0, w, 0, 4);
            System.arraycopy(in, src, w, 4, stride);
            if (plain) {
                PoseidonPermutation.permutePlain(p, w);
            } else {
                PoseidonPermutation.permuteOptimized(p, w);
            }
            System.arraycopy(w, 4, out, outOff + 4 * h, 4);
        }
    }

    /** Simplex sponge: add into the rate, permute when full, final (zero-padded) permutation if anything is pending. */
    private Fr absorbAll(Fr[] inputs) {
        int arity = params.arity();
        System.arraycopy(params.domainTag, 0, work, 0, 4);
        for (int i = 1; i <= arity; i++) {
            FrOps.setZero(work, 4 * i);
        }
        long[] e = new long[4];
        int pos = 0;
        for (Fr x : inputs) {
            x.toMontgomeryLimbs(e, 0);
            FrOps.add(work, 4 + 4 * pos, work, 4 + 4 * pos, e, 0);
            if (++pos == arity) {
                PoseidonPermutation.permuteOptimized(params, work);
                pos = 0;
            }
        }
        if (pos > 0) {
            // neptune pads a partial final block by zeroing the rate slots not absorbed into
            // (Poseidon::apply_padding), discarding what the previous permutation left there
            for (int i = pos; i < arity; i++) {
                FrOps.setZero(work, 4 + 4 * i);
            }
            PoseidonPermutation.permuteOptimized(params, work);
        }
        return Fr.fromMontgomeryLimbs(work, 4);
    }
}
