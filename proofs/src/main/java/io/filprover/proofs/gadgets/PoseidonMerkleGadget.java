package io.filprover.proofs.gadgets;

import io.filprover.bls12381.field.Fr;
import io.filprover.bls12381.poseidon.PoseidonHasher;
import io.filprover.bls12381.poseidon.PoseidonParameters;
import io.filprover.proofs.merkle.MerkleHasher;
import io.filprover.proofs.merkle.PoseidonMerkleHasher;
import io.filprover.proofs.r1cs.ConstraintSystem;
import java.util.ArrayList;
import java.util.List;

/**
 * rust-fil-proofs' {@code PoseidonFunction} circuits (filecoin-hashers/src/poseidon.rs): node
 * hashes ({@code hash_multi_leaf_circuit}, {@code hash2_circuit}, {@code hash_leaf_circuit} are all
 * neptune's legacy {@code poseidon_hash} at the node's arity, MerkleTree hash type, Standard
 * strength) and {@code hash_md_circuit}. The circuit twin of {@link PoseidonMerkleHasher}.
 */
public final class PoseidonMerkleGadget implements MerkleHasherGadget {
    public static final PoseidonMerkleGadget INSTANCE = new PoseidonMerkleGadget();

    private PoseidonMerkleGadget() {
    }

    @Override
    public AllocatedNum<Fr> hashNode(ConstraintSystem<Fr> cs, List<AllocatedNum<Fr>> children, int height) {
        return PoseidonGadget.hash(cs, children, PoseidonParameters.filecoin(children.size()));
    }

    @Override
    public MerkleHasher vanilla() {
        return PoseidonMerkleHasher.INSTANCE;
    }

    /** {@code hash2_circuit}: Poseidon arity 2 of (a, b). */
    public AllocatedNum<Fr> hash2(ConstraintSystem<Fr> cs, AllocatedNum<Fr> a, AllocatedNum<Fr> b) {
        return PoseidonGadget.hash(cs, List.of(a, b), PoseidonParameters.filecoin(2));
    }

    /**
     * {@code hash_md_circuit}: acc = x_0, then for each chunk of up to 35 further elements
     * acc = Poseidon_36(acc, chunk, padding) under namespace "hash md k". A short last chunk is
     * padded with allocated zeros ("padding i", in the caller's namespace), unconstrained as
     * upstream. 1,385 constraints per chunk (2,770 for 71 elements, upstream {@code test_hash_md_circuit}).
     */
    public AllocatedNum<Fr> hashMd(ConstraintSystem<Fr> cs, List<AllocatedNum<Fr>> elements) {
        int arity = PoseidonHasher.MD_ARITY;
        PoseidonParameters p = PoseidonParameters.filecoin(arity);
        AllocatedNum<Fr> hash = elements.get(0);
        int hashNum = 0;
        for (int start = 1; start < elements.size(); start += arity - 1, hashNum++) {
            List<AllocatedNum<Fr>> chunk = elements.subList(start, Math.min(elements.size(), start + arity - 1));
            List<AllocatedNum<Fr>> preimage = new ArrayList<>(arity);
            preimage.add(hash);
            preimage.addAll(chunk);
            for (int i = chunk.size() + 1; i < arity; i++) {
                int at = i;
                preimage.add(AllocatedNum.alloc(cs, () -> "padding " + at, () -> Fr.ZERO));
            }
            int k = hashNum;
            hash = cs.namespace(() -> "hash md " + k, c -> PoseidonGadget.hash(c, preimage, p));
        }
        return hash;
    }
}
