package io.filprover.proofs.groth16.params;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.filprover.bls12381.field.Fr;
import io.filprover.proofs.groth16.circuits.SquareChainCircuit;
import io.filprover.proofs.groth16.circuits.XorDemo;
import io.filprover.proofs.r1cs.Circuit;
import io.filprover.proofs.r1cs.FrScalarField;
import io.filprover.proofs.r1cs.LinearCombination;
import io.filprover.proofs.r1cs.Variable;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The flat Fr QAP evaluation equals the generic one (object arithmetic) element by element. */
class FlatQapTest {
    private static void same(Circuit<Fr> circuit, Fr tau, String msg) {
        QapEvaluation<Fr> want = QapEvaluation.evaluate(FrScalarField.INSTANCE, circuit, tau);
        FlatQap got = FlatQap.evaluate(circuit, tau);
        assertEquals(want.numInputs(), got.numInputs, msg);
        assertEquals(want.numAux(), got.numAux, msg);
        assertEquals(want.logM(), got.logM, msg);
        assertEquals(want.zTau(), got.zTau, msg);
        int vars = want.numInputs() + want.numAux();
        assertEquals(4 * vars, got.u.length, msg);
        for (int k = 0; k < vars; k++) {
            assertEquals(want.u().get(k), Fr.fromMontgomeryLimbs(got.u, 4 * k), msg + " u " + k);
            assertEquals(want.v().get(k), Fr.fromMontgomeryLimbs(got.v, 4 * k), msg + " v " + k);
            assertEquals(want.w().get(k), Fr.fromMontgomeryLimbs(got.w, 4 * k), msg + " w " + k);
        }
    }

    /** Random constraints over random linear combinations: coefficients 1, −1 and random, repeated variables. */
    private static Circuit<Fr> random(long seed) {
        return cs -> {
            Random rnd = new Random(seed);
            List<Variable> vars = new ArrayList<>(List.of(Variable.ONE));
            int inputs = 1 + rnd.nextInt(3);
            int aux = 2 + rnd.nextInt(8);
            for (int i = 0; i < inputs; i++) {
                vars.add(cs.allocInput("x" + i, () -> Fr.ONE));
            }
            for (int i = 0; i < aux; i++) {
                vars.add(cs.alloc("a" + i, () -> Fr.ONE));
            }
            int constraints = 1 + rnd.nextInt(20);
            for (int j = 0; j < constraints; j++) {
                cs.enforce("c" + j, lc(cs.lc(), vars, rnd), lc(cs.lc(), vars, rnd), lc(cs.lc(), vars, rnd));
            }
        };
    }

    private static LinearCombination<Fr> lc(LinearCombination<Fr> lc, List<Variable> vars, Random rnd) {
        int terms = rnd.nextInt(4);
        for (int t = 0; t < terms; t++) {
            Variable v = vars.get(rnd.nextInt(vars.size()));
            switch (rnd.nextInt(3)) {
                case 0 -> lc.add(v);
                case 1 -> lc.sub(v);
                default -> lc.add(Fr.random(rnd), v);
            }
        }
        return lc;
    }

    @Test
    void matchesTheGenericEvaluation() {
        long seed = new Random().nextLong();
        Random rnd = new Random(seed);
        same(XorDemo.shape(), Fr.random(rnd), "XorDemo seed " + seed);
        same(new SquareChainCircuit<>(9, 4, null, null), Fr.random(rnd), "square chain seed " + seed);
        for (int i = 0; i < 20; i++) {
            same(random(rnd.nextLong()), Fr.random(rnd), "random circuit " + i + " seed " + seed);
        }
    }
}
