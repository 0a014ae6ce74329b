package io.filprover.proofs.post;

import io.filprover.api.RegisteredPoStProof;
import io.filprover.api.SectorSize;
import io.filprover.api.TreeShape;
import io.filprover.proofs.merkle.MerkleHasher;
import io.filprover.proofs.merkle.MerkleProof;
import io.filprover.proofs.merkle.PoseidonMerkleHasher;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Verifies a fallback PoSt vanilla proof of one sector against its public inputs
 * (docs/spec/filecoin-porep-post.md §10.4):
 * comm_r = Poseidon_2(comm_c, comm_r_last), and for each challenge an inclusion proof of the
 * right shape whose leaf index is the re-derived challenge and whose path hashes to comm_r_last.
 */
public final class VanillaPoStVerifier {
    /** The verdict, with the first reason for rejection. */
    public record Result(boolean valid, String reason) {
        static final Result OK = new Result(true, "valid");

        static Result fail(String reason) {
            return new Result(false, reason);
        }
    }

    private final MerkleHasher hasher;

    public VanillaPoStVerifier() {
        this(PoseidonMerkleHasher.INSTANCE);
    }

    public VanillaPoStVerifier(MerkleHasher hasher) {
        this.hasher = hasher;
    }

    /**
     * @param sectorPosition the sector's 0-based position in the whole id-sorted sector list
     *                       (Window PoSt before API 1.2 mixes it into the challenges; Winning: 0)
     */
    public Result verify(RegisteredPoStProof type, byte[] randomness, long sectorId, byte[] commR,
                         long sectorPosition, FallbackPoStSectorProof proof) {
        if (proof.sectorId() != sectorId) {
            return Result.fail("proof is for sector " + Long.toUnsignedString(proof.sectorId()) + ", expected "
                    + Long.toUnsignedString(sectorId));
        }
        if (!Arrays.equals(proof.commR(), commR)) {
            return Result.fail("proof's comm_r differs from the sector's comm_r");
        }
        if (proof.sectors().isEmpty()) {
            return Result.fail("proof has no sector proofs");
        }
        SectorSize size = type.sectorSize();
        int challengeCount = type.challengeCount();
        // Winning PoSt unrolls its challenges into single-challenge sector proofs; Window has one sector proof.
        int expectedSectorProofs = type.kind() == RegisteredPoStProof.Kind.WINNING ? challengeCount : 1;
        if (proof.sectors().size() != expectedSectorProofs) {
            return Result.fail(proof.sectors().size() + " sector proofs, expected " + expectedSectorProofs);
        }
        List<MerkleProof> inclusion = new ArrayList<>();
        for (SectorProof s : proof.sectors()) {
            Result r = checkCommitments(s, commR);
            if (!r.valid()) {
                return r;
            }
            inclusion.addAll(s.inclusionProofs());
        }
        if (inclusion.size() != challengeCount) {
            return Result.fail(inclusion.size() + " inclusion proofs, expected " + challengeCount);
        }
        long[] challenges;
        try {
            challenges = PoStChallenges.sectorChallenges(type.apiVersion(), randomness, sectorId, sectorPosition,
                    challengeCount, size.nodes());
        } catch (IllegalArgumentException e) {
            return Result.fail(e.getMessage());
        }
        TreeShape shape = size.shape();
        int baseLevels = Long.numberOfTrailingZeros(size.leavesPerBaseTree()) / 3;
        for (int n = 0; n < challengeCount; n++) {
            MerkleProof m = inclusion.get(n);
            byte[] commRLast = proof.sectors().get(type.kind() == RegisteredPoStProof.Kind.WINNING ? n : 0).commRLast();
            if (!m.hasShape(shape.baseArity(), baseLevels, shape.subArity(), shape.topArity())) {
                return Result.fail("challenge " + n + ": path does not have the " + shape + " shape of " + size);
            }
            if (m.leafIndex() != challenges[n]) {
                return Result.fail("challenge " + n + ": path proves leaf " + m.leafIndex() + ", challenge is " + challenges[n]);
            }
            if (!Arrays.equals(m.root(), commRLast)) {
                return Result.fail("challenge " + n + ": proof root is not comm_r_last");
            }
            byte[] root;
            try {
                root = m.computeRoot(hasher);
            } catch (IllegalArgumentException e) {
                return Result.fail("challenge " + n + ": " + e.getMessage());
            }
            if (!Arrays.equals(root, commRLast)) {
                return Result.fail("challenge " + n + ": path does not hash to comm_r_last");
            }
        }
        return Result.OK;
    }

    private Result checkCommitments(SectorProof s, byte[] commR) {
        byte[] computed;
        try {
            computed = hasher.hash(new byte[][] {s.commC(), s.commRLast()});
        } catch (IllegalArgumentException e) {
            return Result.fail("comm_c/comm_r_last: " + e.getMessage());
        }
        if (!Arrays.equals(computed, commR)) {
            return Result.fail("Poseidon(comm_c, comm_r_last) is not comm_r");
        }
        return Result.OK;
    }
}
