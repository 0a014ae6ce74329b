package io.filprover.proofs.sdr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.filprover.api.ApiVersion;
import io.filprover.api.Hex;
import io.filprover.api.RegisteredSealProof;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SdrGraphTest {

    @Test
    void seedsAndFeistelKeysMatchTvGraph() {
        // TV-GRAPH seed rows (test resource sdr/tv-graph.txt), ids 0, 5, 8, 9, 13 (Synthetic), 18 (NI)
        int n = 0;
        for (String[] r : TestVectors.rows("tv-graph.txt")) {
            if (!r[0].equals("seed")) {
                continue;
            }
            byte[] porepId = RegisteredSealProof.porepIdOf(Long.parseLong(r[1]));
            assertEquals(r[2], Hex.encode(GraphSeeds.drgSeed(porepId)), "drg seed of id " + r[1]);
            long[] keys = GraphSeeds.feistelKeys(porepId);
            for (int i = 0; i < 4; i++) {
                assertEquals(TestVectors.parseLong(r[3 + i]), keys[i], "feistel key " + i + " of id " + r[1]);
            }
            n++;
        }
        assertEquals(6, n);
    }

    @Test
    void feistelPrecomputeMatchesTvGraph() {
        // TV-GRAPH: (left_mask, right_mask, half_bits) for 2 KiB, 32 GiB, 64 GiB
        long[][] expected = {{64, 992, 31, 5}, {1L << 30, 17179738112L, 131071, 17}, {1L << 31, 17179738112L, 131071, 17}};
        for (long[] e : expected) {
            FeistelExpander f = new SdrGraph(e[0], RegisteredSealProof.porepIdOf(5), ApiVersion.V1_1_0).expander();
            assertEquals(e[1], f.leftMask(), "nodes " + e[0]);
            assertEquals(e[2], f.rightMask(), "nodes " + e[0]);
            assertEquals(e[3], f.halfBits(), "nodes " + e[0]);
        }
    }

    @Test
    void parentsMatchTvGraph() {
        // TV-GRAPH parent rows: 2 KiB ids 5 (V1_1) and 0 (V1_0), 32 GiB id 8, 64 GiB id 9
        int n = 0;
        for (String[] r : TestVectors.rows("tv-graph.txt")) {
            if (!r[0].equals("parents")) {
                continue;
            }
            SdrGraph g = new SdrGraph(Long.parseLong(r[1]), RegisteredSealProof.porepIdOf(Long.parseLong(r[2])),
                    ApiVersion.parse(r[3]));
            int[] expected = new int[14];
            for (int i = 0; i < 14; i++) {
                expected[i] = (int) Long.parseLong(r[5 + i]);
            }
            assertArrayEquals(expected, g.parents(Long.parseLong(r[4])), String.join(" ", r));
            n++;
        }
        assertEquals(16, n);
    }

    @Test
    void syntheticAndNiProofsUseTheirOwnGraphs() {
        // TV-GRAPH: ids 13 (32 GiB Synthetic) and 18 (32 GiB NI) have their own seeds, unlike id 8 (V1_1)
        SdrGraph syn = SdrGraph.of(RegisteredSealProof.STACKED_DRG_32GIB_V1_1_FEAT_SYNTHETIC_POREP);
        SdrGraph ni = SdrGraph.of(RegisteredSealProof.STACKED_DRG_32GIB_V1_2_FEAT_NON_INTERACTIVE_POREP);
        SdrGraph v11 = SdrGraph.of(RegisteredSealProof.STACKED_DRG_32GIB_V1_1);
        assertEquals(0x7a5ca87754825a6eL, syn.feistelKeys()[0]);
        assertEquals(0x534899792a1c692eL, ni.feistelKeys()[0]);
        assertEquals(ApiVersion.V1_2_0, syn.apiVersion());
        assertEquals(1L << 30, ni.nodes());
        long v = 123456789L;
        assertTrue(!Arrays.equals(v11.parents(v), syn.parents(v)) && !Arrays.equals(syn.parents(v), ni.parents(v)));
        // V1_2 orders parents like V1_1: predecessor first
        assertEquals(v - 1, syn.parents(v)[0]);
        assertEquals(v - 1, ni.parents(v)[0]);
    }

    @Test
    void feistelPermutationIsABijection() {
        // independent property: permute() must be a permutation of [0, 8N) (docs/spec/filecoin-porep-post.md §6.3)
        long seed = System.nanoTime();
        byte[] porepId = new byte[32];
        new Random(seed).nextBytes(porepId);
        for (long nodes : new long[] {64, 128, 1024}) {
            FeistelExpander.Sampler s = new SdrGraph(nodes, porepId, ApiVersion.V1_1_0).expander().sampler();
            BitSet seen = new BitSet();
            for (long x = 0; x < nodes * 8; x++) {
                long u = s.permute(x);
                assertTrue(u >= 0 && u < nodes * 8, "seed " + seed);
                assertTrue(!seen.get((int) u), "collision at " + x + ", seed " + seed);
                seen.set((int) u);
            }
        }
    }

    @Test
    void legacyGraphIsRotationAndTruncationOfCurrentGraph() {
        // Algebraic relation between the two api generations (docs/spec/filecoin-porep-post.md §4.5) for the same
        // porep id:
        // base parents are rotated (predecessor last), and (t mod 2^32)/8 == (t/8) mod 2^29.
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        byte[] porepId = new byte[32];
        rnd.nextBytes(porepId);
        long nodes = 1L << 31; // 64 GiB: t reaches 2^34, so the truncation matters
        SdrGraph legacy = new SdrGraph(nodes, porepId, ApiVersion.V1_0_0);
        SdrGraph current = new SdrGraph(nodes, porepId, ApiVersion.V1_1_0);
        int truncatedSeen = 0;
        for (int i = 0; i < 300; i++) {
            long v = i < 3 ? i : (rnd.nextLong() >>> 1) % nodes;
            int[] a = legacy.parents(v);
            int[] b = current.parents(v);
            for (int k = 0; k < 5; k++) {
                assertEquals(b[k + 1], a[k], "seed " + seed + " v " + v);
            }
            assertEquals(b[0], a[5], "seed " + seed + " v " + v);
            for (int k = 6; k < 14; k++) {
                assertEquals(b[k] & ((1 << 29) - 1), a[k], "seed " + seed + " v " + v);
                if (a[k] != b[k]) {
                    truncatedSeen++;
                }
            }
        }
        assertTrue(truncatedSeen > 0, "the legacy truncation never applied; seed " + seed);
    }

    @Test
    void baseParentsPrecedeTheNode() {
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        byte[] porepId = new byte[32];
        rnd.nextBytes(porepId);
        SdrGraph g = new SdrGraph(1L << 30, porepId, ApiVersion.V1_2_0);
        SdrGraph.Sampler s = g.sampler();
        int[] p = new int[14];
        for (int i = 0; i < 1000; i++) {
            long v = 2 + (rnd.nextLong() >>> 1) % ((1L << 30) - 2);
            s.parents(v, p, 0);
            assertEquals(v - 1, p[0], "seed " + seed);
            for (int k = 0; k < 6; k++) {
                assertTrue(p[k] >= 0 && p[k] < v, "base parent " + p[k] + " of " + v + ", seed " + seed);
            }
            for (int k = 6; k < 14; k++) {
                assertTrue(p[k] >= 0 && p[k] < (1L << 30), "seed " + seed);
            }
        }
    }
}
