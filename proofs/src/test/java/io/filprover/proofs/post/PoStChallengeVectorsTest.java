package io.filprover.proofs.post;

import io.filprover.api.ApiVersion;
import io.filprover.api.Hex;
import io.filprover.proofs.porep.Vectors;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** PoSt challenge derivation against TV-CHAL (docs/spec/test-vectors.md, derived), copied to resources/porep/tv-chal.txt. */
class PoStChallengeVectorsTest {
    private final Vectors v = new Vectors("tv-chal.txt");

    @Test
    void winningSectorSelection() {
        byte[] prover = Hex.decode(v.get("post.winning_prover"), "prover");
        byte[] zero = new byte[32];
        long[] sizes = {1, 10, 1000};
        long[] expected = v.longs("post.winning_index_sizes_1_10_1000");
        for (int i = 0; i < sizes.length; i++) {
            assertEquals(expected[i], PoStChallenges.winningSectorIndices(zero, sizes[i], prover, 1)[0]);
        }
        // the raw u64 modulo a set size larger than it is the u64 itself (unsigned)
        long raw = Long.parseUnsignedLong(v.get("post.winning_u64_n0"));
        assertEquals(raw, PoStChallenges.winningSectorIndices(zero, Long.MAX_VALUE, prover, 1)[0]);
    }

    @Test
    void leafChallenges() {
        byte[] zero = new byte[32];
        assertArrayEquals(v.longs("post.leaf_2kib_sector1_ci0_9"),
                PoStChallenges.sectorChallenges(ApiVersion.V1_2_0, zero, 1, 0, 10, 64));
        assertArrayEquals(v.longs("post.window_32gib_sector2_pos1_v1_0"),
                PoStChallenges.sectorChallenges(ApiVersion.V1_0_0, zero, 2, 1, 10, 1L << 30));
        assertArrayEquals(v.longs("post.window_32gib_sector2_v1_2"),
                PoStChallenges.sectorChallenges(ApiVersion.V1_2_0, zero, 2, 1, 10, 1L << 30));
    }
}
