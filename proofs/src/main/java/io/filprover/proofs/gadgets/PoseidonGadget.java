package io.filprover.proofs.gadgets;

import io.filprover.bls12381.field.Fr;
import io.filprover.bls12381.poseidon.PoseidonParameters;
import io.filprover.proofs.r1cs.ConstraintSystem;
import io.filprover.proofs.r1cs.LinearCombination;
import io.filprover.proofs.r1cs.SynthesisException;
import java.util.List;
import java.util.function.Supplier;

/**
 * neptune's legacy Poseidon circuit ({@code neptune::circuit::poseidon_hash}), the one
 * rust-fil-proofs' {@code PoseidonFunction} circuits call (filecoin-hashers/src/poseidon.rs imports
 * {@code neptune::circuit::poseidon_hash}, not {@code circuit2}). Same variables, constraints and
 * names in the same order, so the R1CS is upstream's:
 *
 * <ul>
 *   <li>the state is tracked as linear combinations; the MDS / pre-sparse / sparse matrix products
 *       cost no constraints;</li>
 *   <li>an S-box on a linear combination first allocates it (1 constraint), then x², x⁴ and
 *       x⁴·x + post-key (3 constraints; the post round key is folded into the last one);</li>
 *   <li>the first round folds the pre round key into (x + k)² and x⁴·(x + k) + post-key, needs no
 *       allocation for the preimage, and computes the domain-tag S-box as a constant;</li>
 *   <li>the result, s[1], is allocated with 1 constraint.</li>
 * </ul>
 *
 * Constraints: 3·(t·R_F + R_P − 1) + (t·R_F + R_P − arity), neptune circuit.rs
 * {@code test_poseidon_hash}. Runs the same with or without witness values.
 */
public final class PoseidonGadget {
    private final PoseidonParameters params;
    private final int width;
    private Elt[] state;
    private int constantsOffset;
    private int currentRound;

    private PoseidonGadget(PoseidonParameters params, Elt[] state) {
        this.params = params;
        this.width = params.width();
        this.state = state;
    }

    /**
     * The Poseidon hash of exactly {@code arity} allocated numbers (neptune pads nothing here).
     * The caller's namespace is used as is, as neptune does with the {@code cs} it is given.
     */
    public static AllocatedNum<Fr> hash(ConstraintSystem<Fr> cs, List<AllocatedNum<Fr>> preimage,
                                        PoseidonParameters params) {
        if (preimage.size() != params.arity()) {
            throw new IllegalArgumentException(preimage.size() + " preimage elements for " + params);
        }
        Elt[] state = new Elt[params.width()];
        state[0] = Elt.constant(cs, params.domainTag());
        for (int i = 0; i < preimage.size(); i++) {
            state[i + 1] = Elt.allocated(preimage.get(i));
        }
        return new PoseidonGadget(params, state).run(cs);
    }

    /** Expected constraint count for a hash with these parameters (neptune's formula). */
    public static int constraintCount(PoseidonParameters p) {
        int sBoxes = p.width() * p.fullRounds() + p.partialRounds() - 1;
        int mds = p.width() * p.fullRounds() + p.partialRounds() - p.arity();
        return 3 * sBoxes + mds;
    }

    private AllocatedNum<Fr> run(ConstraintSystem<Fr> cs) {
        int half = params.fullRounds() / 2;
        cs.inNamespace("first round", c -> fullRound(c, true, false));
        for (int i = 1; i < half; i++) {
            int r = i;
            cs.inNamespace(() -> "initial full round " + r, c -> fullRound(c, false, false));
        }
        for (int i = 0; i < params.partialRounds(); i++) {
            int r = i;
            cs.inNamespace(() -> "partial round " + r, this::partialRound);
        }
        for (int i = 0; i < half - 1; i++) {
            int r = i;
            cs.inNamespace(() -> "final full round " + r, c -> fullRound(c, false, false));
        }
        cs.inNamespace("terminal full round", c -> fullRound(c, false, true));
        if (constantsOffset != params.compressedRoundConstantCount()) {
            throw new AssertionError("round constants consumed: " + constantsOffset);
        }
        return cs.namespace("hash result", c -> state[1].ensureAllocated(c));
    }

    private void fullRound(ConstraintSystem<Fr> cs, boolean first, boolean last) {
        int preOffset = constantsOffset;
        if (first) {
            constantsOffset += width;
        }
        int postOffset = constantsOffset;
        boolean hasPost = first || !last;
        if (hasPost) {
            constantsOffset += width;
        }
        for (int i = 0; i < width; i++) {
            Fr post = hasPost ? params.compressedRoundConstant(postOffset + i) : null;
            if (first) {
                Fr pre = params.compressedRoundConstant(preOffset + i);
                if (i == 0) {
                    // the domain tag is a constant: its S-box is computed, not constrained
                    state[0] = Elt.constant(cs, sbox(state[0].value.add(pre)).add(post));
                } else {
                    int at = i;
                    Elt e = state[i];
                    state[i] = cs.namespace(() -> "quintic s-box " + at, c -> quinticSBoxPreAdd(c, e, pre, post));
                }
            } else {
                int at = i;
                Elt e = state[i];
                state[i] = cs.namespace(() -> "quintic s-box " + at, c -> quinticSBox(c, e, post));
            }
        }
        productMds(cs);
    }

    private void partialRound(ConstraintSystem<Fr> cs) {
        Fr key = params.compressedRoundConstant(constantsOffset++);
        Elt e = state[0];
        state[0] = cs.namespace("solitary quintic s-box", c -> quinticSBox(c, e, key));
        productMds(cs);
    }

    /** Which matrix follows round {@code currentRound}: M, P (last initial full round) or sparse S_r. */
    private void productMds(ConstraintSystem<Fr> cs) {
        int half = params.fullRounds() / 2;
        int sparseOffset = half - 1;
        if (currentRound == sparseOffset) {
            productDense(cs, true);
        } else if (currentRound > sparseOffset && currentRound < half + params.partialRounds()) {
            productSparse(cs, currentRound - half);
        } else {
            productDense(cs, false);
        }
        currentRound++;
    }

    /** s'[j] = Σ_i A[i][j]·s[i], A = M or the pre-sparse P. */
    private void productDense(ConstraintSystem<Fr> cs, boolean preSparse) {
        Elt[] out = new Elt[width];
        for (int j = 0; j < width; j++) {
            Accumulator acc = new Accumulator(cs);
            for (int i = 0; i < width; i++) {
                acc.addScaled(state[i], preSparse ? params.preSparse(i, j) : params.mds(i, j));
            }
            out[j] = acc.toElt();
        }
        state = out;
    }

    /** s'[0] = Σ_j ŵ[j]·s[j]; s'[j] = s[j] + v[j−1]·s[0]. */
    private void productSparse(ConstraintSystem<Fr> cs, int round) {
        Elt[] out = new Elt[width];
        Accumulator acc = new Accumulator(cs);
        for (int j = 0; j < width; j++) {
            acc.addScaled(state[j], params.sparseWHat(round, j));
        }
        out[0] = acc.toElt();
        for (int j = 1; j < width; j++) {
            Accumulator sum = new Accumulator(cs);
            sum.addScaled(state[j], Fr.ONE);
            sum.addScaled(state[0], params.sparseVRest(round, j - 1));
            out[j] = sum.toElt();
        }
        state = out;
    }

    /**
     * Σ c_k·e_k built in one linear combination (neptune folds Num::add over scaled Elts; the
     * merged terms are the same, this only avoids copying the partial sums).
     */
    private static final class Accumulator {
        private final LinearCombination<Fr> lc;
        private Fr value = Fr.ZERO;

        Accumulator(ConstraintSystem<Fr> cs) {
            lc = cs.lc();
        }

        void addScaled(Elt e, Fr c) {
            if (e.allocated != null) {
                lc.add(c, e.allocated.variable());
            } else {
                for (int i = 0; i < e.lc.size(); i++) {
                    lc.add(e.lc.coefficient(i).mul(c), e.lc.variable(i));
                }
            }
            value = value == null || e.value == null ? null : value.add(e.value.mul(c));
        }

        Elt toElt() {
            return new Elt(null, lc, value);
        }
    }

    static Fr sbox(Fr x) {
        Fr x2 = x.square();
        return x2.square().mul(x);
    }

    /** neptune {@code quintic_s_box}: allocate the input, x², x⁴, x⁴·x (+ post key); 4 constraints on an lc. */
    private static Elt quinticSBox(ConstraintSystem<Fr> cs, Elt e, Fr post) {
        AllocatedNum<Fr> l = cs.namespace("S-box input", e::ensureAllocated);
        AllocatedNum<Fr> l2 = l.square(cs, () -> "l^2");
        AllocatedNum<Fr> l4 = l2.square(cs, () -> "l^4");
        return Elt.allocated(cs.namespace("(l4 * l) + rk)", c -> mulSum(c, l4, l, null, post)));
    }

    /** neptune {@code quintic_s_box_pre_add}: (x + pre)², its square, x⁴·(x + pre) + post; 3 constraints. */
    private static Elt quinticSBoxPreAdd(ConstraintSystem<Fr> cs, Elt e, Fr pre, Fr post) {
        AllocatedNum<Fr> l = cs.namespace("S-box input", e::ensureAllocated);
        AllocatedNum<Fr> l2 = cs.namespace("(l+rk)^2", c -> squareSum(c, pre, l));
        AllocatedNum<Fr> l4 = l2.square(cs, () -> "l^4");
        return Elt.allocated(cs.namespace("l4 * (l + rk)", c -> mulSum(c, l4, l, pre, post)));
    }

    /** (num + toAdd)²; 1 constraint (neptune {@code square_sum}). */
    private static AllocatedNum<Fr> squareSum(ConstraintSystem<Fr> cs, Fr toAdd, AllocatedNum<Fr> num) {
        AllocatedNum<Fr> res = AllocatedNum.alloc(cs, "squared sum", () -> num.requireValue().add(toAdd).square());
        cs.enforce("squared sum constraint",
                cs.lc().add(num.variable()).add(toAdd, cs.one()),
                cs.lc().add(num.variable()).add(toAdd, cs.one()),
                cs.lc().add(res.variable()));
        return res;
    }

    /** a·(b + pre) + post, pre and post optional; 1 constraint (neptune {@code mul_sum}). */
    private static AllocatedNum<Fr> mulSum(ConstraintSystem<Fr> cs, AllocatedNum<Fr> a, AllocatedNum<Fr> b,
                                           Fr pre, Fr post) {
        AllocatedNum<Fr> res = AllocatedNum.alloc(cs, "mul_sum", () -> {
            Fr t = b.requireValue();
            if (pre != null) {
                t = t.add(pre);
            }
            t = t.mul(a.requireValue());
            return post != null ? t.add(post) : t;
        });
        LinearCombination<Fr> left = cs.lc().add(b.variable());
        if (pre != null) {
            left.add(pre, cs.one());
        }
        LinearCombination<Fr> right = cs.lc().add(res.variable());
        if (post != null) {
            right.add(post.neg(), cs.one());
        }
        String name = post != null
                ? (pre != null ? "mul sum constraint pre-post-add" : "mul sum constraint post-add")
                : (pre != null ? "mul sum constraint pre-add" : "mul sum constraint");
        cs.enforce(name, left, cs.lc().add(a.variable()), right);
        return res;
    }

    /**
     * neptune's {@code Elt}: an allocated number, or a linear combination with its value (null
     * without a witness). Linear combinations are never mutated after construction.
     */
    private static final class Elt {
        final AllocatedNum<Fr> allocated;
        final LinearCombination<Fr> lc;
        final Fr value;

        private Elt(AllocatedNum<Fr> allocated, LinearCombination<Fr> lc, Fr value) {
            this.allocated = allocated;
            this.lc = lc;
            this.value = value;
        }

        static Elt allocated(AllocatedNum<Fr> n) {
            return new Elt(n, null, n.value());
        }

        /** c·ONE, as neptune's {@code num_from_fr}. */
        static Elt constant(ConstraintSystem<Fr> cs, Fr c) {
            return new Elt(null, cs.lc().add(c, cs.one()), c);
        }

        /** neptune {@code ensure_allocated(enforce = true)}: 1 constraint lc·1 = v for a linear combination. */
        AllocatedNum<Fr> ensureAllocated(ConstraintSystem<Fr> cs) {
            if (allocated != null) {
                return allocated;
            }
            Supplier<Fr> v = () -> {
                if (value == null) {
                    throw SynthesisException.assignmentMissing("allocate for Elt::Num");
                }
                return value;
            };
            AllocatedNum<Fr> n = AllocatedNum.alloc(cs, "allocate for Elt::Num", v);
            cs.enforce("enforce num allocation preserves lc", lc.copy(), cs.lc().add(cs.one()), cs.lc().add(n.variable()));
            return n;
        }
    }
}
