package io.filprover.proofs.groth16.params;

import io.filprover.bls12381.curve.AffinePoint;
import io.filprover.bls12381.curve.G1;
import io.filprover.bls12381.curve.G2;
import io.filprover.bls12381.curve.PointLimbs;
import io.filprover.bls12381.field.Fq;
import io.filprover.bls12381.field.Fq2;
import io.filprover.bls12381.field.Fr;
import io.filprover.proofs.r1cs.Circuit;
import io.filprover.proofs.r1cs.FrScalarField;
import io.filprover.proofs.r1cs.SynthesisException;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * A local, single-party Groth16 setup producing bellperson-compatible parameters (the content of
 * bellperson's {@code generate_parameters}, docs/spec/poseidon-groth16-gpu.md §3.2).
 *
 * <p><b>For testing and benchmarking only, not for mainnet.</b> Whoever knows the toxic waste can
 * forge proofs; Filecoin's production parameters come from a multi-party ceremony and must be
 * downloaded, never generated with this class.
 */
public final class Groth16Setup {
    /** The warning every caller (CLI included) should show next to parameters made here. */
    public static final String WARNING = "Groth16 parameters from a local setup are for testing and benchmarking, "
            + "not for mainnet: whoever knows the toxic waste can forge proofs.";

    private Groth16Setup() {
    }

    /** Parameters from fresh toxic waste drawn from {@link SecureRandom} (and then forgotten). */
    public static Groth16Parameters generate(Circuit<Fr> circuit) {
        return generate(circuit, ToxicWaste.random(new SecureRandom()));
    }

    /**
     * Parameters for the given trapdoor and the standard generators, so that known bytes reproduce
     * (e.g. the XorDemo vectors).
     */
    public static Groth16Parameters generate(Circuit<Fr> circuit, ToxicWaste tw) {
        QapEvaluation<Fr> qap = QapEvaluation.evaluate(FrScalarField.INSTANCE, circuit, tw.tau());
        int inputs = qap.numInputs();
        int aux = qap.numAux();
        int m = 1 << qap.logM();
        Fr gammaInv = tw.gamma().inverse();
        Fr deltaInv = tw.delta().inverse();

        Fr[] h = new Fr[m - 1];
        Fr t = qap.zTau().mul(deltaInv);
        for (int i = 0; i < m - 1; i++) {
            h[i] = t;
            t = t.mul(tw.tau());
        }
        Fr[] ic = new Fr[inputs];
        Fr[] l = new Fr[aux];
        List<Fr> a = new ArrayList<>();
        List<Fr> b = new ArrayList<>();
        for (int k = 0; k < inputs + aux; k++) {
            Fr u = qap.u().get(k);
            Fr v = qap.v().get(k);
            Fr w = qap.w().get(k);
            Fr combined = tw.beta().mul(u).add(tw.alpha().mul(v)).add(w);
            if (k < inputs) {
                ic[k] = combined.mul(gammaInv);
            } else {
                // bellperson: an identity in l means an unconstrained variable (l must be fully dense)
                if (combined.isZero()) {
                    throw new SynthesisException("auxiliary variable " + (k - inputs) + " is unconstrained");
                }
                l[k - inputs] = combined.mul(deltaInv);
            }
            // bellperson drops identity entries of a, b_g1, b_g2: the bases align with the densities
            if (!u.isZero()) {
                a.add(u);
            }
            if (!v.isZero()) {
                b.add(v);
            }
        }

        FixedBaseTable<Fq> g1 = new FixedBaseTable<>(G1.GENERATOR);
        FixedBaseTable<Fq2> g2 = new FixedBaseTable<>(G2.GENERATOR);
        Fr[] bArr = b.toArray(new Fr[0]);
        long[] icLimbs = g1Vector(g1, ic);
        List<AffinePoint<Fq>> icPoints = new ArrayList<>(inputs);
        for (int i = 0; i < inputs; i++) {
            icPoints.add(PointLimbs.g1(icLimbs, i * PointLimbs.G1));
        }
        VerifyingKey vk = new VerifyingKey(
                g1.mul(tw.alpha()).toAffine(), g1.mul(tw.beta()).toAffine(), g2.mul(tw.beta()).toAffine(),
                g2.mul(tw.gamma()).toAffine(), g1.mul(tw.delta()).toAffine(), g2.mul(tw.delta()).toAffine(),
                icPoints);
        long[] bG2 = new long[bArr.length * PointLimbs.G2];
        g2.mulAll(bArr, (i, p) -> PointLimbs.g2(p, bG2, i * PointLimbs.G2));
        return new Groth16Parameters(vk, g1Vector(g1, h), g1Vector(g1, l), g1Vector(g1, a.toArray(new Fr[0])),
                g1Vector(g1, bArr), bG2);
    }

    private static long[] g1Vector(FixedBaseTable<Fq> table, Fr[] scalars) {
        long[] out = new long[scalars.length * PointLimbs.G1];
        table.mulAll(scalars, (i, p) -> PointLimbs.g1(p, out, i * PointLimbs.G1));
        return out;
    }
}
