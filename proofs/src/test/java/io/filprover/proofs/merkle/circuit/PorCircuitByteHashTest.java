package io.filprover.proofs.merkle.circuit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.filprover.bls12381.field.Fr;
import io.filprover.proofs.gadgets.Blake2sMerkleGadget;
import io.filprover.proofs.gadgets.MerkleHasherGadget;
import io.filprover.proofs.gadgets.Sha256MerkleGadget;
import io.filprover.proofs.merkle.MerkleHasher;
import io.filprover.proofs.merkle.MerkleProof;
import io.filprover.proofs.merkle.PathElement;
import io.filprover.proofs.r1cs.CountingConstraintSystem;
import io.filprover.proofs.r1cs.FrScalarField;
import io.filprover.proofs.r1cs.TestConstraintSystem;
import io.filprover.proofs.tree.Blake2sMerkleHasher;
import io.filprover.proofs.tree.ShaMerkleHasher;
import io.filprover.proofs.tree.ShaMultiNodeHasher;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The PoR circuit over BLAKE2s and SHA-256 trees: TV-CIRCUIT's remaining PoR rows
 * (/work/shared/spec/test-vectors.md), from rust-fil-proofs storage-proofs-core/tests/por_circuit.rs
 * test_por_circuit_blake2s_base_{2,4,8} and test_por_circuit_sha256_base_{4,8} (public root, 3
 * inputs; 64 leaves as upstream's 64·get_base_tree_count). Proofs of a random tree built with the
 * vanilla node hash satisfy the circuit with the verifier's inputs; a wrong sibling does not; the
 * witness-free circuit has the same shape. (SHA-256 arity 2 is {@link Sha256PorCircuitTest}.)
 */
class PorCircuitByteHashTest {
    private static final int LEAVES = 64;

    private static MerkleHasherGadget gadget(String hash) {
        return hash.equals("blake2s") ? Blake2sMerkleGadget.INSTANCE : Sha256MerkleGadget.INSTANCE;
    }

    /** The vanilla node hash of upstream's trees of any arity, the gadget's pair. */
    private static MerkleHasher vanilla(String hash) {
        MerkleHasher vanilla = gadget(hash).vanilla();
        assertSame(hash.equals("blake2s") ? Blake2sMerkleHasher.INSTANCE : ShaMultiNodeHasher.INSTANCE, vanilla);
        return vanilla;
    }

    private static TestConstraintSystem<Fr> synthesize(MerkleHasherGadget gadget, PorCircuit.Shape shape,
                                                       MerkleProof proof) {
        TestConstraintSystem<Fr> cs = new TestConstraintSystem<>(FrScalarField.INSTANCE);
        PorCircuit.fromProof(gadget, shape, proof, false).synthesize(cs);
        return cs;
    }

    @ParameterizedTest(name = "{0} base {1}: 3 inputs, {2} constraints")
    @CsvSource({
        // por_circuit.rs test_por_circuit_blake2s_base_2, _base_4, _base_8
        "blake2s, 2, 129135", "blake2s, 4, 130296", "blake2s, 8, 174503",
        // por_circuit.rs test_por_circuit_sha256_base_4, _base_8
        "sha256, 4, 216258", "sha256, 8, 250987",
    })
    void reproducesUpstreamCountAndAcceptsVanillaProofs(String hash, int arity, int constraints) {
        long seed = new Random().nextLong();
        Random rnd = new Random(seed);
        PorCircuit.Shape shape = new PorCircuit.Shape(arity, 0, 0);
        MerkleHasherGadget gadget = gadget(hash);
        MemoryTree tree = MemoryTree.random(shape, vanilla(hash), LEAVES, rnd);
        Fr root = Fr.fromBytesLE(tree.root);
        int c = rnd.nextInt(LEAVES);
        String msg = "seed " + seed + " " + hash + " arity " + arity + " challenge " + c;
        MerkleProof proof = tree.proof(c);
        assertTrue(proof.verify(vanilla(hash)), msg);

        TestConstraintSystem<Fr> cs = synthesize(gadget, shape, proof);
        assertTrue(cs.isSatisfied(), () -> msg + ": " + cs.whichIsUnsatisfied());
        assertEquals(3, cs.numInputs(), msg);
        assertEquals(constraints, cs.numConstraints(), msg);
        assertEquals(PorCircuit.publicInputs(c, root), cs.publicInputs(), msg);

        CountingConstraintSystem<Fr> blank = CountingConstraintSystem.count(FrScalarField.INSTANCE,
                PorCircuit.blank(gadget, shape, LEAVES, false));
        assertEquals(constraints, blank.numConstraints(), msg);
        assertEquals(3, blank.numInputs(), msg);
        assertEquals(cs.numAux(), blank.numAux(), msg);

        // a wrong sibling at a random level
        List<PathElement> base = new ArrayList<>(proof.base());
        int level = rnd.nextInt(base.size());
        PathElement e = base.get(level);
        List<byte[]> siblings = new ArrayList<>(e.siblings());
        int s = rnd.nextInt(siblings.size());
        siblings.set(s, Fr.random(rnd).toBytesLE());
        base.set(level, new PathElement(siblings, e.index()));
        MerkleProof bad = new MerkleProof(proof.kind(), base, proof.sub(), proof.top(), proof.root(), proof.leaf());
        TestConstraintSystem<Fr> badCs = synthesize(gadget, shape, bad);
        assertFalse(badCs.isSatisfied(), msg + " sibling " + level + "/" + s);
        assertEquals("enforce root is correct", badCs.whichIsUnsatisfied().orElseThrow(), msg);
    }

    /** On two children the any-arity SHA-256 node hash is tree_d's. */
    @Test
    void shaMultiNodeIsTreeDHashOnTwoChildren() {
        long seed = new Random().nextLong();
        Random rnd = new Random(seed);
        byte[][] two = {Fr.random(rnd).toBytesLE(), Fr.random(rnd).toBytesLE()};
        assertArrayEquals(ShaMerkleHasher.INSTANCE.hash(two), ShaMultiNodeHasher.INSTANCE.hash(two), "seed " + seed);
    }
}
