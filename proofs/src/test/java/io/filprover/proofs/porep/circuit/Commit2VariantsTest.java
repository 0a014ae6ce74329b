package io.filprover.proofs.porep.circuit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.filprover.api.PoRepFeature;
import io.filprover.api.SectorSize;
import io.filprover.bls12381.field.Fr;
import io.filprover.proofs.groth16.BlstGroth16Check;
import io.filprover.proofs.groth16.Proof;
import io.filprover.proofs.groth16.params.Groth16Parameters;
import io.filprover.proofs.groth16.params.TestParameterCache;
import io.filprover.proofs.groth16.params.VerifyingKey;
import io.filprover.proofs.porep.Commit1;
import io.filprover.proofs.porep.Commit2;
import io.filprover.proofs.sdr.ReplicaId;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * C2 end to end for the other 2 KiB PoRep variants, with {@link Commit2Test}'s parameters: a
 * Synthetic PoRep sector (StackedDrg2KiBV1_1_Feat_SyntheticPoRep, id 10: 1 partition of 2
 * challenges chosen among the synthetic ones by the seed) and a Non-interactive PoRep sector
 * (StackedDrg2KiBV1_2_Feat_NonInteractivePoRep, id 15: 13 partitions of 2 challenges derived from
 * replica_id and comm_r alone, docs/spec/filecoin-porep-post.md §9.3). Every partition proof
 * verifies with our verifier and with blst; wrong public data are rejected.
 *
 * <p>Both variants' partitions are the interactive circuit (the challenges are public inputs;
 * docs/spec/filecoin-porep-post.md §11.5): {@link #setUp} checks the three blank circuits have one
 * digest, so the cached parameters serve all three and no second setup is paid. NI-PoRep's 13
 * proofs are the circuit proofs; filecoin-ffi aggregates them with SnarkPack, which is not here.
 * Measured on a shared 2-core machine (-Xmx4g, cached parameters, load 5–7): the NI C2 1,692 s wall
 * (1,439 s of CPU, about 111 s per partition, two partitions in memory at a time), the Synthetic C2
 * 106 s; the class 1,874 s.
 */
@Tag("slow")
class Commit2VariantsTest {
    @TempDir
    static Path dir;

    private static Groth16Parameters params;
    private static long seed;

    @BeforeAll
    static void setUp() throws IOException {
        seed = new Random().nextLong();
        long d0 = System.nanoTime();
        String interactive = digest(PoRepFeature.NONE);
        assertEquals(interactive, digest(PoRepFeature.SYNTHETIC), "seed " + seed);
        assertEquals(interactive, digest(PoRepFeature.NON_INTERACTIVE), "seed " + seed);
        C2Fixture.report(String.format("2 KiB blank circuits of NONE, SYNTHETIC, NON_INTERACTIVE have one digest %s "
                + "(%.1f s)", interactive.substring(0, 24), (System.nanoTime() - d0) / 1e9));
        params = C2Fixture.params(SectorSize.SIZE_2KIB, seed);
    }

    private static String digest(PoRepFeature feature) {
        return TestParameterCache.digest(StackedCompound.blankCircuit(StackedConfig.of(SectorSize.SIZE_2KIB, 2, feature)));
    }

    @AfterAll
    static void release() {
        params = null;
    }

    @Test
    void syntheticPoRep() throws IOException {
        SealedC1 sector = SealedC1.seal(SectorSize.SIZE_2KIB, 10, seed, dir);
        Commit1.Output c1 = sector.commit1(PoRepFeature.SYNTHETIC);
        String msg = "seed " + seed;
        assertEquals(1, c1.partitions().size(), msg);
        byte[] proofs = C2Fixture.commit2(c1, params, "2 KiB Synthetic");
        // the seed selects which synthetic challenges are proven: another one must fail
        C2Fixture.assertVerifiesAndTamperingFails("2 KiB Synthetic", c1, params.verifyingKey(), proofs, seed);
    }

    @Test
    void nonInteractivePoRep() throws IOException {
        SealedC1 sector = SealedC1.seal(SectorSize.SIZE_2KIB, 15, seed, dir);
        Commit1.Output c1 = sector.commit1(PoRepFeature.NON_INTERACTIVE);
        String msg = "seed " + seed;
        int partitions = 13;
        assertEquals(partitions, c1.partitions().size(), msg);
        byte[] proofs = C2Fixture.commit2(c1, params, "2 KiB NI-PoRep");
        assertEquals(partitions * Proof.BYTES, proofs.length, msg);
        VerifyingKey vk = params.verifyingKey();
        StackedCompound.Statement st = StackedCompound.Statement.of(c1);
        assertTrue(Commit2.verify(vk, st, proofs), msg);

        // NI challenges do not read the seed (docs/spec/filecoin-porep-post.md §9.3): the proofs stand under any seed
        Random rnd = new Random(seed);
        byte[] anySeed = new byte[32];
        rnd.nextBytes(anySeed);
        StackedCompound.Statement otherSeed = C2Fixture.withSeed(st, anySeed);
        for (int k = 0; k < partitions; k++) {
            assertArrayEquals(st.challenges(k), otherSeed.challenges(k), msg + " partition " + k);
        }
        assertTrue(Commit2.verify(vk, otherSeed, proofs), msg);

        // what they do depend on: comm_r (an input and the challenges) and the ticket (through replica_id)
        StackedCompound.Statement badR = C2Fixture.withCommR(st, Fr.random(rnd).toBytesLE());
        assertFalse(Commit2.verify(vk, badR, proofs), msg);
        byte[] otherTicket = c1.ticket().clone();
        otherTicket[rnd.nextInt(32)] ^= 0x04;
        StackedCompound.Statement badTicket = C2Fixture.withReplicaId(st,
                ReplicaId.compute(c1.proverId(), c1.sectorId(), otherTicket, c1.commD(), c1.porepId()));
        assertFalse(Commit2.verify(vk, badTicket, proofs), msg);

        // each partition proves its own challenges: two partitions swapped (with different challenges) fail
        int i = rnd.nextInt(partitions);
        int j = (i + 1 + rnd.nextInt(partitions - 1)) % partitions;
        while (Arrays.equals(st.challenges(i), st.challenges(j))) {
            j = (j + 1) % partitions;
        }
        assertFalse(Commit2.verify(vk, st, swap(proofs, i, j)), msg + " swapped " + i + ", " + j);
        for (int bit : new int[] {0, 8 * Proof.BYTES * (partitions - 1) + 8 * 100 + 1,
            8 * proofs.length - 1, rnd.nextInt(8 * proofs.length)}) {
            assertFalse(Commit2.verify(vk, st, C2Fixture.flipBit(proofs, bit)), msg + " bit " + bit);
        }
        assertFalse(Commit2.verify(vk, st, Arrays.copyOf(proofs, proofs.length - Proof.BYTES)), msg);
        assertFalse(Commit2.verify(vk, st, Arrays.copyOf(proofs, proofs.length + Proof.BYTES)), msg);

        BlstGroth16Check.assumeNativeBlst();
        assertTrue(C2Fixture.blstVerifiesEveryPartition(vk, st, proofs), msg);
        assertTrue(C2Fixture.blstVerifiesEveryPartition(vk, otherSeed, proofs), msg);
        for (int k = 0; k < partitions; k++) {
            assertFalse(C2Fixture.blstVerifiesPartition(vk, badR, proofs, k), msg + " partition " + k);
            assertFalse(C2Fixture.blstVerifiesPartition(vk, badTicket, proofs, k), msg + " partition " + k);
        }
        assertFalse(C2Fixture.blstVerifiesPartition(vk, st, swap(proofs, i, j), i), msg);
    }

    private static byte[] swap(byte[] proofs, int i, int j) {
        byte[] out = proofs.clone();
        System.arraycopy(proofs, i * Proof.BYTES, out, j * Proof.BYTES, Proof.BYTES);
        System.arraycopy(proofs, j * Proof.BYTES, out, i * Proof.BYTES, Proof.BYTES);
        return out;
    }
}
