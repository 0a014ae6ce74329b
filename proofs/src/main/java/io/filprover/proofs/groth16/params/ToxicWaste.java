package io.filprover.proofs.groth16.params;

import io.filprover.bls12381.field.Fr;

import java.security.SecureRandom;
import java.util.Random;

/**
 * The Groth16 trapdoor α, β, γ, δ, τ. Whoever knows it can forge proofs: parameters made from it
 * are for testing and benchmarking only, never for mainnet (Filecoin's production parameters come
 * from a multi-party ceremony).
 */
public record ToxicWaste(Fr alpha, Fr beta, Fr gamma, Fr delta, Fr tau) {
    public ToxicWaste {
        if (gamma.isZero() || delta.isZero() || tau.isZero()) {
            throw new IllegalArgumentException("gamma, delta and tau must be non-zero");
        }
    }

    /** Fresh non-zero values from {@code rng} (use a {@link SecureRandom} unless reproducing vectors). */
    public static ToxicWaste random(Random rng) {
        return new ToxicWaste(nonZero(rng), nonZero(rng), nonZero(rng), nonZero(rng), nonZero(rng));
    }

    private static Fr nonZero(Random rng) {
        Fr x;
        do {
            x = Fr.random(rng);
        } while (x.isZero());
        return x;
    }

    @Override
    public String toString() {
        return "ToxicWaste[redacted]";
    }
}
