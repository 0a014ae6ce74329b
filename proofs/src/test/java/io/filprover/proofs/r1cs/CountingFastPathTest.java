package io.filprover.proofs.r1cs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.filprover.api.ApiVersion;
import io.filprover.bls12381.field.Fr;
import io.filprover.proofs.gadgets.MultiEq;
import io.filprover.proofs.groth16.prover.ProvingAssignment;
import io.filprover.proofs.merkle.circuit.PorCircuit;
import io.filprover.proofs.porep.circuit.StackedCompound;
import io.filprover.proofs.porep.circuit.StackedConfig;
import io.filprover.proofs.post.circuit.FallbackPoStCompound;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * {@link CountingConstraintSystem} hands out discarding linear combinations, so gadgets skip the
 * term arithmetic when only counting. This checks the shortcut changes nothing but the terms: the
 * same circuit synthesised with kept and with discarded combinations makes the same alloc,
 * allocInput, enforce and namespace calls in the same order, and the counts equal the counting
 * system's (the gadget and circuit tests compare those with {@link TestConstraintSystem}'s).
 */
class CountingFastPathTest {
    /** Records the call sequence as a hash; {@code discard} picks the kind of {@link #lc()}. */
    static final class TraceSystem implements ConstraintSystem<Fr> {
        final boolean discard;
        final LinearCombination<Fr> discarding = LinearCombination.discarding(FrScalarField.INSTANCE);
        long trace = 17;
        long inputs = 1;
        long aux;
        long constraints;
        /** Enforce operands with terms although discarding: combinations a gadget built itself. */
        long builtOperands;

        TraceSystem(boolean discard) {
            this.discard = discard;
        }

        private void record(long op) {
            trace = trace * 1_000_003 + op;
        }

        @Override
        public ScalarField<Fr> field() {
            return FrScalarField.INSTANCE;
        }

        @Override
        public LinearCombination<Fr> lc() {
            return discard ? discarding : new LinearCombination<>(field());
        }

        @Override
        public boolean keepsConstraints() {
            return !discard;
        }

        @Override
        public boolean needsWitness() {
            return false;
        }

        @Override
        public Variable alloc(Supplier<String> name, Supplier<Fr> value) {
            record(1);
            return Variable.aux(Math.toIntExact(aux++));
        }

        @Override
        public Variable allocInput(Supplier<String> name, Supplier<Fr> value) {
            record(2);
            return Variable.input(Math.toIntExact(inputs++));
        }

        @Override
        public void enforce(Supplier<String> name, LinearCombination<Fr> a, LinearCombination<Fr> b,
                            LinearCombination<Fr> c) {
            record(3);
            constraints++;
            for (LinearCombination<Fr> lc : List.of(a, b, c)) {
                if (discard && lc.size() > 0) {
                    builtOperands++;
                }
            }
        }

        @Override
        public void pushNamespace(Supplier<String> name) {
            record(4);
        }

        @Override
        public void popNamespace() {
            record(5);
        }
    }

    private static void sameShape(String what, Circuit<Fr> circuit) {
        TraceSystem kept = new TraceSystem(false);
        circuit.synthesize(kept);
        TraceSystem discarded = new TraceSystem(true);
        circuit.synthesize(discarded);
        CountingConstraintSystem<Fr> counting = CountingConstraintSystem.count(FrScalarField.INSTANCE, circuit);
        assertEquals(kept.trace, discarded.trace, what + ": call sequence");
        assertEquals(kept.constraints, discarded.constraints, what);
        assertEquals(kept.constraints, counting.numConstraints(), what);
        assertEquals(kept.inputs, counting.numInputs(), what);
        assertEquals(kept.aux, counting.numAux(), what);
        System.out.printf("%s: %,d constraints, %,d operands built while discarding%n", what, kept.constraints,
                discarded.builtOperands);
    }

    private static final List<PorCircuit.Shape> SHAPES = List.of(new PorCircuit.Shape(8, 0, 0),
            new PorCircuit.Shape(8, 4, 0), new PorCircuit.Shape(8, 4, 2), new PorCircuit.Shape(2, 0, 0));

    @Test
    void randomSmallPoRepCircuitHasTheSameShapeWithAndWithoutTheFastPath() {
        long seed = new Random().nextLong();
        Random rnd = new Random(seed);
        PorCircuit.Shape shape = SHAPES.get(rnd.nextInt(SHAPES.size()));
        // 2 layers: column hashes exist for 2 and 11
        StackedConfig cfg = new StackedConfig(shape, 8L * shape.baseTreeCount(), 2, 1 + rnd.nextInt(2));
        sameShape("seed " + seed + ", PoRep " + cfg, StackedCompound.blankCircuit(cfg));
    }

    @Test
    void randomSmallPoStCircuitHasTheSameShapeWithAndWithoutTheFastPath() {
        long seed = new Random().nextLong();
        Random rnd = new Random(seed);
        PorCircuit.Shape shape = SHAPES.get(rnd.nextInt(SHAPES.size() - 1)); // PoSt trees are arity 8
        FallbackPoStCompound.PublicParams pp = new FallbackPoStCompound.PublicParams(shape,
                8L * shape.baseTreeCount(), 1 + rnd.nextInt(3), 1 + rnd.nextInt(3), ApiVersion.V1_1_0);
        sameShape("seed " + seed + ", PoSt " + pp, FallbackPoStCompound.blankCircuit(pp));
    }

    @Test
    void onlyTheCountingSystemDiscards() {
        CountingConstraintSystem<Fr> counting = new CountingConstraintSystem<>(FrScalarField.INSTANCE);
        assertFalse(counting.keepsConstraints());
        LinearCombination<Fr> lc = counting.lc();
        assertTrue(lc.isDiscarding());
        lc.add(Variable.ONE).add(Fr.fromLong(5), Variable.aux(3)).sub(Variable.aux(4))
                .add(Fr.fromLong(2), new LinearCombination<>(FrScalarField.INSTANCE).add(Variable.aux(1)));
        assertEquals(0, lc.size(), "a discarding combination stays empty");
        assertSame(lc, lc.copy());
        try (MultiEq multiEq = new MultiEq(counting)) {
            assertTrue(multiEq.lc().isDiscarding(), "MultiEq passes its system's combinations through");
            assertFalse(multiEq.keepsConstraints());
        }

        TestConstraintSystem<Fr> test = new TestConstraintSystem<>(FrScalarField.INSTANCE);
        assertTrue(test.keepsConstraints());
        assertFalse(test.lc().isDiscarding());
        try (MultiEq multiEq = new MultiEq(test)) {
            assertFalse(multiEq.lc().isDiscarding());
        }
        assertTrue(ProvingAssignment.synthesize(FrScalarField.INSTANCE, cs -> { }).keepsConstraints());
        assertEquals(1, new LinearCombination<>(FrScalarField.INSTANCE).add(Variable.ONE).size());
    }
}
