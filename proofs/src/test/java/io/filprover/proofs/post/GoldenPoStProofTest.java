package io.filprover.proofs.post;

import io.filprover.api.ApiVersion;
import io.filprover.api.Commitment;
import io.filprover.api.Hex;
import io.filprover.api.InvalidInputException;
import io.filprover.api.RegisteredPoStProof;
import io.filprover.proofs.merkle.MerkleProof;
import io.filprover.proofs.merkle.PathElement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TV-POST-GOLDEN: curio's production 32 GiB Window PoSt vanilla proof (see vectors/post-golden/README.md). */
class GoldenPoStProofTest {
    static byte[] golden() throws IOException {
        try (InputStream in = GoldenPoStProofTest.class.getResourceAsStream("/vectors/post-golden/post.vproof")) {
            return in.readAllBytes();
        }
    }

    @Test
    void fileIsTheUpstreamOne() throws Exception {
        byte[] b = golden();
        assertEquals(24960, b.length);
        assertEquals("3c906a399450aba007683a8a974604ffef5297a25c51731eb7832e26340c41e9",
                Hex.encode(MessageDigest.getInstance("SHA-256").digest(b)));
    }

    @Test
    void decodesToTheDocumentedValuesAndReencodesByteForByte() throws IOException {
        byte[] bytes = golden();
        FallbackPoStSectorProof p = VanillaPoStCodec.decode(bytes);
        assertEquals(1, p.sectorId());
        assertEquals("df691086e3c673c95a45908713d4c5938e5ced43f21b888bd9bc6e181c9f326b", Hex.encode(p.commR()));
        // postpub.json's SealedCID is this comm_r's sealed CID
        assertEquals("bagboea4b5abcbx3jccdohrttzfneleehcpkmle4oltwuh4q3rcf5tpdodaoj6mtl",
                Commitment.of(p.commR()).toCid(Commitment.Kind.SEALED));
        assertEquals(1, p.sectors().size());
        SectorProof s = p.sectors().get(0);
        assertEquals("9941e59d24a2a05877558ac5fa1aab256bd12a3e88ef51ee79f58b8d80adb94e", Hex.encode(s.commC()));
        assertEquals("f56b7f7f318d88ac4d72e5d94efd7de7f1df501b98b01a8564fa4cb4983b9e4b", Hex.encode(s.commRLast()));
        assertEquals(10, s.inclusionProofs().size());
        for (MerkleProof m : s.inclusionProofs()) {
            assertEquals(MerkleProof.Kind.SUB, m.kind());
            assertTrue(m.hasShape(8, 9, 8, 0), "32 GiB is 8-8-0 with 2^27-leaf base trees");
            assertArrayEquals(s.commRLast(), m.root());
        }
        assertArrayEquals(bytes, VanillaPoStCodec.encode(p));
    }

    @ParameterizedTest(name = "challenge {0}")
    @CsvFileSource(resources = "/vectors/post-golden/challenges.csv", numLinesToSkip = 1)
    void challengesPathsAndLeaves(int n, long leafChallenge, String baseIndices, int subIndex, String leaf) throws IOException {
        RegisteredPoStProof proof = RegisteredPoStProof.ofId(8);
        long nodes = proof.sectorSize().nodes();
        // re-derived from the public inputs: randomness 0^32, sector 1 at position 0
        long[] derived = PoStChallenges.sectorChallenges(proof.apiVersion(), new byte[32], 1, 0,
                proof.challengeCount(), nodes);
        assertEquals(leafChallenge, derived[n]);
        // V1_0 and V1_2 agree for the first sector (ci = n)
        assertEquals(leafChallenge, PoStChallenges.sectorChallenges(ApiVersion.V1_2_0, new byte[32], 1, 0, 10, nodes)[n]);
        MerkleProof m = VanillaPoStCodec.decode(golden()).sectors().get(0).inclusionProofs().get(n);
        String[] idx = baseIndices.split(" ");
        for (int k = 0; k < idx.length; k++) {
            assertEquals(Long.parseLong(idx[k]), m.base().get(k).index(), "base level " + k);
        }
        assertEquals(subIndex, m.sub().get(0).index());
        assertEquals(leafChallenge, m.leafIndex());
        assertEquals(leaf, Hex.encode(m.leaf()));
    }

    @Test
    void laterSectorPositionsChangeTheChallengesOnlyBeforeV12() {
        long nodes = 1L << 30;
        byte[] rand = new byte[32];
        new Random(3).nextBytes(rand);
        long[] v10 = PoStChallenges.sectorChallenges(ApiVersion.V1_0_0, rand, 7, 3, 10, nodes);
        long[] v12 = PoStChallenges.sectorChallenges(ApiVersion.V1_2_0, rand, 7, 3, 10, nodes);
        assertEquals(PoStChallenges.leafChallenge(rand, 7, 30, nodes), v10[0]);
        assertEquals(PoStChallenges.leafChallenge(rand, 7, 0, nodes), v12[0]);
        assertTrue(!Arrays.equals(v10, v12));
    }

    @Test
    void truncatedOrPaddedProofsAreRejected() throws IOException {
        byte[] b = golden();
        for (int len : new int[] {0, 7, 8, 40, 48, 1000, b.length - 1}) {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> VanillaPoStCodec.decode(Arrays.copyOf(b, len)), "length " + len);
            assertEquals("vanilla-proof", e.field());
        }
        assertThrows(InvalidInputException.class, () -> VanillaPoStCodec.decode(Arrays.copyOf(b, b.length + 1)));
    }

    @Test
    void corruptLengthsAndVariantsAreRejectedWithoutHugeAllocations() throws IOException {
        byte[] b = golden();
        byte[] hugeCount = b.clone();
        Arrays.fill(hugeCount, 40, 48, (byte) 0xff); // the sectors vector length
        assertThrows(InvalidInputException.class, () -> VanillaPoStCodec.decode(hugeCount));
        byte[] badVariant = b.clone();
        badVariant[56] = 9; // first inclusion proof's variant tag
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> VanillaPoStCodec.decode(badVariant));
        assertTrue(e.getMessage().contains("variant"), e.getMessage());
    }

    @Test
    void leafIndexOfRandomPaths() {
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        for (int t = 0; t < 100; t++) {
            long c = rnd.nextLong() & ((1L << 31) - 1); // a 64 GiB (8-8-2) leaf
            java.util.List<PathElement> base = new java.util.ArrayList<>();
            for (int k = 0; k < 9; k++) {
                base.add(new PathElement(java.util.Collections.nCopies(7, new byte[32]), (c >>> (3 * k)) & 7));
            }
            PathElement sub = new PathElement(java.util.Collections.nCopies(7, new byte[32]), (c >>> 27) & 7);
            PathElement top = new PathElement(java.util.Collections.nCopies(1, new byte[32]), c >>> 30);
            MerkleProof m = new MerkleProof(MerkleProof.Kind.TOP, base, java.util.List.of(sub), java.util.List.of(top),
                    new byte[32], new byte[32]);
            assertEquals(c, m.leafIndex(), "seed " + seed);
            assertTrue(m.hasShape(8, 9, 8, 2));
            byte[] enc = VanillaPoStCodec.encode(new FallbackPoStSectorProof(c, new byte[32],
                    java.util.List.of(new SectorProof(java.util.List.of(m), new byte[32], new byte[32]))));
            assertEquals(c, VanillaPoStCodec.decode(enc).sectors().get(0).inclusionProofs().get(0).leafIndex());
        }
    }
}
