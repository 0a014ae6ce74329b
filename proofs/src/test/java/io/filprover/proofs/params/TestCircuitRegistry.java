package io.filprover.proofs.params;

import io.filprover.api.RegisteredPoStProof;
import io.filprover.api.SectorSize;
import io.filprover.bls12381.field.Fr;
import io.filprover.proofs.groth16.circuits.SquareChainCircuit;
import io.filprover.proofs.r1cs.Circuit;

import java.util.Optional;

/**
 * A stand-in CircuitRegistry for tests (this module's and the cli's): tiny square-chain circuits
 * for the 2 KiB seal proofs (16 constraints, 2 public inputs) and 2 KiB Winning PoSt (8, 1); every
 * other proof is left unregistered so "no circuit" paths can be tested.
 */
public final class TestCircuitRegistry implements CircuitRegistry {
    public static final int SEAL_STEPS = 16;
    public static final int SEAL_INPUTS = 3;
    public static final int WINNING_STEPS = 8;
    public static final int WINNING_INPUTS = 2;

    @Override
    public Optional<Circuit<Fr>> blankCircuit(RegisteredProof proof) {
        if (proof.isSeal() && proof.sectorSize() == SectorSize.SIZE_2KIB) {
            return Optional.of(new SquareChainCircuit<>(SEAL_STEPS, SEAL_INPUTS, null, null));
        }
        if (!proof.isSeal() && proof.post() == RegisteredPoStProof.STACKED_DRG_WINNING_2KIB_V1) {
            return Optional.of(new SquareChainCircuit<>(WINNING_STEPS, WINNING_INPUTS, null, null));
        }
        return Optional.empty();
    }

    @Override
    public String name() {
        return "test square-chain circuits";
    }
}
