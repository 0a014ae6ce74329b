package io.filprover.proofs.groth16;

import io.filprover.bls12381.field.Fr;
import io.filprover.proofs.r1cs.Circuit;
import io.filprover.proofs.r1cs.ConstraintSystem;
import io.filprover.proofs.r1cs.FrScalarField;
import io.filprover.proofs.r1cs.LinearCombination;
import io.filprover.proofs.r1cs.TestConstraintSystem;
import io.filprover.proofs.r1cs.Variable;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;

/**
 * A random satisfiable R1CS for tests: random public inputs and free witnesses, then constraints
 * A·B = k·z + D with random sparse A, B, D over earlier variables (inputs and ONE included) and a
 * fresh witness z = (A·B − D)/k. The shape depends only on the structure seed; the witness on the
 * value seed (null: no witness, for parameter generation). Every free witness occurs in some A.
 */
final class RandomCircuit implements Circuit<Fr> {
    private final long structureSeed;
    private final int inputs;
    private final int free;
    private final int constraints;
    private final Long valueSeed;

    RandomCircuit(long structureSeed, int inputs, int free, int constraints, Long valueSeed) {
        if (constraints < free) {
            throw new IllegalArgumentException("every free witness needs a constraint");
        }
        this.structureSeed = structureSeed;
        this.inputs = inputs;
        this.free = free;
        this.constraints = constraints;
        this.valueSeed = valueSeed;
    }

    RandomCircuit withValues(long seed) {
        return new RandomCircuit(structureSeed, inputs, free, constraints, seed);
    }

    RandomCircuit shape() {
        return new RandomCircuit(structureSeed, inputs, free, constraints, null);
    }

    /** x_1 … x_ℓ of this witness. */
    List<Fr> publicInputs() {
        TestConstraintSystem<Fr> cs = new TestConstraintSystem<>(FrScalarField.INSTANCE);
        synthesize(cs);
        if (!cs.isSatisfied()) {
            throw new IllegalStateException("random circuit unsatisfied at " + cs.whichIsUnsatisfied());
        }
        return cs.publicInputs();
    }

    @Override
    public void synthesize(ConstraintSystem<Fr> cs) {
        Random st = new Random(structureSeed);
        Random vr = valueSeed == null ? null : new Random(valueSeed);
        List<Variable> vars = new ArrayList<>();
        List<Fr> vals = new ArrayList<>();
        vars.add(cs.one());
        vals.add(Fr.ONE);
        for (int i = 0; i < inputs; i++) {
            Fr x = vr == null ? null : Fr.random(vr);
            vars.add(cs.allocInput("in" + i, () -> x));
            vals.add(x);
        }
        Deque<Variable> unused = new ArrayDeque<>();
        for (int i = 0; i < free; i++) {
            Fr x = vr == null ? null : Fr.random(vr);
            Variable v = cs.alloc("free" + i, () -> x);
            vars.add(v);
            vals.add(x);
            unused.add(v);
        }
        cs.pushNamespace("constraints");
        for (int j = 0; j < constraints; j++) {
            LinearCombination<Fr> a = randomLc(cs, st, vars, 1 + st.nextInt(3));
            if (!unused.isEmpty()) {
                a.add(nonZero(st), unused.poll()); // a random coefficient cannot cancel a small one
            }
            LinearCombination<Fr> b = randomLc(cs, st, vars, st.nextInt(4));
            LinearCombination<Fr> d = randomLc(cs, st, vars, st.nextInt(3));
            Fr k = coefficient(st);
            Fr z = vr == null ? null : eval(a, vars, vals).mul(eval(b, vars, vals)).sub(eval(d, vars, vals)).mul(k.inverse());
            Variable zv = cs.alloc("z" + j, () -> z);
            vars.add(zv);
            vals.add(z);
            cs.enforce("c" + j, a, b, cs.lc().add(k, zv).add(d));
        }
        cs.popNamespace();
    }

    private static LinearCombination<Fr> randomLc(ConstraintSystem<Fr> cs, Random st, List<Variable> vars, int terms) {
        LinearCombination<Fr> lc = cs.lc();
        for (int t = 0; t < terms; t++) {
            lc.add(coefficient(st), vars.get(st.nextInt(vars.size())));
        }
        return lc;
    }

    /** Small coefficients (±1, 2) half of the time, like real circuits; random ones otherwise. */
    private static Fr coefficient(Random st) {
        switch (st.nextInt(6)) {
            case 0: return Fr.ONE;
            case 1: return Fr.ONE.neg();
            case 2: return Fr.fromLong(2);
            default: return nonZero(st);
        }
    }

    private static Fr nonZero(Random st) {
        Fr c;
        do {
            c = Fr.random(st);
        } while (c.isZero());
        return c;
    }

    private static Fr eval(LinearCombination<Fr> lc, List<Variable> vars, List<Fr> vals) {
        Fr acc = Fr.ZERO;
        for (int i = 0; i < lc.size(); i++) {
            acc = acc.add(lc.coefficient(i).mul(vals.get(vars.indexOf(lc.variable(i)))));
        }
        return acc;
    }

    @Override
    public String toString() {
        return "RandomCircuit[structure=" + structureSeed + ", inputs=" + inputs + ", free=" + free + ", constraints="
                + constraints + ", values=" + valueSeed + "]";
    }
}
