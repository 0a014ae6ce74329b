package io.filprover.proofs.porep.circuit;

import io.filprover.bls12381.field.Fr;
import io.filprover.proofs.params.CircuitRegistry;
import io.filprover.proofs.params.RegisteredProof;
import io.filprover.proofs.r1cs.Circuit;

import java.util.Optional;

/**
 * The PoRep circuits for {@code params generate} and {@code circuit info}: one blank partition of
 * the StackedDRG circuit per registered seal proof (found by ServiceLoader).
 */
public final class StackedCircuitRegistry implements CircuitRegistry {
    @Override
    public Optional<Circuit<Fr>> blankCircuit(RegisteredProof proof) {
        if (proof.seal() == null) {
            return Optional.empty();
        }
        return Optional.of(StackedCompound.blankCircuit(
                StackedConfig.of(proof.seal().sectorSize(), proof.seal().feature())));
    }

    @Override
    public String name() {
        return "stacked-drg porep circuit";
    }
}
