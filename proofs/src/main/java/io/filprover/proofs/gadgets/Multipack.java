package io.filprover.proofs.gadgets;

import io.filprover.proofs.r1cs.ConstraintSystem;
import io.filprover.proofs.r1cs.LinearCombination;
import io.filprover.proofs.r1cs.ScalarField;
import io.filprover.proofs.r1cs.SynthesisException;
import io.filprover.proofs.r1cs.Variable;
import java.util.ArrayList;
import java.util.List;

/**
 * bellman's {@code multipack::pack_into_inputs}: bits (little-endian) are exposed as public inputs,
 * {@link #CAPACITY} bits per input, each with one constraint Σ 2^i·b_i · 1 = input
 * ("input i", "packing constraint i"). Stop-gap like {@link IndexBit}: replace with the shared
 * gadget at merge.
 */
public final class Multipack {
    /** Fr::CAPACITY = NUM_BITS − 1 = 254 for BLS12-381's scalar field. */
    public static final int CAPACITY = 254;

    private Multipack() {
    }

    public static <E> void packIntoInputs(ConstraintSystem<E> cs, List<IndexBit> bits) {
        for (int chunk = 0, start = 0; start < bits.size(); chunk++, start += CAPACITY) {
            List<IndexBit> part = bits.subList(start, Math.min(bits.size(), start + CAPACITY));
            LinearCombination<E> num = cs.lc();
            E coeff = cs.field().one();
            E value = cs.field().zero();
            boolean known = true;
            for (IndexBit bit : part) {
                num.add(bit.lc(cs, coeff));
                if (bit.value() == null) {
                    known = false;
                } else if (bit.value()) {
                    value = cs.field().add(value, coeff);
                }
                coeff = cs.field().add(coeff, coeff);
            }
            int at = chunk;
            E packed = known ? value : null;
            Variable input = cs.allocInput(() -> "input " + at, () -> {
                if (packed == null) {
                    throw SynthesisException.assignmentMissing("input " + at);
                }
                return packed;
            });
            cs.enforce(() -> "packing constraint " + at, num, cs.lc().add(cs.one()), cs.lc().add(input));
        }
    }

    /** The public inputs {@link #packIntoInputs} makes of these bits (bellman {@code compute_multipacking}). */
    public static <E> List<E> computeMultipacking(ScalarField<E> field,
                                                            boolean[] bits) {
        List<E> out = new ArrayList<>();
        for (int start = 0; start < bits.length; start += CAPACITY) {
            E cur = field.zero();
            E coeff = field.one();
            for (int i = start; i < Math.min(bits.length, start + CAPACITY); i++) {
                if (bits[i]) {
                    cur = field.add(cur, coeff);
                }
                coeff = field.add(coeff, coeff);
            }
            out.add(cur);
        }
        return out;
    }
}
