package io.filprover.proofs.r1cs;

/**
 * A variable of a constraint system: an input (public, index 0 is the implicit ONE) or an aux
 * (private witness) variable, numbered in allocation order within its kind.
 */
public record Variable(boolean isInput, int index) {
    /** The constant-one input x_0, allocated before synthesis. */
    public static final Variable ONE = new Variable(true, 0);

    public Variable {
        if (index < 0) {
            throw new IllegalArgumentException("negative variable index " + index);
        }
    }

    public static Variable input(int index) {
        return new Variable(true, index);
    }

    public static Variable aux(int index) {
        return new Variable(false, index);
    }

    /** A compact key: inputs and aux variables never collide. */
    long key() {
        return isInput ? (1L << 32) | index : index;
    }

    @Override
    public String toString() {
        return (isInput ? "input" : "aux") + "[" + index + "]";
    }
}
