package io.filprover.proofs.porep;

import io.filprover.api.Hex;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PoRep challenges against TV-CHAL (derived) and TV-SYNTH (upstream), copied to resources/porep/tv-chal.txt. */
class PoRepChallengesTest {
    private final Vectors v = new Vectors("tv-chal.txt");

    @Test
    void interactiveMatchesTvChal() {
        byte[] rid = Hex.decode(v.get("chal.replica_id"), "replica_id");
        byte[] seed = Hex.decode(v.get("chal.seed"), "seed");
        assertArrayEquals(v.longs("chal.interactive_64_cpp2_k0"), PoRepChallenges.interactive(rid, seed, 64, 2, 0));
        long[] k0 = PoRepChallenges.interactive(rid, seed, 1L << 30, 18, 0);
        long[] k1 = PoRepChallenges.interactive(rid, seed, 1L << 30, 18, 1);
        assertArrayEquals(v.longs("chal.interactive_2p30_cpp18_k0_prefix"), Arrays.copyOf(k0, 4));
        assertArrayEquals(v.longs("chal.interactive_2p30_cpp18_k1_prefix"), Arrays.copyOf(k1, 4));
        // partition transparency: partition 1 of cpp 18 = elements 18..35 of a single cpp-36 partition
        long[] single = PoRepChallenges.interactive(rid, seed, 1L << 30, 36, 0);
        assertArrayEquals(k1, Arrays.copyOfRange(single, 18, 36));
    }

    @Test
    void nonInteractiveMatchesTvChal() {
        byte[] rid = Hex.decode(v.get("chal.replica_id"), "replica_id");
        byte[] commR = Hex.decode(v.get("chal.ni_commr"), "comm_r");
        assertArrayEquals(v.longs("chal.ni_64_cpp2_k0"), PoRepChallenges.nonInteractive(rid, commR, 64, 2, 0));
    }

    @Test
    void syntheticMatchesUpstream() {
        byte[] rid = new byte[32];
        rid[0] = 55; // repr of Fr(55)
        byte[] commR = new byte[32];
        commR[0] = 101; // repr of Fr(101)
        byte[] seed = new byte[32];
        Arrays.fill(seed, (byte) 1);
        assertArrayEquals(v.longs("synth.synthetic_0_20"), PoRepChallenges.synthetic(rid, commR, 1024, 0, 21));
        assertArrayEquals(v.longs("synth.selected_indexes"), PoRepChallenges.syntheticSelection(rid, seed, 21, 10, 0));
        assertArrayEquals(v.longs("synth.porep_challenges"), PoRepChallenges.syntheticPorep(rid, commR, seed, 1024, 21, 10, 0));
        assertArrayEquals(v.longs("synth.porep_challenges_default_num_synth"),
                PoRepChallenges.syntheticPorep(rid, commR, seed, 1024, 1024, 10, 0));
        // a window of the stream equals the same elements of a longer prefix
        assertArrayEquals(Arrays.copyOfRange(PoRepChallenges.synthetic(rid, commR, 1024, 0, 21), 5, 9),
                PoRepChallenges.synthetic(rid, commR, 1024, 5, 4));
    }

    @Test
    void randomChallengesStayInRange() {
        long seedValue = new Random().nextLong();
        Random rnd = new Random(seedValue);
        byte[] rid = new byte[32];
        byte[] seed = new byte[32];
        rnd.nextBytes(rid);
        rnd.nextBytes(seed);
        for (long n : new long[] {64, 128, 1L << 30}) {
            for (long c : PoRepChallenges.interactive(rid, seed, n, 18, 3)) {
                assertTrue(c >= 1 && c < n, "seed " + seedValue + ": challenge " + c + " outside [1, " + n + ")");
            }
            for (long c : PoRepChallenges.nonInteractive(rid, seed, n, 18, 3)) {
                assertTrue(c >= 1 && c < n, "seed " + seedValue + ": challenge " + c);
            }
        }
    }
}
