package io.filprover.proofs.post;

import io.filprover.api.ApiVersion;
import io.filprover.api.InvalidInputException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import io.filprover.proofs.hash.Sha256;

import java.security.MessageDigest;

/** Fallback PoSt challenge derivation (docs/spec/filecoin-porep-post.md §10.2, §10.3). */
public final class PoStChallenges {
    private PoStChallenges() {
    }

    /**
     * Winning PoSt sector selection: for n in [0, count), u64_LE(SHA256(prover_id || randomness ||
     * u64_LE(n))[0..8]) mod sectorSetSize. The caller maps each index into its eligible-sector list.
     */
    public static long[] winningSectorIndices(byte[] randomness, long sectorSetSize, byte[] proverId, int count) {
        check32(randomness, "randomness");
        check32(proverId, "prover-id");
        if (sectorSetSize <= 0) {
            throw new InvalidInputException("sectors", "the eligible sector set is empty");
        }
        long[] out = new long[count];
        for (int n = 0; n < count; n++) {
            MessageDigest md = Sha256.newDigest();
            md.update(proverId);
            md.update(randomness);
            md.update(le64(n));
            out[n] = Long.remainderUnsigned(first8(md.digest()), sectorSetSize);
        }
        return out;
    }

    /** The challenged leaf: u64_LE(SHA256(randomness || u64_LE(sector_id) || u64_LE(ci))[0..8]) mod nodes. */
    public static long leafChallenge(byte[] randomness, long sectorId, long challengeIndex, long sectorNodes) {
        check32(randomness, "randomness");
        MessageDigest md = Sha256.newDigest();
        md.update(randomness);
        md.update(le64(sectorId));
        md.update(le64(challengeIndex));
        return Long.remainderUnsigned(first8(md.digest()), sectorNodes);
    }

    /**
     * The challenge index ci of challenge n for the sector at position s (0-based over the whole
     * sector list sorted by id): s·count + n before ApiVersion 1.2.0, n from 1.2.0 on.
     */
    public static long challengeIndex(ApiVersion version, long sectorPosition, int n, int challengeCount) {
        return version == ApiVersion.V1_2_0 ? n : sectorPosition * challengeCount + n;
    }

    /** All leaf challenges of one sector. */
    public static long[] sectorChallenges(ApiVersion version, byte[] randomness, long sectorId, long sectorPosition,
                                          int challengeCount, long sectorNodes) {
        long[] out = new long[challengeCount];
        for (int n = 0; n < challengeCount; n++) {
            out[n] = leafChallenge(randomness, sectorId, challengeIndex(version, sectorPosition, n, challengeCount),
                    sectorNodes);
        }
        return out;
    }

    private static long first8(byte[] h) {
        return ByteBuffer.wrap(h, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    private static byte[] le64(long v) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array();
    }

    private static void check32(byte[] b, String field) {
        if (b == null || b.length != 32) {
            throw new InvalidInputException(field, "must be 32 bytes, got " + (b == null ? 0 : b.length));
        }
    }

}
