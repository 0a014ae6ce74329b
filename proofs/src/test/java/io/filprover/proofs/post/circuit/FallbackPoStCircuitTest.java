package io.filprover.proofs.post.circuit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.filprover.api.ApiVersion;
import io.filprover.bls12381.field.Fr;
import io.filprover.proofs.merkle.MerkleProof;
import io.filprover.proofs.merkle.PoseidonMerkleHasher;
import io.filprover.proofs.merkle.circuit.MemoryTree;
import io.filprover.proofs.merkle.circuit.PorCircuit;
import io.filprover.proofs.post.PoStChallenges;
import io.filprover.proofs.post.SectorProof;
import io.filprover.proofs.r1cs.CountingConstraintSystem;
import io.filprover.proofs.r1cs.FrScalarField;
import io.filprover.proofs.r1cs.TestConstraintSystem;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The fallback PoSt circuit against TV-CIRCUIT's fallback rows (/work/shared/spec/test-vectors.md, from
 * rust-fil-proofs storage-proofs-post/tests/fallback_circuit.rs test_fallback_post_circuit_poseidon_*), set up
 * as upstream's test_fallback_post: 64·B leaves per sector (B base trees), 5 challenges per sector,
 * ApiVersion 1.1.0, sector ids 0..n−1, random comm_c, comm_r = Poseidon(comm_c, root), vanilla proofs of
 * every partition (short last partition padded with its last proof). Each partition's circuit must be
 * satisfied, have upstream's counts, expose exactly the compound's public inputs, and count the same
 * blank; tampering must break it.
 */
class FallbackPoStCircuitTest {
    private static final int CHALLENGES = 5;

    /** Upstream's test setup: trees, public sectors and the vanilla proofs of every partition. */
    static final class Setup {
        final FallbackPoStCompound.PublicParams pp;
        final byte[] randomness = new byte[32];
        final List<MemoryTree> trees = new ArrayList<>();
        final List<byte[]> commC = new ArrayList<>();
        final List<FallbackPoStCompound.PublicSector> sectors = new ArrayList<>();

        Setup(PorCircuit.Shape shape, int total, int perPartition, Random rnd) {
            int leaves = 64 * shape.baseTreeCount();
            pp = new FallbackPoStCompound.PublicParams(shape, leaves, CHALLENGES, perPartition, ApiVersion.V1_1_0);
            System.arraycopy(Fr.random(rnd).toBytesLE(), 0, randomness, 0, 32);
            for (int i = 0; i < total; i++) {
                MemoryTree tree = MemoryTree.random(shape, PoseidonMerkleHasher.INSTANCE, leaves, rnd);
                byte[] c = Fr.random(rnd).toBytesLE();
                trees.add(tree);
                commC.add(c);
                sectors.add(new FallbackPoStCompound.PublicSector(i, PoseidonMerkleHasher.commR(c, tree.root)));
            }
        }

        /** The vanilla sector proofs of partition j (FallbackPoSt::prove_all_partitions), padded. */
        List<SectorProof> vanilla(int j) {
            List<SectorProof> out = new ArrayList<>();
            for (int i = 0; i < pp.sectorCount(); i++) {
                int s = j * pp.sectorCount() + i;
                if (s >= trees.size()) {
                    out.add(out.get(out.size() - 1));
                    continue;
                }
                long[] challenges = PoStChallenges.sectorChallenges(pp.version(), randomness, sectors.get(s).id(), s,
                        CHALLENGES, pp.leaves());
                List<MerkleProof> proofs = new ArrayList<>();
                for (long c : challenges) {
                    proofs.add(trees.get(s).proof(Math.toIntExact(c)));
                }
                out.add(new SectorProof(proofs, commC.get(s), trees.get(s).root));
            }
            return out;
        }

        FallbackPoStCircuit circuit(int j) {
            return FallbackPoStCompound.circuit(pp, sectors, j, vanilla(j));
        }
    }

    static TestConstraintSystem<Fr> synthesize(FallbackPoStCircuit c) {
        TestConstraintSystem<Fr> cs = new TestConstraintSystem<>(FrScalarField.INSTANCE);
        c.synthesize(cs);
        return cs;
    }

    @ParameterizedTest(name = "{0}-{1}-{2}: {3} sectors, {4} per partition, {5} partitions: {6} inputs, {7} constraints")
    @CsvSource({
        // fallback_circuit.rs test_fallback_post_circuit_poseidon_single_partition_base_8
        "8, 0, 0, 3, 3, 1, 19, 16869",
        // ..._single_partition_sub_8_4
        "8, 4, 0, 3, 3, 1, 19, 22674",
        // ..._single_partition_top_8_4_2
        "8, 4, 2, 3, 3, 1, 19, 27384",
        // ..._two_partitions_base_8
        "8, 0, 0, 4, 2, 2, 13, 11246",
        // ..._single_partition_smaller_base_8
        "8, 0, 0, 2, 3, 1, 19, 16869",
        // ..._two_partitions_smaller_base_8
        "8, 0, 0, 5, 3, 2, 19, 16869",
    })
    void reproducesUpstreamCountsAndInputs(int base, int sub, int top, int total, int perPartition, int partitions,
                                           int inputs, int constraints) {
        long seed = new Random().nextLong();
        Setup s = new Setup(new PorCircuit.Shape(base, sub, top), total, perPartition, new Random(seed));
        assertEquals(partitions, s.pp.partitions(total), "seed " + seed);
        CountingConstraintSystem<Fr> blank = CountingConstraintSystem.count(FrScalarField.INSTANCE,
                FallbackPoStCompound.blankCircuit(s.pp));
        assertEquals(inputs, blank.numInputs(), "blank, seed " + seed);
        assertEquals(constraints, blank.numConstraints(), "blank, seed " + seed);
        for (int j = 0; j < partitions; j++) {
            String m = "seed " + seed + " partition " + j;
            TestConstraintSystem<Fr> cs = synthesize(s.circuit(j));
            assertTrue(cs.isSatisfied(), () -> m + ": " + cs.whichIsUnsatisfied());
            assertEquals(inputs, cs.numInputs(), m);
            assertEquals(constraints, cs.numConstraints(), m);
            assertEquals(blank.numAux(), cs.numAux(), m);
            assertEquals(FallbackPoStCompound.publicInputs(s.pp, s.randomness, s.sectors, j), cs.publicInputs(), m);
        }
    }

    /** Fixed inputs: seed 0 for the data, and the public inputs' layout spelled out. */
    @Test
    void publicInputsAreCommRThenEachLeafChallengeAndPaddingRepeatsTheLastSector() {
        Setup s = new Setup(new PorCircuit.Shape(8, 0, 0), 5, 3, new Random(0));
        List<Fr> in = FallbackPoStCompound.publicInputs(s.pp, s.randomness, s.sectors, 1);
        assertEquals(18, in.size());
        for (int i = 0; i < 2; i++) {
            int sector = 3 + i;
            assertEquals(Fr.fromBytesLE(s.sectors.get(sector).commR()), in.get(6 * i));
            for (int n = 0; n < CHALLENGES; n++) {
                // ApiVersion 1.1.0: ci = position · challenges + n, position over all sectors
                long leaf = PoStChallenges.leafChallenge(s.randomness, sector, (long) sector * CHALLENGES + n, 64);
                assertEquals(Fr.fromLong(leaf), in.get(6 * i + 1 + n));
            }
        }
        assertEquals(in.subList(6, 12), in.subList(12, 18), "the third slot repeats sector 4");
    }

    @Test
    void tamperingBreaksTheCircuitOrItsInputs() {
        long seed = new Random().nextLong();
        Random rnd = new Random(seed);
        String m = "seed " + seed;
        Setup s = new Setup(new PorCircuit.Shape(8, 4, 0), 3, 3, rnd);
        List<SectorProof> good = s.vanilla(0);
        List<Fr> expected = FallbackPoStCompound.publicInputs(s.pp, s.randomness, s.sectors, 0);

        // a wrong comm_r: the circuit's comm_r no longer hashes from comm_c, comm_r_last
        List<FallbackPoStCompound.PublicSector> wrongR = new ArrayList<>(s.sectors);
        int at = rnd.nextInt(3);
        wrongR.set(at, new FallbackPoStCompound.PublicSector(at, Fr.random(rnd).toBytesLE()));
        TestConstraintSystem<Fr> cs = synthesize(FallbackPoStCompound.circuit(s.pp, wrongR, 0, good));
        assertFalse(cs.isSatisfied(), m + " wrong comm_r of sector " + at);

        // a wrong leaf: its path no longer reaches comm_r_last
        List<SectorProof> wrongLeaf = new ArrayList<>(good);
        SectorProof p = good.get(at);
        List<MerkleProof> incl = new ArrayList<>(p.inclusionProofs());
        int c = rnd.nextInt(CHALLENGES);
        MerkleProof mp = incl.get(c);
        incl.set(c, new MerkleProof(mp.kind(), mp.base(), mp.sub(), mp.top(), mp.root(),
                Fr.fromBytesLE(mp.leaf()).add(Fr.ONE).toBytesLE()));
        wrongLeaf.set(at, new SectorProof(incl, p.commC(), p.commRLast()));
        cs = synthesize(FallbackPoStCompound.circuit(s.pp, s.sectors, 0, wrongLeaf));
        assertFalse(cs.isSatisfied(), m + " wrong leaf of challenge " + c);
        assertTrue(cs.whichIsUnsatisfied().orElseThrow().contains("challenge_inclusion_" + c), m);

        // another leaf, genuinely in the tree: satisfied, but its challenge input differs from the compound's
        List<SectorProof> otherLeaf = new ArrayList<>(good);
        long wanted = mp.leafIndex();
        int other = (int) ((wanted + 1 + rnd.nextInt(63)) % 64 + 64L * (wanted / 64));
        incl = new ArrayList<>(p.inclusionProofs());
        incl.set(c, s.trees.get(at).proof(other));
        otherLeaf.set(at, new SectorProof(incl, p.commC(), p.commRLast()));
        cs = synthesize(FallbackPoStCompound.circuit(s.pp, s.sectors, 0, otherLeaf));
        assertTrue(cs.isSatisfied(), m);
        assertNotEquals(expected, cs.publicInputs(), m + " leaf " + other + " instead of " + wanted);

        // other randomness: other challenges
        byte[] r2 = s.randomness.clone();
        r2[0] ^= 1;
        assertNotEquals(expected, FallbackPoStCompound.publicInputs(s.pp, r2, s.sectors, 0), m);
        TestConstraintSystem<Fr> ok = synthesize(FallbackPoStCompound.circuit(s.pp, s.sectors, 0, good));
        assertTrue(ok.isSatisfied(), m);
        assertEquals(expected, ok.publicInputs(), m);
    }

    /**
     * fallback_circuit.rs test_fallback_post_circuit_poseidon_base_8_bench_cs (ignored upstream): 32 GiB,
     * DiskTree 8-0-0 (one base tree of 8^10 leaves), 10 challenges, 5 sectors: 266,665 constraints.
     */
    @Test
    void benchCircuitOf32GiBBase8() {
        FallbackPoStCompound.PublicParams pp = new FallbackPoStCompound.PublicParams(new PorCircuit.Shape(8, 0, 0),
                (32L << 30) / 32, 10, 5, ApiVersion.V1_1_0);
        CountingConstraintSystem<Fr> cs = CountingConstraintSystem.count(FrScalarField.INSTANCE,
                FallbackPoStCompound.blankCircuit(pp));
        assertEquals(266_665, cs.numConstraints());
        assertEquals(1 + 5 * 11, cs.numInputs());
    }
}
