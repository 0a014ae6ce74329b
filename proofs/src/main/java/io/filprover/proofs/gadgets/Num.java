package io.filprover.proofs.gadgets;

import io.filprover.bls12381.field.Fr;
import io.filprover.proofs.r1cs.FrScalarField;
import io.filprover.proofs.r1cs.LinearCombination;
import io.filprover.proofs.r1cs.Variable;

/**
 * A linear combination with its value, as bellman's {@code num::Num}: sums of weighted bits that
 * cost no constraint until something enforces them. Mutable, like {@link LinearCombination}: each
 * builder call changes and returns this object (bellman's consume-and-return).
 */
public final class Num {
    private Fr value;
    private LinearCombination<Fr> lc;

    private Num(Fr value, LinearCombination<Fr> lc) {
        this.value = value;
        this.lc = lc;
    }

    /** 0, with value 0. */
    public static Num zero() {
        return new Num(Fr.ZERO, new LinearCombination<>(FrScalarField.INSTANCE));
    }

    /** 1·num. */
    public static Num of(AllocatedNum<Fr> num) {
        return new Num(num.value(), new LinearCombination<>(FrScalarField.INSTANCE).add(num.variable()));
    }

    /** The value, or null when some part has none. */
    public Fr value() {
        return value;
    }

    /** coeff·this as a fresh linear combination. */
    public LinearCombination<Fr> lc(Fr coeff) {
        return new LinearCombination<>(FrScalarField.INSTANCE).add(coeff, lc);
    }

    /** this + coeff·bit. */
    public Num addBoolWithCoeff(Variable one, Boolean bit, Fr coeff) {
        java.lang.Boolean b = bit.value();
        value = value == null || b == null ? null : b ? value.add(coeff) : value;
        lc.add(bit.lc(one, coeff));
        return this;
    }

    /** this + other; as bellman, a value missing on one side takes the other side's. */
    public Num add(Num other) {
        lc.add(other.lc);
        value = value == null ? other.value : other.value == null ? value : value.add(other.value);
        return this;
    }

    /** scalar·this. */
    public Num scale(Fr scalar) {
        lc = lc(scalar);
        value = value == null ? null : value.mul(scalar);
        return this;
    }
}
