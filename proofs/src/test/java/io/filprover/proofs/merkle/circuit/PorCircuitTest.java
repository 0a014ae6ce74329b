package io.filprover.proofs.merkle.circuit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.filprover.api.TreeShape;
import io.filprover.bls12381.field.Fr;
import io.filprover.proofs.gadgets.PoseidonMerkleGadget;
import io.filprover.proofs.merkle.MerkleProof;
import io.filprover.proofs.merkle.PathElement;
import io.filprover.proofs.merkle.PoseidonMerkleHasher;
import io.filprover.proofs.r1cs.CountingConstraintSystem;
import io.filprover.proofs.r1cs.FrScalarField;
import io.filprover.proofs.r1cs.TestConstraintSystem;
import io.filprover.proofs.tree.CompoundRoots;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The PoR circuit over Poseidon trees against TV-CIRCUIT's PoR rows (/work/shared/spec/test-vectors.md,
 * from rust-fil-proofs storage-proofs-core/tests/por_circuit.rs test_por_circuit_poseidon_* and
 * test_por_circuit_poseidon_base_*_private_root). As upstream, each tree has 64 leaves per base
 * tree (leaves = 64·get_base_tree_count), and the proofs come from the vanilla tree code.
 */
class PorCircuitTest {
    private static final PoseidonMerkleGadget POSEIDON = PoseidonMerkleGadget.INSTANCE;

    private static TestConstraintSystem<Fr> synthesize(PorCircuit circuit) {
        TestConstraintSystem<Fr> cs = new TestConstraintSystem<>(FrScalarField.INSTANCE);
        circuit.synthesize(cs);
        return cs;
    }

    /** Challenges 0, last, and three random ones. */
    private static TreeSet<Integer> challenges(Random rnd, int leaves) {
        TreeSet<Integer> out = new TreeSet<>(List.of(0, leaves - 1));
        while (out.size() < 5) {
            out.add(rnd.nextInt(leaves));
        }
        return out;
    }

    @ParameterizedTest(name = "Poseidon {0}-{1}-{2}, private root {3}: {4} inputs, {5} constraints")
    @CsvSource({
        // por_circuit.rs test_por_circuit_poseidon_base_{2,4,8}, _sub_8_2, _top_8_4_2, _sub_8_8, _top_8_8_2, _top_8_2_4
        "2, 0, 0, false, 3, 1887", "4, 0, 0, false, 3, 1164", "8, 0, 0, false, 3, 1063",
        "8, 2, 0, false, 3, 1377", "8, 4, 2, false, 3, 1764", "8, 8, 0, false, 3, 1593",
        "8, 8, 2, false, 3, 1907", "8, 2, 4, false, 3, 1764",
        // por_circuit.rs test_por_circuit_poseidon_base_{2,4,8}_private_root
        "2, 0, 0, true, 2, 1886", "4, 0, 0, true, 2, 1163", "8, 0, 0, true, 2, 1062",
    })
    void reproducesUpstreamCountsAndAcceptsVanillaProofs(int base, int sub, int top, boolean privateRoot,
                                                         int inputs, int constraints) {
        long seed = new Random().nextLong();
        Random rnd = new Random(seed);
        PorCircuit.Shape shape = new PorCircuit.Shape(base, sub, top);
        int leaves = 64 * shape.baseTreeCount();
        MemoryTree tree = MemoryTree.random(shape, PoseidonMerkleHasher.INSTANCE, leaves, rnd);
        if (base == 8) {
            // the compound root as the production tree code computes it from the base roots
            assertArrayEquals(CompoundRoots.root(new TreeShape(base, sub, top), tree.baseRoots), tree.root);
        }
        Fr root = Fr.fromBytesLE(tree.root);

        int aux = -1;
        for (int c : challenges(rnd, leaves)) {
            String msg = "seed " + seed + " shape " + shape + " challenge " + c;
            MerkleProof proof = tree.proof(c);
            assertTrue(proof.verify(PoseidonMerkleHasher.INSTANCE), msg);
            assertEquals(c, proof.leafIndex(), msg);

            TestConstraintSystem<Fr> cs = synthesize(PorCircuit.fromProof(POSEIDON, shape, proof, privateRoot));
            assertTrue(cs.isSatisfied(), () -> msg + ": " + cs.whichIsUnsatisfied());
            assertEquals(inputs, cs.numInputs(), msg);
            assertEquals(constraints, cs.numConstraints(), msg);
            // the inputs are those the verifier derives (PoRCompound::generate_public_inputs), root = the vanilla root
            assertEquals(PorCircuit.publicInputs(c, privateRoot ? null : root), cs.publicInputs(), msg);
            aux = cs.numAux();
        }

        CountingConstraintSystem<Fr> blank = new CountingConstraintSystem<>(FrScalarField.INSTANCE);
        PorCircuit.blank(POSEIDON, shape, leaves, privateRoot).synthesize(blank);
        assertEquals(constraints, blank.numConstraints());
        assertEquals(inputs, blank.numInputs());
        assertEquals(aux, blank.numAux());
    }

    @ParameterizedTest(name = "Poseidon {0}-{1}-{2}")
    @CsvSource({"2, 0, 0", "4, 0, 0", "8, 0, 0", "8, 2, 0", "8, 8, 2", "8, 2, 4"})
    void tamperedProofsAreUnsatisfied(int base, int sub, int top) {
        long seed = new Random().nextLong();
        Random rnd = new Random(seed);
        PorCircuit.Shape shape = new PorCircuit.Shape(base, sub, top);
        int leaves = 64 * shape.baseTreeCount();
        MemoryTree tree = MemoryTree.random(shape, PoseidonMerkleHasher.INSTANCE, leaves, rnd);
        int c = rnd.nextInt(leaves);
        MerkleProof good = tree.proof(c);
        String msg = "seed " + seed + " shape " + shape + " challenge " + c;
        byte[] junk = Fr.random(rnd).toBytesLE();

        // a wrong sibling, anywhere on the path
        List<PathElement> path = good.path();
        int level = rnd.nextInt(path.size());
        int sibling = rnd.nextInt(path.get(level).siblings().size());
        MerkleProof badSibling = withPath(good, level, tampered(path.get(level), sibling, junk, -1));
        assertRejected(shape, badSibling, msg + " sibling " + level + "/" + sibling);

        // a wrong leaf
        assertRejected(shape, new MerkleProof(good.kind(), good.base(), good.sub(), good.top(), good.root(), junk),
                msg + " leaf");

        // a wrong root
        assertRejected(shape, new MerkleProof(good.kind(), good.base(), good.sub(), good.top(), junk, good.leaf()),
                msg + " root");

        // a wrong index at one level (a different challenge with the same siblings)
        PathElement e = path.get(level);
        long otherIndex = (e.index() + 1 + rnd.nextInt(e.arity() - 1)) % e.arity();
        assertRejected(shape, withPath(good, level, tampered(e, -1, null, otherIndex)), msg + " index " + level);
    }

    private static void assertRejected(PorCircuit.Shape shape, MerkleProof proof, String msg) {
        for (boolean privateRoot : new boolean[] {false, true}) {
            TestConstraintSystem<Fr> cs = synthesize(PorCircuit.fromProof(POSEIDON, shape, proof, privateRoot));
            assertFalse(cs.isSatisfied(), msg);
            assertEquals("enforce root is correct", cs.whichIsUnsatisfied().orElseThrow(), msg);
        }
    }

    private static PathElement tampered(PathElement e, int sibling, byte[] value, long index) {
        List<byte[]> siblings = new ArrayList<>(e.siblings());
        if (sibling >= 0) {
            siblings.set(sibling, value);
        }
        return new PathElement(siblings, index >= 0 ? index : e.index());
    }

    private static MerkleProof withPath(MerkleProof p, int level, PathElement replacement) {
        List<PathElement> base = new ArrayList<>(p.base());
        List<PathElement> sub = new ArrayList<>(p.sub());
        List<PathElement> top = new ArrayList<>(p.top());
        if (level < base.size()) {
            base.set(level, replacement);
        } else if (level < base.size() + sub.size()) {
            sub.set(level - base.size(), replacement);
        } else {
            top.set(level - base.size() - sub.size(), replacement);
        }
        return new MerkleProof(p.kind(), base, sub, top, p.root(), p.leaf());
    }
}
