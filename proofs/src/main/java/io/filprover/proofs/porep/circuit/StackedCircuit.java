package io.filprover.proofs.porep.circuit;

import io.filprover.bls12381.field.Fr;
import io.filprover.proofs.gadgets.AllocatedNum;
import io.filprover.proofs.gadgets.Boolean;
import io.filprover.proofs.gadgets.PoseidonMerkleGadget;
import io.filprover.proofs.r1cs.Circuit;
import io.filprover.proofs.r1cs.ConstraintSystem;
import java.util.List;

/**
 * The stacked DRG PoRep circuit of one partition (storage-proofs-porep stacked/circuit/proof.rs
 * {@code StackedCircuit}): replica_id, comm_d and comm_r are public inputs; comm_c and comm_r_last
 * are private, tied to comm_r by comm_r = Poseidon_2(comm_c, comm_r_last); then one
 * {@link ChallengeCircuit} per challenge in namespace "challenge_i". Every value is null in a blank
 * circuit (setup, counting), which has the same shape.
 */
public final class StackedCircuit implements Circuit<Fr> {
    private final Fr replicaId;
    private final Fr commD;
    private final Fr commR;
    private final Fr commRLast;
    private final Fr commC;
    private final List<ChallengeCircuit> proofs;

    public StackedCircuit(Fr replicaId, Fr commD, Fr commR, Fr commRLast, Fr commC, List<ChallengeCircuit> proofs) {
        if (proofs.isEmpty()) {
            throw new IllegalArgumentException("a partition circuit needs at least one challenge");
        }
        this.replicaId = replicaId;
        this.commD = commD;
        this.commR = commR;
        this.commRLast = commRLast;
        this.commC = commC;
        this.proofs = List.copyOf(proofs);
    }

    public List<ChallengeCircuit> proofs() {
        return proofs;
    }

    @Override
    public void synthesize(ConstraintSystem<Fr> cs) {
        AllocatedNum<Fr> replicaIdNum = alloc(cs, "replica_id", replicaId);
        replicaIdNum.inputize(cs, () -> "replica_id_input");
        // hashing-order bits of replica_id, shared by every label
        List<Boolean> replicaIdBits = LabelGadget.reverseBitNumbering(
                cs.namespace("replica_id_bits", ns -> AllocatedNum.toBitsLe(ns, replicaIdNum)));

        AllocatedNum<Fr> commDNum = alloc(cs, "comm_d", commD);
        commDNum.inputize(cs, () -> "comm_d_input");
        AllocatedNum<Fr> commRNum = alloc(cs, "comm_r", commR);
        commRNum.inputize(cs, () -> "comm_r_input");
        AllocatedNum<Fr> commRLastNum = alloc(cs, "comm_r_last", commRLast);
        AllocatedNum<Fr> commCNum = alloc(cs, "comm_c", commC);

        AllocatedNum<Fr> hash = cs.namespace("H_comm_c_comm_r_last",
                ns -> PoseidonMerkleGadget.INSTANCE.hash2(ns, commCNum, commRLastNum));
        // constraint::equal(comm_r, hash): comm_r · 1 = hash
        cs.enforce("enforce comm_r = H(comm_c || comm_r_last)", cs.lc().add(commRNum.variable()),
                cs.lc().add(cs.one()), cs.lc().add(hash.variable()));

        for (int i = 0; i < proofs.size(); i++) {
            int at = i;
            ChallengeCircuit proof = proofs.get(i);
            cs.inNamespace(() -> "challenge_" + at,
                    ns -> proof.synthesize(ns, commDNum, commCNum, commRLastNum, replicaIdBits));
        }
    }

    private static AllocatedNum<Fr> alloc(ConstraintSystem<Fr> cs, String name, Fr value) {
        return AllocatedNum.alloc(cs, name, () -> ChallengeCircuit.require(value, name));
    }
}
