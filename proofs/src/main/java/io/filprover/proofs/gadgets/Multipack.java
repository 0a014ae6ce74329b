package io.filprover.proofs.gadgets;

import io.filprover.bls12381.field.Fr;
import io.filprover.proofs.r1cs.ConstraintSystem;
import io.filprover.proofs.r1cs.LinearCombination;
import io.filprover.proofs.r1cs.SynthesisException;
import io.filprover.proofs.r1cs.Variable;
import java.util.ArrayList;
import java.util.List;

/**
 * Packing bits into field elements, as bellman's {@code multipack}: {@link FrBits#CAPACITY} bits
 * per element, least significant first, so no packed value can wrap around r.
 */
public final class Multipack {
    private Multipack() {
    }

    /** Each byte's bits, most significant first (bellman's {@code bytes_to_bits}). */
    public static boolean[] bytesToBits(byte[] bytes) {
        boolean[] bits = new boolean[bytes.length * 8];
        for (int i = 0; i < bytes.length; i++) {
            for (int j = 0; j < 8; j++) {
                bits[8 * i + j] = ((bytes[i] >> (7 - j)) & 1) != 0;
            }
        }
        return bits;
    }

    /** Each byte's bits, least significant first (bellman's {@code bytes_to_bits_le}). */
    public static boolean[] bytesToBitsLe(byte[] bytes) {
        boolean[] bits = new boolean[bytes.length * 8];
        for (int i = 0; i < bytes.length; i++) {
            for (int j = 0; j < 8; j++) {
                bits[8 * i + j] = ((bytes[i] >> j) & 1) != 0;
            }
        }
        return bits;
    }

    /** The public inputs {@link #packIntoInputs} allocates for these bits, computed outside a circuit. */
    public static List<Fr> computeMultipacking(boolean[] bits) {
        List<Fr> out = new ArrayList<>();
        for (int start = 0; start < bits.length; start += FrBits.CAPACITY) {
            Fr cur = Fr.ZERO;
            for (int j = 0; j < FrBits.CAPACITY && start + j < bits.length; j++) {
                if (bits[start + j]) {
                    cur = cur.add(FrBits.pow2(j));
                }
            }
            out.add(cur);
        }
        return out;
    }

    /** Exposes the bits as public inputs "input i", one "packing constraint i" per CAPACITY-bit chunk. */
    public static void packIntoInputs(ConstraintSystem<Fr> cs, List<Boolean> bits) {
        Variable one = cs.one();
        for (int start = 0, i = 0; start < bits.size(); start += FrBits.CAPACITY, i++) {
            Num num = Num.zero();
            List<Boolean> chunk = bits.subList(start, Math.min(bits.size(), start + FrBits.CAPACITY));
            for (int j = 0; j < chunk.size(); j++) {
                num.addBoolWithCoeff(one, chunk.get(j), FrBits.pow2(j));
            }
            int at = i;
            Variable input = cs.allocInput(() -> "input " + at, () -> required(num.value(), "input " + at));
            cs.enforce(() -> "packing constraint " + at, num.lc(Fr.ONE), cs.lc().add(one), cs.lc().add(input));
        }
    }

    /**
     * The first CAPACITY bits as one allocated number (bellman's {@code pack_bits}): a "num" in
     * namespace "input" and one "packing constraint"; further bits are ignored.
     */
    public static AllocatedNum<Fr> packBits(ConstraintSystem<Fr> cs, List<Boolean> bits) {
        Variable one = cs.one();
        Num num = Num.zero();
        for (int j = 0; j < bits.size() && j < FrBits.CAPACITY; j++) {
            num.addBoolWithCoeff(one, bits.get(j), FrBits.pow2(j));
        }
        AllocatedNum<Fr> packed = cs.namespace("input",
                ns -> AllocatedNum.alloc(ns, "num", () -> required(num.value(), "num")));
        cs.enforce("packing constraint", num.lc(Fr.ONE), cs.lc().add(one), cs.lc().add(packed.variable()));
        return packed;
    }

    /**
     * {@link #packIntoInputs} for allocated index bits over any field (the PoR circuit's challenge
     * path): the same inputs and constraints.
     */
    public static <E> void packIndexBitsIntoInputs(ConstraintSystem<E> cs, List<IndexBit> bits) {
        for (int chunk = 0, start = 0; start < bits.size(); chunk++, start += FrBits.CAPACITY) {
            List<IndexBit> part = bits.subList(start, Math.min(bits.size(), start + FrBits.CAPACITY));
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

    private static Fr required(Fr value, String name) {
        if (value == null) {
            throw SynthesisException.assignmentMissing(name);
        }
        return value;
    }
}
