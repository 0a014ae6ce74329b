package io.filprover.proofs.porep.circuit;

import io.filprover.api.ApiVersion;
import io.filprover.api.PoRepFeature;
import io.filprover.api.SectorSize;
import io.filprover.bls12381.field.Fr;
import io.filprover.proofs.porep.ChallengeProof;
import io.filprover.proofs.porep.Commit1;
import io.filprover.proofs.porep.PoRepChallenges;
import io.filprover.proofs.sdr.SdrGraph;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * storage-proofs-porep stacked/circuit/proof.rs {@code StackedCompound}: a partition's circuit from
 * its vanilla proofs, the blank circuit, and the public inputs computed outside the circuit
 * (docs/spec/filecoin-porep-post.md §11.4).
 */
public final class StackedCompound {
    /** The public part of a sealed sector that a partition's inputs derive from (upstream PublicInputs + params). */
    public record Statement(SectorSize size, PoRepFeature feature, byte[] porepId, ApiVersion apiVersion,
                            byte[] replicaId, byte[] commD, byte[] commR, byte[] seed) {
        public static Statement of(Commit1.Output out) {
            return new Statement(out.sectorSize(), out.feature(), out.porepId(), out.apiVersion(), out.replicaId(),
                    out.commD(), out.commR(), out.seed());
        }

        public int partitions() {
            return size.porepPartitions(feature);
        }

        public long[] challenges(int k) {
            return PoRepChallenges.forPartition(feature, replicaId, commR, seed, size.nodes(),
                    size.porepChallengesPerPartition(feature), k);
        }
    }

    private StackedCompound() {
    }

    /**
     * generate_public_inputs: replica_id, comm_d, comm_r, then per challenge the tree_d path (the
     * challenge), the 6 DRG and 8 expander parents' tree_c paths (the parents), the packed
     * challenge, the tree_r_last and the tree_c paths (the challenge): 3 + 18·challenges values.
     */
    public static List<Fr> publicInputs(Statement st, int k) {
        SdrGraph graph = new SdrGraph(st.size().nodes(), st.porepId(), st.apiVersion());
        return publicInputs(graph, Fr.fromBytesLE(st.replicaId()), Fr.fromBytesLE(st.commD()),
                Fr.fromBytesLE(st.commR()), st.challenges(k));
    }

    public static List<Fr> publicInputs(SdrGraph graph, Fr replicaId, Fr commD, Fr commR, long[] challenges) {
        List<Fr> inputs = new ArrayList<>(3 + 18 * challenges.length);
        inputs.add(replicaId);
        inputs.add(commD);
        inputs.add(commR);
        for (long c : challenges) {
            if (c < 0 || c >= graph.nodes()) {
                throw new IllegalArgumentException("challenge out of range: " + c);
            }
            inputs.add(Fr.fromLong(c));
            for (int p : graph.parents(c)) {
                inputs.add(Fr.fromLong(p));
            }
            inputs.add(Fr.fromLong(c)); // the UInt64 challenge
            inputs.add(Fr.fromLong(c)); // tree_r_last
            inputs.add(Fr.fromLong(c)); // tree_c
        }
        return inputs;
    }

    /** The circuit of partition k of a C1 output ({@code StackedCompound::circuit}). */
    public static StackedCircuit circuit(Commit1.Output out, int k) {
        return circuit(out, StackedConfig.of(out.sectorSize(), out.layers(), out.feature()), out.partitions().get(k));
    }

    /** comm_c and comm_r_last come from the vanilla proofs, which must agree on them. */
    public static StackedCircuit circuit(Commit1.Output out, StackedConfig cfg, List<ChallengeProof> proofs) {
        if (proofs.isEmpty()) {
            throw new IllegalArgumentException("cannot create a circuit with no vanilla proofs");
        }
        byte[] commRLast = proofs.get(0).commRLastProof().root();
        byte[] commC = proofs.get(0).column().treeCProof().root();
        List<ChallengeCircuit> circuits = new ArrayList<>(proofs.size());
        for (ChallengeProof p : proofs) {
            if (!Arrays.equals(p.commRLastProof().root(), commRLast)) {
                throw new IllegalArgumentException("inconsistent comm_r_lasts");
            }
            if (!Arrays.equals(p.column().treeCProof().root(), commC)) {
                throw new IllegalArgumentException("inconsistent comm_cs");
            }
            circuits.add(ChallengeCircuit.of(p, cfg));
        }
        return new StackedCircuit(Fr.fromBytesLE(out.replicaId()), Fr.fromBytesLE(out.commD()),
                Fr.fromBytesLE(out.commR()), Fr.fromBytesLE(commRLast), Fr.fromBytesLE(commC), circuits);
    }

    /** blank_circuit: the shape for parameter generation and counting. */
    public static StackedCircuit blankCircuit(StackedConfig cfg) {
        return new StackedCircuit(null, null, null, null, null,
                Collections.nCopies(cfg.challenges(), ChallengeCircuit.blank(cfg)));
    }
}
