package io.filprover.proofs.post.circuit;

import io.filprover.bls12381.field.Fr;
import io.filprover.proofs.params.CircuitRegistry;
import io.filprover.proofs.params.RegisteredProof;
import io.filprover.proofs.r1cs.Circuit;

import java.util.Optional;

/**
 * The PoSt circuits for {@code params generate} and {@code circuit info}: one blank partition of the
 * Fallback PoSt circuit per registered PoSt proof, Winning or Window (found by ServiceLoader).
 */
public final class FallbackPoStCircuitRegistry implements CircuitRegistry {
    @Override
    public Optional<Circuit<Fr>> blankCircuit(RegisteredProof proof) {
        if (proof.post() == null) {
            return Optional.empty();
        }
        return Optional.of(FallbackPoStCompound.blankCircuit(FallbackPoStCompound.PublicParams.of(proof.post())));
    }

    @Override
    public String name() {
        return "fallback post circuit";
    }
}
