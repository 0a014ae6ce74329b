package io.filprover.proofs.gadgets;

import io.filprover.bls12381.field.Fr;
import io.filprover.proofs.r1cs.ConstraintSystem;
import io.filprover.proofs.r1cs.LinearCombination;
import io.filprover.proofs.r1cs.SynthesisException;
import io.filprover.proofs.r1cs.Variable;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A field element allocated as one variable, with its value when the witness is known (null
 * otherwise), as bellman's {@code num::AllocatedNum}. The constraint counts of the operations are
 * bellman's: each costs exactly the constraints named in its comment, so circuits built from them
 * match upstream constraint for constraint.
 */
public final class AllocatedNum<E> {
    /** r − 1's 256 bits, least significant first: to_bits_le_strict's bound. */
    private static final boolean[] R_MINUS_ONE = new boolean[256];

    static {
        BigInteger rm1 = Fr.MODULUS.subtract(BigInteger.ONE);
        for (int i = 0; i < 256; i++) {
            R_MINUS_ONE[i] = rm1.testBit(i);
        }
    }

    private final Variable variable;
    private final E value;

    public AllocatedNum(Variable variable, E value) {
        this.variable = variable;
        this.value = value;
    }

    /** An aux variable; 0 constraints. */
    public static <E> AllocatedNum<E> alloc(ConstraintSystem<E> cs, Supplier<String> name, Supplier<E> value) {
        E[] held = newHolder();
        Variable v = cs.alloc(name, () -> {
            held[0] = value.get();
            return held[0];
        });
        return new AllocatedNum<>(v, held[0]);
    }

    public static <E> AllocatedNum<E> alloc(ConstraintSystem<E> cs, String name, Supplier<E> value) {
        return alloc(cs, () -> name, value);
    }

    /** A public input equal to this number; 1 constraint (bellman's {@code inputize}). */
    public void inputize(ConstraintSystem<E> cs, Supplier<String> name) {
        cs.pushNamespace(name);
        try {
            Variable input = cs.allocInput("input variable", this::requireValue);
            cs.enforce("enforce input is correct", cs.lc().add(input), cs.lc().add(cs.one()), cs.lc().add(variable));
        } finally {
            cs.popNamespace();
        }
    }

    /** this · other; 1 constraint. */
    public AllocatedNum<E> mul(ConstraintSystem<E> cs, Supplier<String> name, AllocatedNum<E> other) {
        cs.pushNamespace(name);
        try {
            AllocatedNum<E> product = alloc(cs, "product num",
                    () -> cs.field().mul(requireValue(), other.requireValue()));
            cs.enforce("multiplication constraint", cs.lc().add(variable), cs.lc().add(other.variable),
                    cs.lc().add(product.variable));
            return product;
        } finally {
            cs.popNamespace();
        }
    }

    /** this²; 1 constraint. */
    public AllocatedNum<E> square(ConstraintSystem<E> cs, Supplier<String> name) {
        cs.pushNamespace(name);
        try {
            AllocatedNum<E> sq = alloc(cs, "squared num", () -> cs.field().mul(requireValue(), requireValue()));
            cs.enforce("squaring constraint", cs.lc().add(variable), cs.lc().add(variable), cs.lc().add(sq.variable));
            return sq;
        } finally {
            cs.popNamespace();
        }
    }

    /** Enforces this = other; 1 constraint. */
    public void enforceEqual(ConstraintSystem<E> cs, Supplier<String> name, AllocatedNum<E> other) {
        cs.enforce(name, cs.lc().add(variable), cs.lc().add(cs.one()), cs.lc().add(other.variable));
    }

    /**
     * The {@link FrBits#NUM_BITS} bits of the number, least significant first ("bit i" namespaces),
     * and the "unpacking constraint" Σ 2^i·bit_i = num: 256 constraints. As bellman's
     * {@code to_bits_le} it allows the non-canonical representation num + r when that fits in 255 bits.
     */
    public static List<Boolean> toBitsLe(ConstraintSystem<Fr> cs, AllocatedNum<Fr> num) {
        List<AllocatedBit> bits = Boolean.fieldIntoAllocatedBitsLe(cs, num.value);
        LinearCombination<Fr> lc = cs.lc();
        for (int i = 0; i < bits.size(); i++) {
            lc.add(FrBits.pow2(i), bits.get(i).variable());
        }
        lc.sub(num.variable);
        cs.enforce("unpacking constraint", cs.lc(), cs.lc(), lc);
        List<Boolean> out = new ArrayList<>(bits.size());
        for (AllocatedBit b : bits) {
            out.add(Boolean.is(b));
        }
        return out;
    }

    /**
     * The bits of the number, least significant first, constrained to spell an integer at most
     * r − 1 (bellman's {@code to_bits_le_strict}). Walking r − 1 from its top bit: a bit under a one
     * of r − 1 is free; a bit under a zero must be 0 while all higher bits equal r − 1's, which the
     * k-ary AND of each finished run of ones ("run ending at i") with the previous runs tracks.
     * Costs 255 bit constraints, popcount(r − 1) − 1 ANDs and the unpacking constraint.
     */
    public static List<Boolean> toBitsLeStrict(ConstraintSystem<Fr> cs, AllocatedNum<Fr> num) {
        boolean[] a = num.value == null ? null : valueBits256(num.value);
        List<AllocatedBit> result = new ArrayList<>(FrBits.NUM_BITS);
        List<AllocatedBit> currentRun = new ArrayList<>();
        AllocatedBit lastRun = null;
        boolean foundOne = false;
        int i = 0;
        for (int k = 255; k >= 0; k--) {
            java.lang.Boolean aBit = a == null ? null : a[k];
            foundOne |= R_MINUS_ONE[k];
            if (!foundOne) {
                continue;
            }
            int at = i;
            if (R_MINUS_ONE[k]) {
                AllocatedBit bit = cs.namespace(() -> "bit " + at, ns -> AllocatedBit.alloc(ns, aBit));
                currentRun.add(bit);
                result.add(bit);
            } else {
                if (!currentRun.isEmpty()) {
                    if (lastRun != null) {
                        currentRun.add(lastRun);
                    }
                    List<AllocatedBit> run = List.copyOf(currentRun);
                    lastRun = cs.namespace(() -> "run ending at " + at, ns -> karyAnd(ns, run));
                    currentRun.clear();
                }
                AllocatedBit mustBeFalse = lastRun;
                result.add(cs.namespace(() -> "bit " + at,
                        ns -> AllocatedBit.allocConditionally(ns, aBit, mustBeFalse)));
            }
            i++;
        }
        // r is odd, so r − 1 ends in a zero and every run has been closed
        if (!currentRun.isEmpty()) {
            throw new IllegalStateException("r - 1 ends in a run of ones");
        }
        LinearCombination<Fr> lc = cs.lc();
        for (int j = 0; j < result.size(); j++) {
            lc.add(FrBits.pow2(j), result.get(result.size() - 1 - j).variable());
        }
        lc.sub(num.variable);
        cs.enforce("unpacking constraint", cs.lc(), cs.lc(), lc);
        List<Boolean> out = new ArrayList<>(result.size());
        for (int j = result.size() - 1; j >= 0; j--) {
            out.add(Boolean.is(result.get(j)));
        }
        return out;
    }

    /** v[0] ∧ v[1] ∧ …, one "and i" per further operand. */
    private static AllocatedBit karyAnd(ConstraintSystem<Fr> cs, List<AllocatedBit> v) {
        AllocatedBit cur = v.get(0);
        for (int i = 1; i < v.size(); i++) {
            int at = i;
            AllocatedBit left = cur;
            cur = cs.namespace(() -> "and " + at, ns -> AllocatedBit.and(ns, left, v.get(at)));
        }
        return cur;
    }

    private static boolean[] valueBits256(Fr value) {
        long[] limbs = value.canonicalLimbs();
        boolean[] bits = new boolean[256];
        for (int i = 0; i < 256; i++) {
            bits[i] = ((limbs[i >>> 6] >>> (i & 63)) & 1) != 0;
        }
        return bits;
    }

    public Variable variable() {
        return variable;
    }

    /** The value, or null when the system runs without a witness. */
    public E value() {
        return value;
    }

    /** 1·this as a fresh linear combination. */
    public LinearCombination<E> lc(ConstraintSystem<E> cs) {
        return cs.lc().add(variable);
    }

    /** The value, for value suppliers (which run only when the witness is known). */
    public E requireValue() {
        if (value == null) {
            throw new SynthesisException("assignment missing for " + variable);
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private static <E> E[] newHolder() {
        return (E[]) new Object[1];
    }
}
