package io.filprover.proofs.porep.circuit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.filprover.api.PoRepFeature;
import io.filprover.api.SectorSize;
import io.filprover.bls12381.field.Fr;
import io.filprover.proofs.merkle.MerkleProof;
import io.filprover.proofs.merkle.PathElement;
import io.filprover.proofs.porep.ChallengeProof;
import io.filprover.proofs.porep.ColumnProof;
import io.filprover.proofs.porep.Commit1;
import io.filprover.proofs.porep.PoRepVerifier;
import io.filprover.proofs.r1cs.CountingConstraintSystem;
import io.filprover.proofs.r1cs.FrScalarField;
import io.filprover.proofs.r1cs.TestConstraintSystem;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The partition circuits of sealed sectors (random data and ids, 2 layers): C1's vanilla proofs
 * satisfy them and their public inputs are the compound's, computed outside the circuit from the
 * seed (storage-proofs-porep tests/stacked_circuit.rs does the same on its configuration);
 * a wrong comm_r, a wrong seed, tampered parent labels, data or paths are caught.
 */
class StackedCircuitSealedTest {
    @TempDir
    static Path dir;

    private static SealedC1 sector;
    private static Commit1.Output c1;

    @BeforeAll
    static void seal() throws IOException {
        sector = SealedC1.seal(SectorSize.SIZE_2KIB, 5, new Random().nextLong(), dir);
        c1 = sector.commit1(PoRepFeature.NONE);
        assertTrue(PoRepVerifier.verify(c1).valid(), "seed " + sector.seed);
    }

    @Test
    void interactive2KibPartitionIsSatisfiedOnTestConstraintSystem() {
        String msg = "seed " + sector.seed;
        StackedConfig cfg = StackedConfig.of(SectorSize.SIZE_2KIB, 2, PoRepFeature.NONE);
        TestConstraintSystem<Fr> cs = new TestConstraintSystem<>(FrScalarField.INSTANCE);
        StackedCompound.circuit(c1, 0).synthesize(cs);
        assertTrue(cs.isSatisfied(), () -> msg + ": " + cs.whichIsUnsatisfied());
        // docs/spec/filecoin-porep-post.md §11.4: 3 + 18 · challenges per partition public inputs (2 KiB: 2 challenges), plus ONE
        assertEquals(1 + 3 + 18 * 2, cs.numInputs(), msg);
        assertEquals(StackedCompound.publicInputs(StackedCompound.Statement.of(c1), 0), cs.publicInputs(), msg);

        CountingConstraintSystem<Fr> blank = CountingConstraintSystem.count(FrScalarField.INSTANCE,
                StackedCompound.blankCircuit(cfg));
        assertEquals(blank.numConstraints(), cs.numConstraints(), msg);
        assertEquals(blank.numInputs(), cs.numInputs(), msg);
        assertEquals(blank.numAux(), cs.numAux(), msg);

        CheckingConstraintSystem check = check(c1, 0);
        assertTrue(check.isSatisfied(), msg);
        assertEquals(cs.numConstraints(), check.numConstraints(), msg);
        assertEquals(cs.publicInputs(), check.publicInputs(), msg);
    }

    @Test
    void wrongCommRAndWrongSeedAreCaught() throws IOException {
        String msg = "seed " + sector.seed;
        Random rnd = new Random(sector.seed);
        byte[] commR = Fr.random(rnd).toBytesLE();
        CheckingConstraintSystem cs = check(withCommR(c1, commR), 0);
        assertFalse(cs.isSatisfied(), msg);
        assertEquals("enforce comm_r = H(comm_c || comm_r_last)", cs.whichIsUnsatisfied(), msg);

        // another seed: other challenges, so the honest circuit's inputs are not the verifier's
        byte[] otherSeed = sector.commitSeed.clone();
        otherSeed[0] ^= 1;
        List<Fr> expected = StackedCompound.publicInputs(StackedCompound.Statement.of(c1), 0);
        Commit1.Output other = sector.commit1(PoRepFeature.NONE, otherSeed);
        CheckingConstraintSystem otherCs = check(other, 0);
        assertTrue(otherCs.isSatisfied(), msg);
        assertNotEquals(expected, otherCs.publicInputs(), msg);
        assertEquals(StackedCompound.publicInputs(StackedCompound.Statement.of(other), 0), otherCs.publicInputs(), msg);
    }

    @Test
    void tamperedWitnessIsUnsatisfied() {
        String msg = "seed " + sector.seed;
        ChallengeProof p = c1.partitions().get(0).get(1);
        byte[] junk = Fr.random(new Random(sector.seed + 1)).toBytesLE();

        List<ColumnProof> drg = new ArrayList<>(p.drgParents());
        drg.set(3, withRow(drg.get(3), 1, junk));
        assertUnsatisfied(replace(p, drg, p.expParents(), p.commDProof(), p.commRLastProof()),
                "challenge_1/drg_parent_3_inclusion/enforce root is correct", msg + " drg label");

        List<ColumnProof> exp = new ArrayList<>(p.expParents());
        exp.set(7, withRow(exp.get(7), 0, junk));
        assertUnsatisfied(replace(p, p.drgParents(), exp, p.commDProof(), p.commRLastProof()),
                "challenge_1/exp_parent_7_inclusion/enforce root is correct", msg + " exp label");

        MerkleProof d = p.commDProof();
        assertUnsatisfied(replace(p, p.drgParents(), p.expParents(),
                        new MerkleProof(d.kind(), d.base(), d.sub(), d.top(), d.root(), junk), p.commRLastProof()),
                "challenge_1/comm_d_inclusion/enforce root is correct", msg + " data leaf");

        MerkleProof r = p.commRLastProof();
        List<PathElement> base = new ArrayList<>(r.base());
        List<byte[]> siblings = new ArrayList<>(base.get(0).siblings());
        siblings.set(0, junk);
        base.set(0, new PathElement(siblings, base.get(0).index()));
        assertUnsatisfied(replace(p, p.drgParents(), p.expParents(), d,
                        new MerkleProof(r.kind(), base, r.sub(), r.top(), r.root(), r.leaf())),
                "challenge_1/comm_r_last_data_inclusion/enforce root is correct", msg + " replica path");
    }

    @ParameterizedTest(name = "{0} bytes, proof {1}, {2}, partition {3}")
    @CsvSource({"2048, 10, SYNTHETIC, 0", "2048, 15, NON_INTERACTIVE, 0", "2048, 15, NON_INTERACTIVE, 12",
        "4096, 5, NONE, 0", "16384, 5, NONE, 0", "32768, 5, NONE, 0"})
    void otherVariantsAndTreeShapesAreSatisfied(int bytes, int porepId, PoRepFeature feature, int k)
            throws IOException {
        SectorSize size = SectorSize.ofBytes(bytes);
        SealedC1 s = SealedC1.seal(size, porepId, new Random().nextLong(), dir);
        Commit1.Output out = s.commit1(feature);
        String msg = "seed " + s.seed + " " + size + " " + feature + " shape " + size.shape();
        assertTrue(PoRepVerifier.verify(out).valid(), msg);
        CheckingConstraintSystem cs = check(out, k);
        assertTrue(cs.isSatisfied(), () -> msg + ": " + cs.whichIsUnsatisfied());
        assertEquals(StackedCompound.publicInputs(StackedCompound.Statement.of(out), k), cs.publicInputs(), msg);
        int cpp = size.porepChallengesPerPartition(feature);
        assertEquals(1 + 3 + 18 * cpp, cs.numInputs(), msg);
        CountingConstraintSystem<Fr> blank = CountingConstraintSystem.count(FrScalarField.INSTANCE,
                StackedCompound.blankCircuit(StackedConfig.of(size, 2, feature)));
        assertEquals(blank.numConstraints(), cs.numConstraints(), msg);
    }

    private static void assertUnsatisfied(ChallengeProof tampered, String where, String msg) {
        List<ChallengeProof> proofs = new ArrayList<>(c1.partitions().get(0));
        proofs.set(1, tampered);
        StackedConfig cfg = StackedConfig.of(c1.sectorSize(), c1.layers(), c1.feature());
        CheckingConstraintSystem cs = new CheckingConstraintSystem();
        StackedCompound.circuit(c1, cfg, proofs).synthesize(cs);
        assertFalse(cs.isSatisfied(), msg);
        assertEquals(where, cs.whichIsUnsatisfied(), msg);
    }

    static CheckingConstraintSystem check(Commit1.Output out, int k) {
        CheckingConstraintSystem cs = new CheckingConstraintSystem();
        StackedCompound.circuit(out, k).synthesize(cs);
        return cs;
    }

    static Commit1.Output withCommR(Commit1.Output o, byte[] commR) {
        return new Commit1.Output(o.sectorSize(), o.layers(), o.porepId(), o.apiVersion(), o.feature(), o.proverId(),
                o.sectorId(), o.ticket(), o.seed(), o.replicaId(), o.commD(), o.commC(), o.commRLast(), commR,
                o.partitions());
    }

    private static ColumnProof withRow(ColumnProof c, int row, byte[] value) {
        List<byte[]> rows = new ArrayList<>(c.rows());
        rows.set(row, value);
        return new ColumnProof(c.index(), rows, c.treeCProof());
    }

    private static ChallengeProof replace(ChallengeProof p, List<ColumnProof> drg, List<ColumnProof> exp,
                                          MerkleProof d, MerkleProof r) {
        return new ChallengeProof(p.challenge(), d, p.column(), drg, exp, r, p.labelingProofs(), p.encodingProof());
    }
}
