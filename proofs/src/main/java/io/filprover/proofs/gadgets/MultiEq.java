package io.filprover.proofs.gadgets;

import io.filprover.bls12381.field.Fr;
import io.filprover.proofs.r1cs.ConstraintSystem;
import io.filprover.proofs.r1cs.LinearCombination;
import io.filprover.proofs.r1cs.ScalarField;
import io.filprover.proofs.r1cs.Variable;
import java.util.function.Supplier;

/**
 * Batches equalities of small integers into few constraints, as bellman's {@code multieq::MultiEq}:
 * each lhs = rhs of at most numBits bits is shifted by the bits already used and added to a running
 * pair, and a pair is enforced ("multieq i": lhs·1 = rhs) once the next one would exceed
 * {@link FrBits#CAPACITY} bits. Everything else passes through to the wrapped system.
 *
 * <p>bellman flushes the last pair when the MultiEq is dropped; here {@link #close()} does, so use
 * it in try-with-resources around exactly the code bellman's MultiEq lives over.
 */
public final class MultiEq implements ConstraintSystem<Fr>, AutoCloseable {
    private final ConstraintSystem<Fr> cs;
    private int ops;
    private int bitsUsed;
    private LinearCombination<Fr> lhs;
    private LinearCombination<Fr> rhs;

    public MultiEq(ConstraintSystem<Fr> cs) {
        this.cs = cs;
        this.lhs = cs.lc();
        this.rhs = cs.lc();
    }

    /** Enforces lhs = rhs, both integers below 2^numBits, in the current batch. */
    public void enforceEqual(int numBits, LinearCombination<Fr> lhs, LinearCombination<Fr> rhs) {
        if (FrBits.CAPACITY <= bitsUsed + numBits) {
            accumulate();
        }
        if (FrBits.CAPACITY <= bitsUsed + numBits) {
            throw new IllegalArgumentException(numBits + " bits do not fit in one constraint");
        }
        Fr coeff = FrBits.pow2(bitsUsed);
        this.lhs.add(coeff, lhs);
        this.rhs.add(coeff, rhs);
        bitsUsed += numBits;
    }

    private void accumulate() {
        int at = ops;
        cs.enforce(() -> "multieq " + at, lhs, cs.lc().add(cs.one()), rhs);
        lhs = cs.lc();
        rhs = cs.lc();
        bitsUsed = 0;
        ops++;
    }

    /** Enforces the pending batch, if any (bellman's Drop). */
    @Override
    public void close() {
        if (bitsUsed > 0) {
            accumulate();
        }
    }

    @Override
    public ScalarField<Fr> field() {
        return cs.field();
    }

    @Override
    public Variable one() {
        return cs.one();
    }

    @Override
    public boolean needsWitness() {
        return cs.needsWitness();
    }

    /** The wrapped system's kind of combination (a discarding one when it only counts). */
    @Override
    public LinearCombination<Fr> lc() {
        return cs.lc();
    }

    @Override
    public boolean keepsConstraints() {
        return cs.keepsConstraints();
    }

    @Override
    public Variable alloc(Supplier<String> name, Supplier<Fr> value) {
        return cs.alloc(name, value);
    }

    @Override
    public Variable allocInput(Supplier<String> name, Supplier<Fr> value) {
        return cs.allocInput(name, value);
    }

    @Override
    public void enforce(Supplier<String> name, LinearCombination<Fr> a, LinearCombination<Fr> b,
                        LinearCombination<Fr> c) {
        cs.enforce(name, a, b, c);
    }

    @Override
    public void pushNamespace(Supplier<String> name) {
        cs.pushNamespace(name);
    }

    @Override
    public void popNamespace() {
        cs.popNamespace();
    }
}
