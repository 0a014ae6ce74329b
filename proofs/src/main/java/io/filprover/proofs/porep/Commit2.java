package io.filprover.proofs.porep;

import io.filprover.api.InternalException;
import io.filprover.api.InvalidInputException;
import io.filprover.api.job.JobContext;
import io.filprover.api.job.StageTimes;
import io.filprover.bls12381.field.Fr;
import io.filprover.proofs.groth16.InvalidProofException;
import io.filprover.proofs.groth16.Proof;
import io.filprover.proofs.groth16.params.ParameterSource;
import io.filprover.proofs.groth16.params.VerifyingKey;
import io.filprover.proofs.groth16.prover.Groth16Prover;
import io.filprover.proofs.groth16.prover.ProverPhase;
import io.filprover.proofs.groth16.verifier.Groth16Verifier;
import io.filprover.proofs.groth16.verifier.PreparedVerifyingKey;
import io.filprover.proofs.porep.circuit.StackedCircuit;
import io.filprover.proofs.porep.circuit.StackedCompound;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Commit phase 2 (filecoin-proofs api/seal.rs seal_commit_phase2;
 * docs/spec/filecoin-porep-post.md §11.2, §11.4): one stacked circuit per partition from C1's vanilla proofs, proven with
 * Groth16's batch prover (as bellperson's, in groups that fit the heap: NI-PoRep has 13 or 126
 * partitions), every partition proof verified against the public inputs derived from the sector's
 * public data (not from the circuit) before the proofs are returned, concatenated in partition
 * order, 192 bytes each. For NI-PoRep these are the circuit proofs
 * ({@code seal_commit_phase2_circuit_proofs}); filecoin-ffi's C2 returns their SnarkPack aggregate
 * (docs/spec/filecoin-porep-post.md §9.3), which is not built here.
 *
 * <p>Stage times: the prover's phases under their lower-case names ({@code synthesis}, {@code fft},
 * {@code msm_h}, {@code msm_l}, {@code msm_a}, {@code msm_b_g1}, {@code msm_b_g2}, {@code assembly},
 * its own check {@code self_check}), then {@code verification}.
 */
public final class Commit2 {
    private Commit2() {
    }

    /** The concatenated partition proofs of {@code c1}; {@code params} must be the stacked circuit's for its size. */
    public static byte[] prove(Commit1.Output c1, ParameterSource params, JobContext ctx) {
        int partitions = c1.sectorSize().porepPartitions(c1.feature());
        int cpp = c1.sectorSize().porepChallengesPerPartition(c1.feature());
        if (c1.partitions().size() != partitions) {
            throw new InvalidInputException("c1", c1.partitions().size() + " partitions, expected " + partitions);
        }
        for (List<ChallengeProof> p : c1.partitions()) {
            if (p.size() != cpp) {
                throw new InvalidInputException("c1", p.size() + " challenges in a partition, expected " + cpp);
            }
        }
        int expectedInputs = 3 + 18 * cpp;
        if (params.verifyingKey().ic().size() != expectedInputs + 1) {
            throw new InvalidInputException("params", "the parameters take " + (params.verifyingKey().ic().size() - 1)
                    + " public inputs, a " + c1.sectorSize() + " partition has " + expectedInputs);
        }
        StageTimes times = ctx.stageTimes();
        List<StackedCircuit> circuits = new ArrayList<>(partitions);
        for (int k = 0; k < partitions; k++) {
            circuits.add(StackedCompound.circuit(c1, k));
        }
        ctx.checkpoint();
        Groth16Prover prover = new Groth16Prover(ctx.kernels(), ctx.pool(),
                (phase, nanos) -> times.add(stageName(phase), nanos));
        List<Proof> proofs = prover.proveBatch(circuits, params, new SecureRandom());
        byte[] out = Proof.concatenate(proofs);
        boolean valid = times.time("verification",
                () -> verify(params.verifyingKey(), StackedCompound.Statement.of(c1), out));
        if (!valid) {
            throw new InternalException("", "the C2 proofs do not verify against the sector's public inputs");
        }
        return out;
    }

    /**
     * verify_seal's SNARK check: every partition proof against the public inputs of that partition
     * (docs/spec/filecoin-porep-post.md §11.4) computed from the statement; false for malformed bytes.
     */
    public static boolean verify(VerifyingKey vk, StackedCompound.Statement statement, byte[] proofs) {
        int partitions = statement.partitions();
        if (proofs == null || proofs.length != partitions * Proof.BYTES) {
            return false;
        }
        PreparedVerifyingKey pvk = PreparedVerifyingKey.prepare(vk);
        for (int k = 0; k < partitions; k++) {
            Proof proof;
            try {
                proof = Proof.fromBytes(proofs, k * Proof.BYTES);
            } catch (InvalidProofException e) {
                return false;
            }
            List<Fr> inputs = StackedCompound.publicInputs(statement, k);
            if (!Groth16Verifier.verify(pvk, proof, inputs)) {
                return false;
            }
        }
        return true;
    }

    static String stageName(ProverPhase phase) {
        return phase == ProverPhase.VERIFICATION ? "self_check" : phase.name().toLowerCase(Locale.ROOT);
    }
}
