package io.filprover.proofs.post;

import io.filprover.api.InvalidInputException;
import io.filprover.api.RegisteredPoStProof;
import io.filprover.api.SectorSize;
import io.filprover.api.kernels.Kernels;
import io.filprover.proofs.merkle.MerkleProof;
import io.filprover.proofs.merkle.PoseidonMerkleHasher;
import io.filprover.proofs.tree.CacheFiles;
import io.filprover.proofs.tree.CompoundTreeReader;
import io.filprover.proofs.tree.SectorFilesException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Generates fallback PoSt vanilla proofs (docs/spec/filecoin-porep-post.md §10) from sealed sectors' caches:
 * tree_r_last
 * openings of the challenged leaves plus comm_c / comm_r_last from p_aux. Every proof is checked
 * with {@link VanillaPoStVerifier} before it is returned.
 */
public final class PoStProver {
    /** A sealed sector as the prover finds it on disk. */
    public record SectorInput(long sectorId, byte[] commR, Path cacheDir, Path replicaPath) {
        public SectorInput {
            if (commR == null || commR.length != 32) {
                throw new InvalidInputException("comm_r", "must be 32 bytes");
            }
            commR = commR.clone();
        }
    }

    private final Kernels kernels;

    public PoStProver(Kernels kernels) {
        this.kernels = kernels;
    }

    /**
     * The vanilla proof of one sector. {@code position}: the sector's 0-based position in the whole
     * id-sorted sector list (Window PoSt; Winning: 0).
     */
    public FallbackPoStSectorProof prove(RegisteredPoStProof type, byte[] randomness, SectorInput sector, long position)
            throws IOException {
        SectorSize size = type.sectorSize();
        CompoundTreeReader tree = CompoundTreeReader.openTreeRLast(sector.cacheDir(), sector.replicaPath(), size, kernels);
        Path pAuxFile = CacheFiles.pAux(sector.cacheDir());
        if (!Files.isRegularFile(pAuxFile)) {
            throw new SectorFilesException("cache directory " + sector.cacheDir() + " has no " + CacheFiles.P_AUX);
        }
        byte[] pAux = Files.readAllBytes(pAuxFile);
        if (pAux.length != 64) {
            throw new SectorFilesException(pAuxFile + " has " + pAux.length + " bytes, expected 64");
        }
        byte[] commC = Arrays.copyOfRange(pAux, 0, 32);
        byte[] commRLast = Arrays.copyOfRange(pAux, 32, 64);
        if (!Arrays.equals(commRLast, tree.root())) {
            throw new SectorFilesException("p_aux's comm_r_last differs from the root of the tree_r_last files in "
                    + sector.cacheDir());
        }
        if (!Arrays.equals(PoseidonMerkleHasher.commR(commC, commRLast), sector.commR())) {
            throw new SectorFilesException("sector " + Long.toUnsignedString(sector.sectorId())
                    + ": comm_r is not Poseidon(comm_c, comm_r_last) of " + pAuxFile);
        }
        long[] challenges = PoStChallenges.sectorChallenges(type.apiVersion(), randomness, sector.sectorId(), position,
                type.challengeCount(), size.nodes());
        List<MerkleProof> proofs = new ArrayList<>();
        for (long c : challenges) {
            proofs.add(tree.prove(c));
        }
        List<SectorProof> sectors = new ArrayList<>();
        if (type.kind() == RegisteredPoStProof.Kind.WINNING) {
            for (MerkleProof m : proofs) {
                sectors.add(new SectorProof(List.of(m), commC, commRLast));
            }
        } else {
            sectors.add(new SectorProof(proofs, commC, commRLast));
        }
        FallbackPoStSectorProof proof = new FallbackPoStSectorProof(sector.sectorId(), sector.commR(), sectors);
        VanillaPoStVerifier.Result r = new VanillaPoStVerifier().verify(type, randomness, sector.sectorId(),
                sector.commR(), position, proof);
        if (!r.valid()) {
            throw new SectorFilesException("sector " + Long.toUnsignedString(sector.sectorId())
                    + ": the generated proof does not verify (" + r.reason() + "); the replica or cache is corrupt");
        }
        return proof;
    }

    /**
     * Winning PoSt: picks the challenged sector of {@code eligible} (docs/spec/filecoin-porep-post.md §10.2) and
     * proves it.
     */
    public FallbackPoStSectorProof proveWinning(RegisteredPoStProof type, byte[] randomness, byte[] proverId,
                                                List<SectorInput> eligible) throws IOException {
        if (type.kind() != RegisteredPoStProof.Kind.WINNING) {
            throw new InvalidInputException("post-proof", type.upstreamName() + " is not a Winning PoSt proof");
        }
        long[] idx = PoStChallenges.winningSectorIndices(randomness, eligible.size(), proverId, type.sectorCount());
        return prove(type, randomness, eligible.get((int) idx[0]), 0);
    }

    /**
     * Window PoSt: proves the sectors of one partition; {@code sorted} is the whole sector list in
     * ascending id order (positions feed the challenges before API 1.2).
     */
    public List<FallbackPoStSectorProof> proveWindowPartition(RegisteredPoStProof type, byte[] randomness,
                                                              List<SectorInput> sorted, int partition) throws IOException {
        if (type.kind() != RegisteredPoStProof.Kind.WINDOW) {
            throw new InvalidInputException("post-proof", type.upstreamName() + " is not a Window PoSt proof");
        }
        int perPartition = type.sectorCount();
        long from = (long) partition * perPartition;
        if (partition < 0 || from >= sorted.size()) {
            throw new InvalidInputException("partition", "partition " + partition + " is empty: "
                    + sorted.size() + " sectors, " + perPartition + " per partition");
        }
        List<FallbackPoStSectorProof> out = new ArrayList<>();
        for (long s = from; s < Math.min(sorted.size(), from + perPartition); s++) {
            out.add(prove(type, randomness, sorted.get((int) s), s));
        }
        return out;
    }
}
