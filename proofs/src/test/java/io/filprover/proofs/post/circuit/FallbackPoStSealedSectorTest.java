package io.filprover.proofs.post.circuit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.filprover.api.RegisteredPoStProof;
import io.filprover.api.SectorSize;
import io.filprover.bls12381.field.Fr;
import io.filprover.proofs.api.PoStSnark;
import io.filprover.proofs.merkle.MerkleProof;
import io.filprover.proofs.porep.SealFixtures;
import io.filprover.proofs.post.FallbackPoStSectorProof;
import io.filprover.proofs.post.PoStProver;
import io.filprover.proofs.post.SectorProof;
import io.filprover.proofs.post.circuit.FallbackPoStCompound.PublicSector;
import io.filprover.proofs.r1cs.TestConstraintSystem;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fallback PoSt circuit on three freshly sealed 2 KiB sectors (random data and seed, printed in
 * failures) with vanilla proofs from {@link PoStProver}: every partition's circuit is satisfied and
 * exposes the public inputs the verifier derives; tampered inputs or witnesses are caught. Counts:
 * 21,866 (Window 2 KiB) and 90,750 (Winning 2 KiB), derived in {@link FallbackPoStProductionCountTest}.
 */
class FallbackPoStSealedSectorTest {
    @TempDir
    static Path dir;

    private static final long SEED = new Random().nextLong();
    private static final byte[] PROVER = new byte[32];
    private static final byte[] RANDOMNESS = new byte[32];
    private static final List<PoStProver.SectorInput> SECTORS = new ArrayList<>();
    private static final List<PublicSector> PUBLIC = new ArrayList<>();

    @BeforeAll
    static void seal() throws IOException {
        Random rnd = new Random(SEED);
        rnd.nextBytes(PROVER);
        PROVER[31] &= 0x3f;
        rnd.nextBytes(RANDOMNESS);
        RANDOMNESS[31] &= 0x3f;
        long base = 1 + rnd.nextInt(1000);
        for (int i = 0; i < 3; i++) {
            byte[] raw = new byte[(int) SectorSize.SIZE_2KIB.unpaddedBytes()];
            rnd.nextBytes(raw);
            byte[] ticket = new byte[32];
            rnd.nextBytes(ticket);
            SealFixtures.Sealed s = SealFixtures.seal(SectorSize.SIZE_2KIB, raw,
                    SealFixtures.identity(PROVER, base + i, ticket, 5), 2, dir.resolve("s" + i));
            SECTORS.add(new PoStProver.SectorInput(base + i, s.pc2().commR(), s.cache(), s.replica()));
            PUBLIC.add(new PublicSector(base + i, s.pc2().commR()));
        }
    }

    private static TestConstraintSystem<Fr> check(FallbackPoStCircuit c, List<Fr> inputs, int constraints, String m) {
        TestConstraintSystem<Fr> cs = FallbackPoStCircuitTest.synthesize(c);
        assertTrue(cs.isSatisfied(), () -> m + ": " + cs.whichIsUnsatisfied());
        assertEquals(constraints, cs.numConstraints(), m);
        assertEquals(inputs, cs.publicInputs(), m);
        return cs;
    }

    /** Window PoSt over all three sectors: two partitions of two, the second padded with sector 3. */
    @Test
    void windowPartitionsAreSatisfiedWithTheVerifiersInputs() throws IOException {
        for (RegisteredPoStProof type : List.of(RegisteredPoStProof.STACKED_DRG_WINDOW_2KIB_V1,
                RegisteredPoStProof.STACKED_DRG_WINDOW_2KIB_V1_2)) {
            FallbackPoStCompound.PublicParams pp = FallbackPoStCompound.PublicParams.of(type);
            List<SectorProof> slots = new ArrayList<>();
            for (int k = 0; k < 3; k++) {
                slots.addAll(new PoStProver(SealFixtures.CPU).prove(type, RANDOMNESS, SECTORS.get(k), k).sectors());
            }
            List<List<Fr>> inputs = PoStSnark.publicInputs(type, RANDOMNESS, List.of(PUBLIC.get(2), PUBLIC.get(0),
                    PUBLIC.get(1)));
            assertEquals(2, inputs.size());
            for (int j = 0; j < 2; j++) {
                String m = "seed " + SEED + " " + type.upstreamName() + " partition " + j;
                assertEquals(FallbackPoStCompound.publicInputs(pp, RANDOMNESS, PUBLIC, j), inputs.get(j), m);
                List<SectorProof> chunk = slots.subList(2 * j, Math.min(3, 2 * j + 2));
                check(FallbackPoStCompound.circuit(pp, PUBLIC, j, chunk), inputs.get(j), 21_866, m);
            }
            assertEquals(inputs.get(1).subList(0, 11), inputs.get(1).subList(11, 22), "padding repeats sector 3");
        }
    }

    @Test
    void winningIs66OneChallengeSlotsOfTheChallengedSector() throws IOException {
        RegisteredPoStProof type = RegisteredPoStProof.STACKED_DRG_WINNING_2KIB_V1;
        FallbackPoStCompound.PublicParams pp = FallbackPoStCompound.PublicParams.of(type);
        assertEquals(66, pp.sectorCount());
        assertEquals(1, pp.challengeCount());
        FallbackPoStSectorProof p = new PoStProver(SealFixtures.CPU).proveWinning(type, RANDOMNESS, PROVER, SECTORS);
        PublicSector sector = new PublicSector(p.sectorId(), p.commR());
        List<Fr> inputs = PoStSnark.publicInputs(type, RANDOMNESS, List.of(sector)).get(0);
        assertEquals(132, inputs.size());
        check(FallbackPoStCompound.circuit(pp, Collections.nCopies(66, sector), 0, p.sectors()), inputs, 90_750,
                "seed " + SEED);
    }

    @Test
    void wrongCommRLeafOrRandomnessIsCaught() throws IOException {
        String m = "seed " + SEED;
        RegisteredPoStProof type = RegisteredPoStProof.STACKED_DRG_WINDOW_2KIB_V1_2;
        FallbackPoStCompound.PublicParams pp = FallbackPoStCompound.PublicParams.of(type);
        List<SectorProof> slots = new ArrayList<>();
        for (int k = 0; k < 2; k++) {
            slots.addAll(new PoStProver(SealFixtures.CPU).prove(type, RANDOMNESS, SECTORS.get(k), k).sectors());
        }
        List<PublicSector> two = PUBLIC.subList(0, 2);
        List<Fr> inputs = FallbackPoStCompound.publicInputs(pp, RANDOMNESS, two, 0);

        // another sector's comm_r in slot 1
        List<PublicSector> wrongR = List.of(two.get(0), new PublicSector(two.get(1).id(), PUBLIC.get(2).commR()));
        assertFalse(FallbackPoStCircuitTest.synthesize(FallbackPoStCompound.circuit(pp, wrongR, 0, slots)).isSatisfied(), m);
        assertNotEquals(inputs, FallbackPoStCompound.publicInputs(pp, RANDOMNESS, wrongR, 0), m);

        // a replica node changed in the witness
        SectorProof s = slots.get(0);
        List<MerkleProof> incl = new ArrayList<>(s.inclusionProofs());
        MerkleProof first = incl.get(3);
        incl.set(3, new MerkleProof(first.kind(), first.base(), first.sub(), first.top(), first.root(),
                Fr.fromBytesLE(first.leaf()).add(Fr.ONE).toBytesLE()));
        List<SectorProof> wrongLeaf = List.of(new SectorProof(incl, s.commC(), s.commRLast()), slots.get(1));
        TestConstraintSystem<Fr> cs = FallbackPoStCircuitTest.synthesize(FallbackPoStCompound.circuit(pp, two, 0, wrongLeaf));
        assertFalse(cs.isSatisfied(), m);

        // the proofs of other randomness: satisfied, but not for this randomness' inputs
        byte[] other = RANDOMNESS.clone();
        other[0] ^= 1;
        List<SectorProof> otherSlots = new ArrayList<>();
        for (int k = 0; k < 2; k++) {
            otherSlots.addAll(new PoStProver(SealFixtures.CPU).prove(type, other, SECTORS.get(k), k).sectors());
        }
        cs = FallbackPoStCircuitTest.synthesize(FallbackPoStCompound.circuit(pp, two, 0, otherSlots));
        assertTrue(cs.isSatisfied(), m);
        assertNotEquals(inputs, cs.publicInputs(), m);
        assertEquals(FallbackPoStCompound.publicInputs(pp, other, two, 0), cs.publicInputs(), m);
    }
}
