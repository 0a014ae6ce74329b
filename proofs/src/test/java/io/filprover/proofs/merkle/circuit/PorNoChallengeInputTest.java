package io.filprover.proofs.merkle.circuit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.filprover.bls12381.field.Fr;
import io.filprover.bls12381.poseidon.PoseidonParameters;
import io.filprover.proofs.gadgets.AllocatedNum;
import io.filprover.proofs.gadgets.IndexBit;
import io.filprover.proofs.gadgets.PoseidonGadget;
import io.filprover.proofs.gadgets.PoseidonMerkleGadget;
import io.filprover.proofs.merkle.MerkleProof;
import io.filprover.proofs.merkle.PathElement;
import io.filprover.proofs.merkle.PoseidonMerkleHasher;
import io.filprover.proofs.r1cs.FrScalarField;
import io.filprover.proofs.r1cs.TestConstraintSystem;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Ports rust-fil-proofs storage-proofs-core/tests/por_circuit.rs {@code test_por_no_challenge_input_*}
 * (same shapes and sector sizes; 10 random challenges sharing one root instead of 100). Upstream
 * asserts no count there; the expected count is derived: per challenge its booleanity constraints,
 * per level the insert (insertion.rs counts) and the Poseidon hash (neptune's count), plus 1.
 */
class PorNoChallengeInputTest {
    private static int insertCount(int arity) {
        return arity == 8 ? 22 : arity == 4 ? 8 : arity * (arity - 1);
    }

    @ParameterizedTest(name = "{0}-{1}-{2}, {3} nodes")
    @CsvSource({"8, 0, 0, 64", "8, 8, 0, 64", "8, 4, 0, 256", "8, 4, 2, 512", "8, 8, 2, 1024"})
    void vanillaProofsSatisfyAndAWrongRootDoesNot(int base, int sub, int top, int nodes) {
        long seed = new Random().nextLong();
        Random rnd = new Random(seed);
        PorCircuit.Shape shape = new PorCircuit.Shape(base, sub, top);
        MemoryTree tree = MemoryTree.random(shape, PoseidonMerkleHasher.INSTANCE, nodes, rnd);
        int bitLen = Integer.numberOfTrailingZeros(nodes);
        for (boolean tamperRoot : new boolean[] {false, true}) {
            TestConstraintSystem<Fr> cs = new TestConstraintSystem<>(FrScalarField.INSTANCE);
            Fr rootValue = tamperRoot ? Fr.random(rnd) : Fr.fromBytesLE(tree.root);
            AllocatedNum<Fr> root = AllocatedNum.alloc(cs, "root", () -> rootValue);
            int expected = 0;
            for (int k = 0; k < 10; k++) {
                int ck = k;
                int c = rnd.nextInt(nodes);
                MerkleProof proof = tree.proof(c);
                Fr leafValue = Fr.fromBytesLE(proof.leaf());
                AllocatedNum<Fr> leaf = AllocatedNum.alloc(cs, () -> "leaf (c_index=" + ck + ")", () -> leafValue);
                List<IndexBit> bits = new ArrayList<>();
                for (int i = 0; i < bitLen; i++) {
                    int bi = i;
                    bits.add(IndexBit.alloc(cs, () -> "challenge_bit (c_index=" + ck + ", bit_index=" + bi + ")",
                            ((c >> i) & 1) == 1));
                }
                List<List<AllocatedNum<Fr>>> pathValues = new ArrayList<>();
                List<PathElement> path = proof.path();
                expected += bitLen + 1;
                for (int h = 0; h < path.size(); h++) {
                    List<AllocatedNum<Fr>> siblings = new ArrayList<>();
                    for (int i = 0; i < path.get(h).siblings().size(); i++) {
                        Fr v = Fr.fromBytesLE(path.get(h).siblings().get(i));
                        int hh = h;
                        int ii = i;
                        siblings.add(AllocatedNum.alloc(cs, () -> "merkle path sibling (c_index=" + ck + ", height="
                                + hh + ", sibling_index=" + ii + ")", () -> v));
                    }
                    pathValues.add(siblings);
                    int arity = path.get(h).arity();
                    expected += insertCount(arity) + PoseidonGadget.constraintCount(PoseidonParameters.filecoin(arity));
                }
                cs.inNamespace(() -> "por (c_index=" + ck + ")", n -> PorCircuit.porNoChallengeInput(n,
                        PoseidonMerkleGadget.INSTANCE, shape, bits, leaf, pathValues, root));
            }
            String msg = "seed " + seed + " shape " + shape;
            if (tamperRoot) {
                assertFalse(cs.isSatisfied(), msg);
                assertEquals("por (c_index=0)/calculated root == provided root", cs.whichIsUnsatisfied().orElseThrow());
            } else {
                assertTrue(cs.isSatisfied(), () -> msg + ": " + cs.whichIsUnsatisfied());
            }
            assertEquals(1, cs.numInputs(), msg);
            assertEquals(expected, cs.numConstraints(), msg);
        }
    }
}
