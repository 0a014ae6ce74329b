package io.filprover.proofs.gadgets;

import io.filprover.bls12381.field.Fr;
import io.filprover.proofs.r1cs.ConstraintSystem;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * 64 booleans read as an unsigned integer (storage-proofs-core gadgets/uint64.rs {@code UInt64}):
 * the stacked circuit's challenged node index, allocated bit by bit (one booleanity constraint each)
 * so that the labeling gadget can hash its big-endian bits and the index can be packed into one
 * public input.
 */
public final class UInt64 {
    private final List<Boolean> bits; // least significant first
    private final Long value;

    private UInt64(List<Boolean> bits, Long value) {
        this.bits = List.copyOf(bits);
        this.value = value;
    }

    public static UInt64 constant(long value) {
        List<Boolean> bits = new ArrayList<>(64);
        for (int i = 0; i < 64; i++) {
            bits.add(Boolean.constant(((value >>> i) & 1) != 0));
        }
        return new UInt64(bits, value);
    }

    /** 64 allocated bits in namespaces "allocated bit i" (64 constraints); null value without a witness. */
    public static UInt64 alloc(ConstraintSystem<Fr> cs, Long value) {
        List<Boolean> bits = new ArrayList<>(64);
        for (int i = 0; i < 64; i++) {
            int at = i;
            java.lang.Boolean b = value == null ? null : ((value >>> i) & 1) != 0;
            bits.add(Boolean.is(cs.namespace(() -> "allocated bit " + at, ns -> AllocatedBit.alloc(ns, b))));
        }
        return new UInt64(bits, value);
    }

    /** The value, or null without a witness. */
    public Long value() {
        return value;
    }

    /** The bits, least significant first. */
    public List<Boolean> toBitsLe() {
        return bits;
    }

    /** The bits, most significant first. */
    public List<Boolean> toBitsBe() {
        List<Boolean> be = new ArrayList<>(bits);
        Collections.reverse(be);
        return be;
    }

    /** One public input "input 0" with its "packing constraint 0" (multipack::pack_into_inputs of the 64 bits). */
    public void packIntoInput(ConstraintSystem<Fr> cs) {
        Multipack.packIntoInputs(cs, bits);
    }
}
