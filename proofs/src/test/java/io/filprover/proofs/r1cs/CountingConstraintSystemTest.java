package io.filprover.proofs.r1cs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.filprover.bls12381.field.Fr;
import io.filprover.proofs.groth16.prover.ProvingAssignment;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CountingConstraintSystemTest {
    /** A random chain: x_{k+1} = x_k · y_k + c_k, with the final value public. */
    private static Circuit<Fr> chain(long seed, int length, AtomicInteger namesBuilt, AtomicInteger valuesAsked) {
        return cs -> {
            Random rnd = new Random(seed);
            Fr[] value = {Fr.fromLong(rnd.nextInt(1000) + 1)};
            Variable x = cs.alloc(() -> { namesBuilt.incrementAndGet(); return "x0"; },
                    () -> { valuesAsked.incrementAndGet(); return value[0]; });
            for (int k = 0; k < length; k++) {
                int at = k;
                Fr y = Fr.fromLong(rnd.nextInt(1000) + 2);
                Fr c = Fr.fromLong(rnd.nextInt(1000));
                Variable yv = cs.alloc(() -> { namesBuilt.incrementAndGet(); return "y" + at; },
                        () -> { valuesAsked.incrementAndGet(); return y; });
                Fr next = value[0].mul(y).add(c);
                Variable xn = cs.alloc(() -> { namesBuilt.incrementAndGet(); return "x" + (at + 1); },
                        () -> { valuesAsked.incrementAndGet(); return next; });
                cs.enforce(() -> { namesBuilt.incrementAndGet(); return "step" + at; },
                        cs.lc().add(x), cs.lc().add(yv), cs.lc().add(xn).sub(c, cs.one()));
                value[0] = next;
                x = xn;
            }
            Fr out = value[0];
            Variable pub = cs.allocInput("out", () -> out);
            cs.enforce("out equals", cs.lc().add(x), cs.lc().add(cs.one()), cs.lc().add(pub));
        };
    }

    @Test
    void countsEqualTheTestSystemsAndBuildNoNamesAndAskNoValues() {
        long seed = new Random().nextLong();
        int length = 50 + new Random(seed).nextInt(50);
        AtomicInteger names = new AtomicInteger();
        AtomicInteger values = new AtomicInteger();
        TestConstraintSystem<Fr> test = new TestConstraintSystem<>(FrScalarField.INSTANCE);
        chain(seed, length, names, values).synthesize(test);
        assertTrue(test.isSatisfied(), "seed " + seed);
        assertEquals(3 * length + 1, names.get(), "the test system builds every name");

        names.set(0);
        values.set(0);
        CountingConstraintSystem<Fr> counting =
                CountingConstraintSystem.count(FrScalarField.INSTANCE, chain(seed, length, names, values));
        assertEquals(test.numConstraints(), counting.numConstraints());
        assertEquals(test.numInputs(), counting.numInputs());
        assertEquals(test.numAux(), counting.numAux());
        assertEquals(length + 1, counting.numConstraints());
        assertEquals(0, names.get(), "counting builds no names");
        assertEquals(0, values.get(), "counting asks for no witness");
        assertFalse(counting.needsWitness());

        ProvingAssignment<Fr> proving =
                ProvingAssignment.synthesize(FrScalarField.INSTANCE, chain(seed, length, names, values));
        assertEquals(0, names.get(), "proving builds no names");
        assertEquals(test.numAux(), proving.numAux());
        // the prover appends one constraint per input, ONE included
        assertEquals(test.numConstraints() + test.numInputs(), proving.numConstraints());
    }
}
