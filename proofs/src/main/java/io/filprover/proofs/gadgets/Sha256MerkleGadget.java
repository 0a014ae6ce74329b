package io.filprover.proofs.gadgets;

import io.filprover.bls12381.field.Fr;
import io.filprover.proofs.merkle.MerkleHasher;
import io.filprover.proofs.r1cs.ConstraintSystem;
import io.filprover.proofs.tree.ShaMerkleHasher;
import io.filprover.proofs.tree.ShaMultiNodeHasher;
import java.util.List;

/**
 * The node hash of a SHA-256 Merkle tree in-circuit (tree_d): por.rs climbs every level with
 * {@code Sha256Function::hash_multi_leaf_circuit}, i.e. SHA-256 over the children's 32-byte
 * little-endian encodings, truncated to 254 bits ({@link Sha256FunctionGadget#hashMultiLeafCircuit};
 * for arity 2 it has hash2_circuit's shape, 2·256 + SHA-256 of two blocks + 1 packing constraint).
 * Any arity, as upstream's Sha256Function (arity 4 and 8 trees reproduce por_circuit.rs'
 * sha256_base_4/8). The twin of {@link ShaMultiNodeHasher}, which on two children is tree_d's
 * {@link ShaMerkleHasher}.
 */
public final class Sha256MerkleGadget implements MerkleHasherGadget {
    public static final Sha256MerkleGadget INSTANCE = new Sha256MerkleGadget();

    private Sha256MerkleGadget() {
    }

    @Override
    public AllocatedNum<Fr> hashNode(ConstraintSystem<Fr> cs, List<AllocatedNum<Fr>> children, int height) {
        return Sha256FunctionGadget.hashMultiLeafCircuit(cs, children);
    }

    @Override
    public MerkleHasher vanilla() {
        return ShaMultiNodeHasher.INSTANCE;
    }
}
