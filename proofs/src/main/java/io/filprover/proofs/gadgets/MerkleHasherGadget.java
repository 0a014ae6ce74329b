package io.filprover.proofs.gadgets;

import io.filprover.bls12381.field.Fr;
import io.filprover.proofs.merkle.MerkleHasher;
import io.filprover.proofs.r1cs.ConstraintSystem;
import java.util.List;

/**
 * The circuit side of a Merkle node hash (rust-fil-proofs' {@code HashFunction::hash_multi_leaf_circuit}),
 * paired with the vanilla {@link MerkleHasher} it must agree with, so Merkle circuits can be
 * generic over the tree's hash. Implementations: {@link PoseidonMerkleGadget},
 * {@link Sha256MerkleGadget}, {@link Blake2sMerkleGadget}.
 */
public interface MerkleHasherGadget {
    /**
     * The parent of {@code children} (in index order, {@code children.size()} = the level's arity)
     * at tree height {@code height} (0 = just above the leaves; only some hashes use it). Uses the
     * caller's namespace as upstream does with the {@code cs} it is given.
     */
    AllocatedNum<Fr> hashNode(ConstraintSystem<Fr> cs, List<AllocatedNum<Fr>> children, int height);

    /** The vanilla node hash this gadget computes in-circuit. */
    MerkleHasher vanilla();
}
