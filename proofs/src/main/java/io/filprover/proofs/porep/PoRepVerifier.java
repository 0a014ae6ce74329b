package io.filprover.proofs.porep;

import io.filprover.api.SectorSize;
import io.filprover.api.TreeShape;
import io.filprover.bls12381.field.Fr;
import io.filprover.proofs.merkle.MerkleProof;
import io.filprover.proofs.merkle.PoseidonMerkleHasher;
import io.filprover.proofs.sdr.SdrGraph;
import io.filprover.proofs.tree.ShaMerkleHasher;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Verifies vanilla PoRep proofs (docs/spec/filecoin-porep-post.md §11.1) against the public inputs: the challenges are
 * re-derived, every Merkle opening has the sector's shape, the right index and root, the columns
 * hash to their tree_c leaves, the labeling proofs use the opened parent columns and recompute the
 * challenged column's labels, and the encoding proof's key plus the data node is the replica node.
 */
public final class PoRepVerifier {
    /** The verdict with the first reason for rejection. */
    public record Result(boolean valid, String reason) {
        static final Result OK = new Result(true, "valid");

        static Result fail(String reason) {
            return new Result(false, reason);
        }
    }

    private PoRepVerifier() {
    }

    public static Result verify(Commit1.Output out) {
        SectorSize size = out.sectorSize();
        if (!Arrays.equals(PoseidonMerkleHasher.commR(out.commC(), out.commRLast()), out.commR())) {
            return Result.fail("comm_r is not Poseidon(comm_c, comm_r_last)");
        }
        SdrGraph graph = new SdrGraph(size.nodes(), out.porepId(), out.apiVersion());
        int partitions = size.porepPartitions(out.feature());
        int cpp = size.porepChallengesPerPartition(out.feature());
        if (out.partitions().size() != partitions) {
            return Result.fail(out.partitions().size() + " partitions, expected " + partitions);
        }
        for (int k = 0; k < partitions; k++) {
            long[] challenges = PoRepChallenges.forPartition(out.feature(), out.replicaId(), out.commR(), out.seed(),
                    size.nodes(), cpp, k);
            List<ChallengeProof> proofs = out.partitions().get(k);
            if (proofs.size() != cpp) {
                return Result.fail("partition " + k + ": " + proofs.size() + " proofs, expected " + cpp);
            }
            for (int i = 0; i < cpp; i++) {
                Result r = verifyChallenge(out, graph, challenges[i], proofs.get(i));
                if (!r.valid()) {
                    return Result.fail("partition " + k + ", challenge " + i + " (node " + challenges[i] + "): " + r.reason());
                }
            }
        }
        return Result.OK;
    }

    static Result verifyChallenge(Commit1.Output out, SdrGraph graph, long c, ChallengeProof p) {
        SectorSize size = out.sectorSize();
        int layers = out.layers();
        if (p.challenge() != c) {
            return Result.fail("proof is for node " + p.challenge());
        }
        MerkleProof d = p.commDProof();
        if (!d.hasShape(2, size.log2Nodes(), 0, 0) || d.leafIndex() != c || !Arrays.equals(d.root(), out.commD())
                || !d.verify(ShaMerkleHasher.INSTANCE)) {
            return Result.fail("tree_d opening does not prove node " + c + " under comm_d");
        }
        int[] parents = graph.parents(c);
        Result r = checkColumn(out, p.column(), c, layers);
        for (int i = 0; r.valid() && i < SdrGraph.DEGREE; i++) {
            List<ColumnProof> list = i < SdrGraph.BASE_DEGREE ? p.drgParents() : p.expParents();
            int j = i < SdrGraph.BASE_DEGREE ? i : i - SdrGraph.BASE_DEGREE;
            if (list.size() != (i < SdrGraph.BASE_DEGREE ? SdrGraph.BASE_DEGREE : SdrGraph.EXP_DEGREE)) {
                return Result.fail("wrong number of parent columns");
            }
            r = checkColumn(out, list.get(j), parents[i], layers);
        }
        if (!r.valid()) {
            return r;
        }
        MerkleProof rl = p.commRLastProof();
        if (!shapeOk(rl, size) || rl.leafIndex() != c || !Arrays.equals(rl.root(), out.commRLast())
                || !safeVerify(rl)) {
            return Result.fail("tree_r_last opening does not prove node " + c + " under comm_r_last");
        }
        if (p.labelingProofs().size() != layers) {
            return Result.fail(p.labelingProofs().size() + " labeling proofs, expected " + layers);
        }
        for (int layer = 1; layer <= layers; layer++) {
            LabelingProof lp = p.labelingProofs().get(layer - 1);
            List<byte[]> values = new ArrayList<>();
            for (int i = 0; i < SdrGraph.BASE_DEGREE; i++) {
                values.add(p.drgParents().get(i).rows().get(layer - 1));
            }
            if (layer > 1) {
                for (int i = 0; i < SdrGraph.EXP_DEGREE; i++) {
                    values.add(p.expParents().get(i).rows().get(layer - 2));
                }
            }
            if (lp.layer() != layer || lp.node() != c || !sameValues(lp.parents(), LabelFunction.repeatToTotal(values))) {
                return Result.fail("labeling proof of layer " + layer + " does not use the opened parent columns");
            }
            byte[] label = LabelFunction.label(out.replicaId(), layer, c, lp.parents());
            if (!Arrays.equals(label, p.column().rows().get(layer - 1))) {
                return Result.fail("label of layer " + layer + " does not match the opened column");
            }
        }
        LabelingProof enc = p.encodingProof();
        if (enc.layer() != layers || enc.node() != c || enc.parents().size() != LabelFunction.TOTAL_PARENTS) {
            return Result.fail("encoding proof is not for the last layer of node " + c);
        }
        byte[] key = LabelFunction.label(out.replicaId(), layers, c, enc.parents());
        try {
            Fr replica = Fr.fromBytesLE(key).add(Fr.fromBytesLE(d.leaf()));
            if (!Arrays.equals(replica.toBytesLE(), rl.leaf())) {
                return Result.fail("replica node is not key + data");
            }
        } catch (IllegalArgumentException e) {
            return Result.fail("encoding: " + e.getMessage());
        }
        return Result.OK;
    }

    private static Result checkColumn(Commit1.Output out, ColumnProof col, long index, int layers) {
        MerkleProof m = col.treeCProof();
        if (col.index() != index || col.rows().size() != layers) {
            return Result.fail("column of node " + col.index() + " where " + index + " was expected");
        }
        if (!shapeOk(m, out.sectorSize()) || m.leafIndex() != index || !Arrays.equals(m.root(), out.commC())) {
            return Result.fail("tree_c opening of node " + index + " is not under comm_c");
        }
        try {
            byte[] hash = PoseidonMerkleHasher.INSTANCE.hash(col.rows().toArray(new byte[0][]));
            if (!Arrays.equals(hash, m.leaf()) || !m.verify(PoseidonMerkleHasher.INSTANCE)) {
                return Result.fail("column of node " + index + " does not hash into comm_c");
            }
        } catch (IllegalArgumentException e) {
            return Result.fail("column of node " + index + ": " + e.getMessage());
        }
        return Result.OK;
    }

    private static boolean safeVerify(MerkleProof m) {
        try {
            return m.verify(PoseidonMerkleHasher.INSTANCE);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static boolean shapeOk(MerkleProof m, SectorSize size) {
        TreeShape s = size.shape();
        return m.hasShape(s.baseArity(), Long.numberOfTrailingZeros(size.leavesPerBaseTree()) / 3, s.subArity(),
                s.topArity());
    }

    private static boolean sameValues(List<byte[]> a, List<byte[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }
}
