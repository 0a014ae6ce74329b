package io.filprover.proofs.groth16.verifier;

import io.filprover.bls12381.curve.AffinePoint;
import io.filprover.bls12381.field.Fq;
import io.filprover.bls12381.field.Fq12;
import io.filprover.bls12381.field.Fq2;
import io.filprover.bls12381.pairing.Pairing;
import io.filprover.proofs.groth16.params.VerifyingKey;

import java.util.List;

/**
 * A verifying key prepared for repeated verification: e(α₁, β₂) precomputed and −γ₂, −δ₂ negated
 * once, so each check is one multi-Miller loop and one final exponentiation.
 */
public final class PreparedVerifyingKey {
    private final VerifyingKey vk;
    private final Fq12 alphaBeta;
    private final AffinePoint<Fq2> negGammaG2;
    private final AffinePoint<Fq2> negDeltaG2;

    private PreparedVerifyingKey(VerifyingKey vk) {
        this.vk = vk;
        this.alphaBeta = Pairing.pairing(vk.alphaG1(), vk.betaG2());
        this.negGammaG2 = vk.gammaG2().neg();
        this.negDeltaG2 = vk.deltaG2().neg();
    }

    public static PreparedVerifyingKey prepare(VerifyingKey vk) {
        return new PreparedVerifyingKey(vk);
    }

    public VerifyingKey verifyingKey() {
        return vk;
    }

    Fq12 alphaBeta() {
        return alphaBeta;
    }

    AffinePoint<Fq2> negGammaG2() {
        return negGammaG2;
    }

    AffinePoint<Fq2> negDeltaG2() {
        return negDeltaG2;
    }

    List<AffinePoint<Fq>> ic() {
        return vk.ic();
    }
}
