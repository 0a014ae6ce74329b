package io.filprover.proofs.groth16;

import io.filprover.proofs.TestJobs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.filprover.proofs.groth16.circuits.XorDemo;
import io.filprover.proofs.groth16.prover.DensityBitmap;
import io.filprover.proofs.groth16.prover.ProvingAssignment;
import io.filprover.proofs.groth16.params.QapEvaluation;
import io.filprover.proofs.groth16.prover.PhaseTimer;
import io.filprover.proofs.groth16.prover.QuotientPolynomial;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * bellperson's XorDemo over the DummyEngine toy field, replayed through the product's synthesis
 * (ProvingAssignment), QAP evaluation (QapEvaluation) and quotient computation (QuotientPolynomial).
 * Expected values: src/test/resources/groth16/xordemo-toy.txt (docs/spec/test-vectors-poseidon-groth16.md §4).
 */
class ToyXorDemoTest {
    private static final VectorFile V = new VectorFile("/groth16/xordemo-toy.txt");
    private static final ToyField F = ToyField.INSTANCE;

    private static long v(String key) {
        return V.getLong(key);
    }

    private static List<Long> longs(String key) {
        List<Long> out = new ArrayList<>();
        for (BigInteger b : V.integers(key)) {
            out.add(b.longValueExact());
        }
        return out;
    }

    @Test
    void fieldConstantsMatchTheDummyEngine() {
        assertEquals(v("modulus"), ToyField.P);
        assertEquals(v("omega_8"), F.omega(3));
        // ω_8 has order exactly 8
        assertEquals(1L, ToyField.pow(F.omega(3), 8));
        assertEquals(ToyField.P - 1, ToyField.pow(F.omega(3), 4));
    }

    @Test
    void qapAtTauGivesTheParameterScalars() {
        long tau = v("tau");
        QapEvaluation<Long> qap = QapEvaluation.evaluate(F, XorDemo.shape(), tau);
        assertEquals(2, qap.numInputs());
        assertEquals(2, qap.numAux());
        assertEquals(5, qap.numConstraints()); // 3 circuit constraints + 2 input constraints
        assertEquals(3, qap.logM());
        assertEquals(longs("u"), qap.u());
        assertEquals(longs("v"), qap.v());
        assertEquals(longs("w"), qap.w());

        long alpha = v("alpha"), beta = v("beta"), gamma = v("gamma"), delta = v("delta");
        List<Long> h = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            h.add(ToyField.mod(ToyField.pow(tau, i) * qap.zTau() % ToyField.P * ToyField.inv(delta)));
        }
        assertEquals(longs("h_params"), h);
        List<Long> ic = new ArrayList<>();
        List<Long> l = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            long comb = ToyField.mod(beta * qap.u().get(k) + alpha * qap.v().get(k) + qap.w().get(k));
            (k < 2 ? ic : l).add(ToyField.mod(comb * ToyField.inv(k < 2 ? gamma : delta)));
        }
        assertEquals(longs("ic"), ic);
        assertEquals(longs("l"), l);
    }

    @Test
    void synthesisAndQuotientReproduceBellperson() {
        ProvingAssignment<Long> pa = ProvingAssignment.synthesize(F, new XorDemo<>(true, false));
        assertEquals(5, pa.numConstraints());
        assertEquals(List.of(1L, 1L), List.of(pa.input(0), pa.input(1)));
        assertEquals(List.of(1L, 0L), List.of(pa.aux(0), pa.aux(1)));
        // A marks aux only (both aux occur in A), B marks no input and both aux
        assertEquals(2, pa.aAuxDensity().popcount());
        assertEquals(0, pa.bInputDensity().popcount());
        assertEquals(2, pa.bInputDensity().size());
        assertEquals(2, pa.bAuxDensity().popcount());

        long[] h = QuotientPolynomial.compute(pa, F, PhaseTimer.none());
        assertEquals(longs("h_coefficients"), toList(Arrays.copyOf(h, 7)));
        assertEquals(0L, h[7], "the top coefficient of h must vanish for a satisfied circuit");
    }

    @Test
    void proofAssemblyFromDensityFilteredBasesReproducesBellperson() {
        long alpha = v("alpha"), beta = v("beta"), gamma = v("gamma"), delta = v("delta"), tau = v("tau");
        long r = v("r"), s = v("s");
        QapEvaluation<Long> qap = QapEvaluation.evaluate(F, XorDemo.shape(), tau);
        // bases as bellperson stores them: identities (zeros) dropped from a and b
        List<Long> a = qap.u().stream().filter(x -> x != 0).toList();
        List<Long> b = qap.v().stream().filter(x -> x != 0).toList();
        List<Long> hBases = longs("h_params");
        List<Long> lBases = longs("l");
        List<Long> icBases = longs("ic");
        assertEquals(4, a.size());
        assertEquals(2, b.size());

        ProvingAssignment<Long> pa = ProvingAssignment.synthesize(F, new XorDemo<>(true, false));
        long[] h = QuotientPolynomial.compute(pa, F, PhaseTimer.none());
        long[] inputs = pa.inputsCanonical(TestJobs.pool(1));
        long[] aux = pa.auxCanonical(TestJobs.pool(1));
        long hExp = msm(hBases, 0, Arrays.copyOf(h, 7), null);
        long lExp = msm(lBases, 0, aux, null);
        long aAns = ToyField.mod(msm(a, 0, inputs, null) + msm(a, 2, aux, pa.aAuxDensity()));
        int nbi = pa.bInputDensity().popcount();
        long bAns = ToyField.mod(msm(b, 0, inputs, pa.bInputDensity()) + msm(b, nbi, aux, pa.bAuxDensity()));

        long pa1 = ToyField.mod(alpha + aAns + r * delta);
        long pb = ToyField.mod(beta + bAns + s * delta);
        long pc = ToyField.mod(s * aAns % ToyField.P + r * bAns % ToyField.P + r * s % ToyField.P * delta
                + s * alpha + r * beta + hExp + lExp);
        assertEquals(v("A"), pa1);
        assertEquals(v("B"), pb);
        assertEquals(v("C"), pc);
        // the verification equation in the exponent
        long acc = ToyField.mod(icBases.get(0) + inputs[1] * icBases.get(1));
        assertEquals(ToyField.mod(pa1 * pb), ToyField.mod(alpha * beta % ToyField.P + acc * gamma % ToyField.P
                + pc * delta % ToyField.P));
        assertFalse(ToyField.mod(pa1 * pb) == ToyField.mod(alpha * beta + ToyField.mod(acc + 1) * gamma + pc * delta),
                "a different public input must break the equation");
    }

    /** Σ s_i·base (dense bases consumed in density order); group = toy field under addition. */
    private static long msm(List<Long> bases, int offset, long[] scalars, DensityBitmap density) {
        long acc = 0;
        int k = offset;
        for (int i = 0; i < scalars.length; i++) {
            if (density != null && !density.get(i)) {
                continue;
            }
            acc = ToyField.mod(acc + scalars[i] * bases.get(k++));
        }
        return acc;
    }

    private static List<Long> toList(long[] a) {
        List<Long> out = new ArrayList<>();
        for (long x : a) {
            out.add(x);
        }
        return out;
    }

    @Test
    void densityBitmapTracksBits() {
        DensityBitmap d = new DensityBitmap();
        for (int i = 0; i < 130; i++) {
            d.addElement();
        }
        d.inc(0);
        d.inc(64);
        d.inc(129);
        assertTrue(d.get(129));
        assertFalse(d.get(128));
        assertEquals(3, d.popcount());
        assertEquals(3, d.words().length);
        assertEquals(1L << 1, d.words()[2]);
    }
}
