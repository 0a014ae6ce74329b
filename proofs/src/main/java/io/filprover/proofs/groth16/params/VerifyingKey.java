package io.filprover.proofs.groth16.params;

import io.filprover.bls12381.curve.AffinePoint;
import io.filprover.bls12381.field.Fq;
import io.filprover.bls12381.field.Fq2;

import java.util.List;

/**
 * A Groth16 verifying key (docs/spec/poseidon-groth16-gpu.md §3.2): [α]₁, [β]₁, [β]₂, [γ]₂, [δ]₁, [δ]₂ and
 * ic, one G1 point per input including ONE. {@link ParametersFormat} reads and writes bellperson's
 * {@code .vk} layout.
 */
public record VerifyingKey(AffinePoint<Fq> alphaG1, AffinePoint<Fq> betaG1, AffinePoint<Fq2> betaG2,
                           AffinePoint<Fq2> gammaG2, AffinePoint<Fq> deltaG1, AffinePoint<Fq2> deltaG2,
                           List<AffinePoint<Fq>> ic) {
    public VerifyingKey {
        ic = List.copyOf(ic);
        if (ic.isEmpty()) {
            throw new IllegalArgumentException("a verifying key needs at least ic[0] (the ONE input)");
        }
    }

    /** Number of public inputs the key verifies (ic minus the ONE entry). */
    public int numPublicInputs() {
        return ic.size() - 1;
    }

    /** Size of the {@code .vk} encoding: 868 + 96·|ic|. */
    public long encodedSize() {
        return 868L + 96L * ic.size();
    }
}
