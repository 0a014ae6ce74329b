package io.filprover.proofs.groth16.circuits;

import io.filprover.proofs.r1cs.Circuit;
import io.filprover.proofs.r1cs.ConstraintSystem;
import io.filprover.proofs.r1cs.ScalarField;
import io.filprover.proofs.r1cs.Variable;

import java.util.ArrayList;
import java.util.List;

/**
 * A synthetic benchmark circuit, the shape of the snarkjs peer circuit: a chain
 * x_{i+1} = x_i² + c over {@code steps} constraints from a private start x_0, with the constant c
 * and x_{k·stride} (k = 1 … publicInputs−2, stride = steps/(publicInputs−1)) and x_steps exposed as public inputs (the last one is the
 * chain's end). One constraint per step: x_i·x_i = x_{i+1} − c.
 */
public final class SquareChainCircuit<E> implements Circuit<E> {
    private final int steps;
    private final int publicInputs;
    private final E start;
    private final E constant;

    /**
     * @param steps        chain length (= constraints of the circuit), ≥ 1
     * @param publicInputs how many public inputs (≥ 2: c and the final value)
     * @param start        x_0, or null for a shape-only circuit
     * @param constant     c, or null for a shape-only circuit
     */
    public SquareChainCircuit(int steps, int publicInputs, E start, E constant) {
        if (steps < 1 || publicInputs < 2 || publicInputs - 1 > steps) {
            throw new IllegalArgumentException("need steps ≥ 1 and 2 ≤ publicInputs ≤ steps + 1");
        }
        this.steps = steps;
        this.publicInputs = publicInputs;
        this.start = start;
        this.constant = constant;
    }

    /** The values x_1 … x_steps (for computing the expected public inputs). */
    public static <E> List<E> chain(ScalarField<E> f, E start, E constant, int steps) {
        List<E> xs = new ArrayList<>(steps);
        E x = start;
        for (int i = 0; i < steps; i++) {
            x = f.add(f.mul(x, x), constant);
            xs.add(x);
        }
        return xs;
    }

    /** The public inputs this circuit exposes for (start, constant): c, then the exposed chain values. */
    public List<E> publicInputs(ScalarField<E> f) {
        List<E> xs = chain(f, start, constant, steps);
        List<E> out = new ArrayList<>();
        out.add(constant);
        for (int i = 1; i <= steps; i++) {
            if (exposed(i)) {
                out.add(xs.get(i - 1));
            }
        }
        return out;
    }

    /** Whether x_i (1-based) is a public input: every stride-th value, ending with x_steps. */
    private boolean exposed(int i) {
        int stride = steps / (publicInputs - 1);
        return i == steps || i % stride == 0 && i / stride <= publicInputs - 2;
    }

    @Override
    public void synthesize(ConstraintSystem<E> cs) {
        ScalarField<E> f = cs.field();
        boolean known = start != null && constant != null;
        Variable c = cs.allocInput("c", () -> constant);
        Variable x = cs.alloc("x0", () -> start);
        E value = start;
        for (int i = 1; i <= steps; i++) {
            E next = known ? f.add(f.mul(value, value), constant) : null;
            Variable nx = exposed(i) ? cs.allocInput("x" + i, () -> next) : cs.alloc("x" + i, () -> next);
            cs.enforce("step" + i, cs.lc().add(x), cs.lc().add(x), cs.lc().add(nx).sub(c));
            x = nx;
            value = next;
        }
    }
}
