package io.filprover.proofs.porep.circuit;

import io.filprover.bls12381.field.Fr;
import io.filprover.bls12381.poseidon.PoseidonParameters;
import io.filprover.proofs.gadgets.AllocatedNum;
import io.filprover.proofs.gadgets.PoseidonGadget;
import io.filprover.proofs.r1cs.ConstraintSystem;
import java.util.List;

/**
 * stacked/circuit/hash.rs hash_single_column: a column's labels (one per layer) hashed with Poseidon
 * of arity = layers, in the caller's namespace; the twin of the vanilla tree_c leaf
 * ({@code PoseidonMerkleHasher.hash(rows)}). Upstream has constants for 2 and 11 layers only.
 */
public final class ColumnHash {
    private ColumnHash() {
    }

    public static AllocatedNum<Fr> hashSingleColumn(ConstraintSystem<Fr> cs, List<AllocatedNum<Fr>> column) {
        if (column.size() != 2 && column.size() != 11) {
            throw new IllegalArgumentException("unsupported column size: " + column.size());
        }
        return PoseidonGadget.hash(cs, column, PoseidonParameters.filecoin(column.size()));
    }
}
