package io.filprover.proofs.gadgets;

import io.filprover.bls12381.field.Fr;
import io.filprover.proofs.merkle.MerkleHasher;
import io.filprover.proofs.r1cs.ConstraintSystem;
import io.filprover.proofs.tree.Blake2sMerkleHasher;
import java.util.List;

/**
 * The node hash of a BLAKE2s Merkle tree in-circuit: por.rs climbs every level with
 * {@code Blake2sFunction::hash_multi_leaf_circuit} ({@link Blake2sFunctionGadget}), any arity.
 * The twin of {@link Blake2sMerkleHasher}.
 */
public final class Blake2sMerkleGadget implements MerkleHasherGadget {
    public static final Blake2sMerkleGadget INSTANCE = new Blake2sMerkleGadget();

    private Blake2sMerkleGadget() {
    }

    @Override
    public AllocatedNum<Fr> hashNode(ConstraintSystem<Fr> cs, List<AllocatedNum<Fr>> children, int height) {
        return Blake2sFunctionGadget.hashMultiLeafCircuit(cs, children);
    }

    @Override
    public MerkleHasher vanilla() {
        return Blake2sMerkleHasher.INSTANCE;
    }
}
