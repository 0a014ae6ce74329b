package io.filprover.proofs.porep;

import io.filprover.api.ApiVersion;
import io.filprover.api.PoRepFeature;
import io.filprover.api.SectorSize;
import io.filprover.proofs.merkle.PoseidonMerkleHasher;
import io.filprover.proofs.sdr.ReplicaId;
import io.filprover.proofs.tree.MappedFile;

import java.io.IOException;
import java.nio.file.Path;
import io.filprover.proofs.sdr.SdrGraph;

import java.util.ArrayList;
import java.util.List;

/**
 * Commit phase 1 (docs/spec/filecoin-porep-post.md §9, §11): derives the challenges of every partition and opens
 * each of them
 * against the stored sector (vanilla proofs, docs/spec/filecoin-porep-post.md §11.1).
 */
public final class Commit1 {
    /**
     * The C1 result (upstream {@code SealCommitPhase1Output} plus what C2 needs to rebuild public inputs;
     * docs/c1-output.md maps the fields). {@code proverId} and {@code sectorId} are null when the output
     * was read from upstream JSON, which does not carry them (upstream C2 takes them as arguments).
     */
    public record Output(SectorSize sectorSize, int layers, byte[] porepId, ApiVersion apiVersion, PoRepFeature feature,
                         byte[] proverId, Long sectorId, byte[] ticket, byte[] seed, byte[] replicaId, byte[] commD,
                         byte[] commC, byte[] commRLast, byte[] commR, List<List<ChallengeProof>> partitions) {
        public Output {
            partitions = partitions.stream().map(List::copyOf).toList();
        }
    }

    private Commit1() {
    }

    public static Output run(SealedSector sector, PreCommit1.SectorIdentity id, PoRepFeature feature, byte[] seed) {
        if (seed == null || seed.length != 32) {
            throw new io.filprover.api.InvalidInputException("seed", "must be 32 bytes");
        }
        SectorSize size = sector.size();
        byte[] commD = sector.commD();
        byte[] replicaId = ReplicaId.compute(id.proverId(), id.sectorId(), id.ticket(), commD, id.porepId());
        byte[] commR = sector.commR();
        SdrGraph graph = new SdrGraph(size.nodes(), id.porepId(), id.apiVersion());
        int partitions = size.porepPartitions(feature);
        int cpp = size.porepChallengesPerPartition(feature);
        List<List<ChallengeProof>> out = new ArrayList<>();
        for (int k = 0; k < partitions; k++) {
            long[] challenges = PoRepChallenges.forPartition(feature, replicaId, commR, seed, size.nodes(), cpp, k);
            List<ChallengeProof> proofs = new ArrayList<>();
            for (long c : challenges) {
                proofs.add(prove(sector, graph, c));
            }
            out.add(proofs);
        }
        return new Output(size, sector.layers(), id.porepId(), id.apiVersion(), feature, id.proverId(), id.sectorId(),
                id.ticket(), seed.clone(), replicaId, commD, sector.commC(), sector.commRLast(), commR, out);
    }

    /**
     * Synthetic PoRep at commit time (docs/spec/filecoin-porep-post.md §9.2): the selected records of {@code
     * syn-porep-vanilla-proofs.dat}
     * (labels, tree_c and tree_d are not needed any more).
     */
    public static Output runFromSyntheticProofs(Path synFile, SectorSize size, int layers, PreCommit1.SectorIdentity id,
                                                byte[] seed) throws IOException {
        if (seed == null || seed.length != 32) {
            throw new io.filprover.api.InvalidInputException("seed", "must be 32 bytes");
        }
        SyntheticProofsFile format = new SyntheticProofsFile(size, layers);
        MappedFile file = MappedFile.openRead(synFile, format.fileBytes(size.syntheticChallenges()));
        byte[][] roots = SyntheticProofsFile.roots(file);
        byte[] replicaId = ReplicaId.compute(id.proverId(), id.sectorId(), id.ticket(), roots[0], id.porepId());
        byte[] commR = PoseidonMerkleHasher.commR(roots[1], roots[2]);
        PoRepFeature feature = PoRepFeature.SYNTHETIC;
        int cpp = size.porepChallengesPerPartition(feature);
        List<List<ChallengeProof>> out = new ArrayList<>();
        for (int k = 0; k < size.porepPartitions(feature); k++) {
            List<ChallengeProof> proofs = new ArrayList<>();
            for (long idx : PoRepChallenges.syntheticSelection(replicaId, seed, size.syntheticChallenges(), cpp, k)) {
                proofs.add(format.read(file, idx));
            }
            out.add(proofs);
        }
        return new Output(size, layers, id.porepId(), id.apiVersion(), feature, id.proverId(), id.sectorId(),
                id.ticket(), seed.clone(), replicaId, roots[0], roots[1], roots[2], commR, out);
    }

    /** The vanilla proof of one challenge (docs/spec/filecoin-porep-post.md §11.1). */
    public static ChallengeProof prove(SealedSector sector, SdrGraph graph, long c) {
        int[] parents = graph.parents(c);
        List<ColumnProof> drg = new ArrayList<>();
        for (int i = 0; i < SdrGraph.BASE_DEGREE; i++) {
            drg.add(sector.column(parents[i]));
        }
        List<ColumnProof> exp = new ArrayList<>();
        for (int i = SdrGraph.BASE_DEGREE; i < SdrGraph.DEGREE; i++) {
            exp.add(sector.column(parents[i]));
        }
        List<LabelingProof> labeling = new ArrayList<>();
        for (int layer = 1; layer <= sector.layers(); layer++) {
            List<byte[]> values = new ArrayList<>();
            for (int i = 0; i < SdrGraph.BASE_DEGREE; i++) {
                values.add(sector.label(layer, parents[i]));
            }
            if (layer > 1) {
                for (int i = SdrGraph.BASE_DEGREE; i < SdrGraph.DEGREE; i++) {
                    values.add(sector.label(layer - 1, parents[i]));
                }
            }
            labeling.add(new LabelingProof(layer, c, LabelFunction.repeatToTotal(values)));
        }
        LabelingProof last = labeling.get(labeling.size() - 1);
        LabelingProof encoding = new LabelingProof(sector.layers(), c, last.parents());
        return new ChallengeProof(c, sector.treeD().prove(c), sector.column(c), drg, exp, sector.treeRLast().prove(c),
                labeling, encoding);
    }
}
