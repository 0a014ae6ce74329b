package io.filprover.proofs.porep.circuit;

import io.filprover.bls12381.field.Fr;
import io.filprover.proofs.gadgets.AllocatedNum;
import io.filprover.proofs.gadgets.Boolean;
import io.filprover.proofs.gadgets.Encode;
import io.filprover.proofs.gadgets.MerkleHasherGadget;
import io.filprover.proofs.gadgets.PoseidonMerkleGadget;
import io.filprover.proofs.gadgets.Sha256MerkleGadget;
import io.filprover.proofs.gadgets.UInt32;
import io.filprover.proofs.gadgets.UInt64;
import io.filprover.proofs.merkle.MerkleProof;
import io.filprover.proofs.merkle.circuit.PorCircuit;
import io.filprover.proofs.porep.ChallengeProof;
import io.filprover.proofs.porep.ColumnProof;
import io.filprover.proofs.porep.LabelFunction;
import io.filprover.proofs.r1cs.ConstraintSystem;
import io.filprover.proofs.r1cs.SynthesisException;
import io.filprover.proofs.sdr.SdrGraph;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The circuit of one PoRep challenge (storage-proofs-porep stacked/circuit/params.rs {@code Proof}):
 * the data leaf in tree_d (SHA-256 PoR under comm_d), the 6 DRG and 8 expander parent columns,
 * each hashed and proven in tree_c, the challenged node's label recomputed in every layer from the
 * parents' labels, its last label plus the data leaf (the replica node) proven in tree_r_last, and
 * the column of the recomputed labels proven in tree_c. The challenged column's labels are not
 * witnessed: they are what the circuit computes. Public inputs: the 15 PoR challenge paths and the
 * packed challenge, in synthesis order (see {@link StackedCompound#publicInputs}).
 *
 * @param challenge null without a witness (as every other value)
 */
public record ChallengeCircuit(Path commDPath, Fr dataLeaf, Long challenge, Path commRLastPath, Path commCPath,
                               List<Column> drgParents, List<Column> expParents) {

    /** A PoR path: the base levels, then at most one sub and one top level. */
    public record Path(List<PorCircuit.Level> base, List<PorCircuit.Level> sub, List<PorCircuit.Level> top) {
        static Path of(MerkleProof proof, PorCircuit.Shape shape, long leaves) {
            if (!proof.hasShape(shape.base(), shape.baseLevels(leaves), shape.sub(), shape.top())) {
                throw new IllegalArgumentException("inclusion proof does not have the " + shape + " shape");
            }
            return new Path(PorCircuit.levels(proof.base()), PorCircuit.levels(proof.sub()),
                    PorCircuit.levels(proof.top()));
        }

        static Path blank(PorCircuit.Shape shape, long leaves) {
            List<PorCircuit.Level> base = new ArrayList<>();
            for (int i = 0; i < shape.baseLevels(leaves); i++) {
                base.add(PorCircuit.Level.blank(shape.base()));
            }
            return new Path(base, shape.sub() == 0 ? List.of() : List.of(PorCircuit.Level.blank(shape.sub())),
                    shape.top() == 0 ? List.of() : List.of(PorCircuit.Level.blank(shape.top())));
        }
    }

    /** A parent column (its labels, layer 1 first; null entries without a witness) and its tree_c path. */
    public record Column(List<Fr> rows, Path path) {
        public Column {
            rows = Collections.unmodifiableList(new ArrayList<>(rows));
        }
    }

    public ChallengeCircuit {
        drgParents = List.copyOf(drgParents);
        expParents = List.copyOf(expParents);
        if (drgParents.size() != SdrGraph.BASE_DEGREE || expParents.size() != SdrGraph.EXP_DEGREE) {
            throw new IllegalArgumentException(drgParents.size() + " DRG and " + expParents.size() + " expander parents");
        }
    }

    /** The witness of one vanilla challenge proof (params.rs {@code From<VanillaProof>}). */
    public static ChallengeCircuit of(ChallengeProof p, StackedConfig cfg) {
        List<Column> drg = new ArrayList<>();
        for (ColumnProof c : p.drgParents()) {
            drg.add(column(c, cfg));
        }
        List<Column> exp = new ArrayList<>();
        for (ColumnProof c : p.expParents()) {
            exp.add(column(c, cfg));
        }
        return new ChallengeCircuit(Path.of(p.commDProof(), cfg.treeDShape(), cfg.nodes()),
                Fr.fromBytesLE(p.commDProof().leaf()), p.challenge(), Path.of(p.commRLastProof(), cfg.shape(), cfg.nodes()),
                Path.of(p.column().treeCProof(), cfg.shape(), cfg.nodes()), drg, exp);
    }

    /** params.rs {@code Proof::empty}: the shape without a witness. */
    public static ChallengeCircuit blank(StackedConfig cfg) {
        Column col = new Column(Collections.nCopies(cfg.layers(), null), Path.blank(cfg.shape(), cfg.nodes()));
        return new ChallengeCircuit(Path.blank(cfg.treeDShape(), cfg.nodes()), null, null,
                Path.blank(cfg.shape(), cfg.nodes()), Path.blank(cfg.shape(), cfg.nodes()),
                Collections.nCopies(SdrGraph.BASE_DEGREE, col), Collections.nCopies(SdrGraph.EXP_DEGREE, col));
    }

    private static Column column(ColumnProof c, StackedConfig cfg) {
        if (c.rows().size() != cfg.layers()) {
            throw new IllegalArgumentException("column of " + c.rows().size() + " rows, expected " + cfg.layers());
        }
        List<Fr> rows = new ArrayList<>();
        for (byte[] r : c.rows()) {
            rows.add(Fr.fromBytesLE(r));
        }
        return new Column(rows, Path.of(c.treeCProof(), cfg.shape(), cfg.nodes()));
    }

    /** params.rs {@code Proof::synthesize}, in the caller's "challenge_i" namespace. */
    public void synthesize(ConstraintSystem<Fr> cs, AllocatedNum<Fr> commD, AllocatedNum<Fr> commC,
                           AllocatedNum<Fr> commRLast, List<Boolean> replicaIdBits) {
        int layers = drgParents.get(0).rows().size();
        AllocatedNum<Fr> data = AllocatedNum.alloc(cs, "data_leaf", () -> require(dataLeaf, "data_leaf"));
        enforceInclusion(cs, "comm_d_inclusion", Sha256MerkleGadget.INSTANCE, commDPath, commD, data);

        List<List<AllocatedNum<Fr>>> drg = allocParents(cs, "drg_parent_", drgParents, layers, commC);
        List<List<AllocatedNum<Fr>>> exp = allocParents(cs, "exp_parent_", expParents, layers, commC);

        UInt64 node = cs.namespace("challenge", ns -> UInt64.alloc(ns, challenge));
        cs.inNamespace("challenge input", node::packIntoInput);

        List<AllocatedNum<Fr>> labels = new ArrayList<>(layers);
        for (int layer = 1; layer <= layers; layer++) {
            int l = layer;
            labels.add(cs.namespace(() -> "labeling_" + l, ns -> label(ns, l, drg, exp, replicaIdBits, node)));
        }

        // the key is the last label; replica node = key + data
        AllocatedNum<Fr> encoded = cs.namespace("encode_node", ns -> Encode.encode(ns, labels.get(layers - 1), data));
        enforceInclusion(cs, "comm_r_last_data_inclusion", PoseidonMerkleGadget.INSTANCE, commRLastPath, commRLast,
                encoded);

        AllocatedNum<Fr> columnHash = cs.namespace("c_x_column_hash", ns -> ColumnHash.hashSingleColumn(ns, labels));
        enforceInclusion(cs, "c_x_inclusion", PoseidonMerkleGadget.INSTANCE, commCPath, commC, columnHash);
    }

    /** Allocates each parent column, hashes it and proves the hash in tree_c. */
    private static List<List<AllocatedNum<Fr>>> allocParents(ConstraintSystem<Fr> cs, String prefix,
                                                             List<Column> columns, int layers, AllocatedNum<Fr> commC) {
        List<List<AllocatedNum<Fr>>> out = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            int at = i;
            Column col = columns.get(i);
            if (col.rows().size() != layers) {
                throw new IllegalArgumentException("parent columns of different heights");
            }
            List<AllocatedNum<Fr>> rows = cs.namespace(() -> prefix + at + "_num",
                    ns -> ns.namespace("column", c -> allocRows(c, col.rows())));
            AllocatedNum<Fr> hash = cs.namespace(() -> prefix + at + "_constraint",
                    ns -> ColumnHash.hashSingleColumn(ns, rows));
            enforceInclusion(cs, prefix + at + "_inclusion", PoseidonMerkleGadget.INSTANCE, col.path(), commC, hash);
            out.add(rows);
        }
        return out;
    }

    private static List<AllocatedNum<Fr>> allocRows(ConstraintSystem<Fr> cs, List<Fr> rows) {
        List<AllocatedNum<Fr>> out = new ArrayList<>(rows.size());
        for (int j = 0; j < rows.size(); j++) {
            int at = j;
            Fr v = rows.get(j);
            out.add(AllocatedNum.alloc(cs, () -> "column_num_row_" + at, () -> require(v, "column_num_row_" + at)));
        }
        return out;
    }

    /**
     * One layer's label: the DRG parents' labels in this layer and (from layer 2) the expander
     * parents' labels in the previous layer, as hashing-order bits, repeated up to 37.
     */
    private static AllocatedNum<Fr> label(ConstraintSystem<Fr> cs, int layer, List<List<AllocatedNum<Fr>>> drg,
                                          List<List<AllocatedNum<Fr>>> exp, List<Boolean> replicaIdBits, UInt64 node) {
        List<List<Boolean>> parents = new ArrayList<>();
        for (List<AllocatedNum<Fr>> col : drg) {
            parents.add(bits(cs, "drg_parent_" + parents.size() + "_bits", col.get(layer - 1)));
        }
        if (layer > 1) {
            for (List<AllocatedNum<Fr>> col : exp) {
                parents.add(bits(cs, "exp_parent_" + parents.size() + "_bits", col.get(layer - 2)));
            }
        }
        List<List<Boolean>> expanded = new ArrayList<>(LabelFunction.TOTAL_PARENTS);
        for (int i = 0; i < LabelFunction.TOTAL_PARENTS; i++) {
            expanded.add(parents.get(i % parents.size()));
        }
        return cs.namespace("create_label",
                ns -> LabelGadget.createLabel(ns, replicaIdBits, expanded, UInt32.constant(layer), node));
    }

    private static List<Boolean> bits(ConstraintSystem<Fr> cs, String name, AllocatedNum<Fr> value) {
        return LabelGadget.reverseBitNumbering(cs.namespace(name, ns -> AllocatedNum.toBitsLe(ns, value)));
    }

    /** params.rs enforce_inclusion: a PoR with both leaf and root already allocated, root private. */
    private static void enforceInclusion(ConstraintSystem<Fr> cs, String name, MerkleHasherGadget hasher, Path path,
                                         AllocatedNum<Fr> root, AllocatedNum<Fr> leaf) {
        PorCircuit por = new PorCircuit(hasher, PorCircuit.Root.allocated(leaf), path.base(), path.sub(), path.top(),
                PorCircuit.Root.allocated(root), true);
        cs.inNamespace(name, por::synthesize);
    }

    static Fr require(Fr v, String name) {
        if (v == null) {
            throw SynthesisException.assignmentMissing(name);
        }
        return v;
    }
}
