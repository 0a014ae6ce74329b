package io.filprover.proofs.groth16.circuits;

import io.filprover.proofs.r1cs.Circuit;
import io.filprover.proofs.r1cs.ConstraintSystem;
import io.filprover.proofs.r1cs.ScalarField;
import io.filprover.proofs.r1cs.Variable;

/**
 * bellperson's XorDemo test circuit (tests/groth16.rs; docs/spec/test-vectors-poseidon-groth16.md §4): aux
 * bits a, b, public input c = a XOR b.
 * <pre>
 * (1 − a)·a = 0;  (1 − b)·b = 0;  (2a)·b = a + b − c
 * </pre>
 * Null bits mean "no witness" (parameter generation).
 */
public final class XorDemo<E> implements Circuit<E> {
    private final Boolean a;
    private final Boolean b;

    public XorDemo(Boolean a, Boolean b) {
        this.a = a;
        this.b = b;
    }

    /** The shape only, for parameter generation. */
    public static <E> XorDemo<E> shape() {
        return new XorDemo<>(null, null);
    }

    @Override
    public void synthesize(ConstraintSystem<E> cs) {
        ScalarField<E> f = cs.field();
        Variable av = cs.alloc("a", () -> a == null ? null : (a ? f.one() : f.zero()));
        cs.enforce("a_boolean_constraint", cs.lc().add(cs.one()).sub(av), cs.lc().add(av), cs.lc());
        Variable bv = cs.alloc("b", () -> b == null ? null : (b ? f.one() : f.zero()));
        cs.enforce("b_boolean_constraint", cs.lc().add(cs.one()).sub(bv), cs.lc().add(bv), cs.lc());
        Variable cv = cs.allocInput("c", () -> a == null || b == null ? null : (a ^ b ? f.one() : f.zero()));
        cs.enforce("c_xor_constraint", cs.lc().add(av).add(av), cs.lc().add(bv), cs.lc().add(av).add(bv).sub(cv));
    }
}
