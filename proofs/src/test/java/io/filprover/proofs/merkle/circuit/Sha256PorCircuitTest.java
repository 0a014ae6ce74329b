package io.filprover.proofs.merkle.circuit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.filprover.bls12381.field.Fr;
import io.filprover.proofs.gadgets.Sha256MerkleGadget;
import io.filprover.proofs.merkle.MerkleProof;
import io.filprover.proofs.r1cs.CountingConstraintSystem;
import io.filprover.proofs.r1cs.FrScalarField;
import io.filprover.proofs.r1cs.TestConstraintSystem;
import io.filprover.proofs.tree.ShaMerkleHasher;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The PoR circuit over a binary SHA-256 tree (tree_d): TV-CIRCUIT's row from storage-proofs-core
 * tests/por_circuit.rs test_por_circuit_sha256_base_2 (64 leaves, public root: 3 inputs, 272,295
 * constraints); vanilla proofs of a random tree satisfy it with the verifier's inputs, a wrong leaf
 * does not.
 */
class Sha256PorCircuitTest {
    private static final PorCircuit.Shape BINARY = new PorCircuit.Shape(2, 0, 0);

    @Test
    void reproducesUpstreamCountAndAcceptsVanillaProofs() {
        for (long seed : List.of(20240501L, new Random().nextLong())) {
            Random rnd = new Random(seed);
            MemoryTree tree = MemoryTree.random(BINARY, ShaMerkleHasher.INSTANCE, 64, rnd);
            int c = rnd.nextInt(64);
            String msg = "seed " + seed + " challenge " + c;
            MerkleProof proof = tree.proof(c);
            assertTrue(proof.verify(ShaMerkleHasher.INSTANCE), msg);

            TestConstraintSystem<Fr> cs = new TestConstraintSystem<>(FrScalarField.INSTANCE);
            PorCircuit.fromProof(Sha256MerkleGadget.INSTANCE, BINARY, proof, false).synthesize(cs);
            assertTrue(cs.isSatisfied(), () -> msg + ": " + cs.whichIsUnsatisfied());
            assertEquals(3, cs.numInputs(), msg);
            assertEquals(272_295, cs.numConstraints(), msg);
            assertEquals(PorCircuit.publicInputs(c, Fr.fromBytesLE(tree.root)), cs.publicInputs(), msg);

            byte[] junk = Fr.random(rnd).toBytesLE();
            MerkleProof bad = new MerkleProof(proof.kind(), proof.base(), proof.sub(), proof.top(), proof.root(), junk);
            TestConstraintSystem<Fr> badCs = new TestConstraintSystem<>(FrScalarField.INSTANCE);
            PorCircuit.fromProof(Sha256MerkleGadget.INSTANCE, BINARY, bad, false).synthesize(badCs);
            assertFalse(badCs.isSatisfied(), msg);
            assertEquals("enforce root is correct", badCs.whichIsUnsatisfied().orElseThrow(), msg);
        }
        CountingConstraintSystem<Fr> blank = CountingConstraintSystem.count(FrScalarField.INSTANCE,
                PorCircuit.blank(Sha256MerkleGadget.INSTANCE, BINARY, 64, false));
        assertEquals(272_295, blank.numConstraints());
        assertEquals(3, blank.numInputs());
    }
}
