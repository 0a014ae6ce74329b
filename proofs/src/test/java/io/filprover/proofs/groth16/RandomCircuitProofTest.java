package io.filprover.proofs.groth16;

import io.filprover.proofs.TestJobs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.filprover.bls12381.field.Fr;
import io.filprover.proofs.r1cs.FrScalarField;
import io.filprover.proofs.r1cs.TestConstraintSystem;
import io.filprover.proofs.groth16.params.Groth16Parameters;
import io.filprover.proofs.groth16.params.Groth16Setup;
import io.filprover.proofs.groth16.params.ToxicWaste;
import io.filprover.proofs.groth16.prover.Groth16Prover;
import io.filprover.proofs.groth16.prover.ProofSelfCheckException;
import io.filprover.proofs.groth16.verifier.Groth16Verifier;
import io.filprover.proofs.groth16.verifier.PreparedVerifyingKey;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Proofs of random circuits (fresh seed per run, printed in every message) checked by our verifier
 * and independently by native blst; tampered proofs and wrong public inputs must fail. Only
 * {@link #proofsVerifyWithNativeBlst} needs the jblst native library and is skipped without it.
 */
class RandomCircuitProofTest {
    private final long seed = System.nanoTime();
    private final Random rnd = new Random(seed);
    private final Groth16Prover prover = new Groth16Prover(TestJobs.CPU);

    private RandomCircuit randomShape() {
        int free = 1 + rnd.nextInt(3);
        return new RandomCircuit(rnd.nextLong(), 1 + rnd.nextInt(3), free, free + rnd.nextInt(5), null);
    }

    @Test
    void proofsVerifyHereAndTamperingFails() {
        for (int round = 0; round < 3; round++) {
            RandomCircuit shape = randomShape();
            String m = "seed=" + seed + " round " + round + " " + shape;
            Groth16Parameters params = Groth16Setup.generate(shape, ToxicWaste.random(rnd));
            RandomCircuit circuit = shape.withValues(rnd.nextLong());
            TestConstraintSystem<Fr> tcs = new TestConstraintSystem<>(FrScalarField.INSTANCE);
            circuit.synthesize(tcs);
            assertTrue(tcs.isSatisfied(), m);
            List<Fr> inputs = circuit.publicInputs();

            Proof proof = prover.prove(circuit, params, Fr.random(rnd), Fr.random(rnd));
            byte[] bytes = proof.toBytes();
            PreparedVerifyingKey pvk = PreparedVerifyingKey.prepare(params.verifyingKey());
            assertTrue(Groth16Verifier.verify(pvk, proof, inputs), m);

            // wrong public input
            List<Fr> wrong = new ArrayList<>(inputs);
            int at = rnd.nextInt(wrong.size());
            wrong.set(at, wrong.get(at).add(Fr.ONE));
            assertFalse(Groth16Verifier.verify(pvk, proof, wrong), m + " wrong input " + at);

            // one flipped bit (every bit: ParametersFormatTest.everySingleBitFlipOfAProofIsRejected):
            // either the encoding is rejected or the proof no longer verifies
            int bit = rnd.nextInt(Proof.BYTES * 8);
            byte[] flipped = bytes.clone();
            flipped[bit >>> 3] ^= (byte) (1 << (bit & 7));
            boolean accepted;
            try {
                accepted = Groth16Verifier.verify(pvk, Proof.fromBytes(flipped), inputs);
            } catch (InvalidProofException e) {
                accepted = false;
            }
            assertFalse(accepted, m + " flipped bit " + bit);

            // a wrong input count is an error, not a rejection
            assertThrows(IllegalArgumentException.class, () -> Groth16Verifier.verify(pvk, proof, inputs.subList(1, inputs.size())), m);
        }
    }

    @Test
    void proofsVerifyWithNativeBlst() {
        BlstGroth16Check.assumeNativeBlst(); // the only test here that needs jblst's native library
        for (int round = 0; round < 3; round++) {
            RandomCircuit shape = randomShape();
            String m = "seed=" + seed + " round " + round + " " + shape;
            Groth16Parameters params = Groth16Setup.generate(shape, ToxicWaste.random(rnd));
            RandomCircuit circuit = shape.withValues(rnd.nextLong());
            List<Fr> inputs = circuit.publicInputs();
            byte[] bytes = prover.prove(circuit, params, Fr.random(rnd), Fr.random(rnd)).toBytes();
            assertTrue(BlstGroth16Check.verify(params.verifyingKey(), bytes, inputs), m + " (blst)");

            List<Fr> wrong = new ArrayList<>(inputs);
            int at = rnd.nextInt(wrong.size());
            wrong.set(at, wrong.get(at).add(Fr.ONE));
            assertFalse(BlstGroth16Check.verify(params.verifyingKey(), bytes, wrong), m + " wrong input " + at + " (blst)");
        }
    }

    @Test
    void batchProvingEqualsSingleProofsAndBatchVerification() {
        RandomCircuit shape = randomShape();
        String m = "seed=" + seed + " " + shape;
        Groth16Parameters params = Groth16Setup.generate(shape, ToxicWaste.random(rnd));
        List<RandomCircuit> circuits = new ArrayList<>();
        List<Fr> r = new ArrayList<>();
        List<Fr> s = new ArrayList<>();
        List<List<Fr>> inputs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            RandomCircuit c = shape.withValues(rnd.nextLong());
            circuits.add(c);
            inputs.add(c.publicInputs());
            r.add(Fr.random(rnd));
            s.add(Fr.random(rnd));
        }
        List<Proof> batch = prover.proveBatch(circuits, params, r, s);
        for (int i = 0; i < 3; i++) {
            assertEquals(prover.prove(circuits.get(i), params, r.get(i), s.get(i)), batch.get(i), m + " proof " + i);
        }
        PreparedVerifyingKey pvk = PreparedVerifyingKey.prepare(params.verifyingKey());
        assertTrue(Groth16Verifier.verifyBatch(pvk, batch, inputs, rnd), m);
        List<List<Fr>> wrong = new ArrayList<>(inputs);
        List<Fr> w = new ArrayList<>(wrong.get(1));
        w.set(0, w.get(0).add(Fr.ONE));
        wrong.set(1, w);
        assertFalse(Groth16Verifier.verifyBatch(pvk, batch, wrong, rnd), m);
        List<Proof> swapped = List.of(batch.get(1), batch.get(0), batch.get(2));
        assertFalse(Groth16Verifier.verifyBatch(pvk, swapped, inputs, rnd), m);
    }

    @Test
    void anUnsatisfiedWitnessIsNeverReturnedAsAProof() {
        RandomCircuit shape = randomShape();
        Groth16Parameters params = Groth16Setup.generate(shape, ToxicWaste.random(rnd));
        // a circuit of the same shape whose witness breaks the last constraint: z off by one
        io.filprover.proofs.r1cs.Circuit<Fr> broken = cs -> shape.withValues(rnd.nextLong())
                .synthesize(new OffByOneLastAux<>(cs));
        assertThrows(ProofSelfCheckException.class, () -> prover.prove(broken, params, Fr.random(rnd), Fr.random(rnd)),
                "seed=" + seed);
    }

    /** Proving in groups (as Commit2 does when the heap is short) must not change any proof, nor their order. */
    @Test
    void groupsOfABatchGiveTheSameProofsInOrder() {
        RandomCircuit shape = randomShape();
        String m = "seed=" + seed + " " + shape;
        Groth16Parameters params = Groth16Setup.generate(shape, ToxicWaste.random(rnd));
        int n = 4 + rnd.nextInt(4);
        List<RandomCircuit> circuits = new ArrayList<>();
        List<Fr> r = new ArrayList<>();
        List<Fr> s = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            circuits.add(shape.withValues(rnd.nextLong()));
            r.add(Fr.random(rnd));
            s.add(Fr.random(rnd));
        }
        List<Proof> whole = prover.proveBatch(circuits, params, r, s, n);
        for (int group : new int[] {1, 2, 3, n - 1}) {
            assertEquals(whole, prover.proveBatch(circuits, params, r, s, group), m + " group " + group);
        }
        for (int i = 0; i < n; i++) {
            assertEquals(prover.prove(circuits.get(i), params, r.get(i), s.get(i)), whole.get(i), m + " proof " + i);
        }
        assertThrows(IllegalArgumentException.class, () -> prover.proveBatch(circuits, params, r, s, 0), m);
    }

    /**
     * The heap bound for the 2 KiB PoRep partition's parameters (counts from bench/RESULTS.md §8):
     * 32·(4m + 3·aux) = 794,695,520 bytes per circuit and, shared, 32·3m plus the five base vectors
     * prepared for the whole batch, 96·(h + l + a + b_g1) + 192·b_g2: 1,517,356,224 bytes; so 4 GiB free
     * hold 3 circuits, 2 GiB 1, and too little heap still proves one at a time.
     */
    @Test
    void groupSizeFollowsTheFreeHeap() {
        io.filprover.proofs.groth16.params.ParameterSource twoKiB = counts(4_194_303, 2_685_673, 2_674_948, 685_522);
        long perCircuit = 794_695_520L;
        long shared = 1_517_356_224L;
        assertEquals(3, Groth16Prover.groupSize(twoKiB, 4L << 30));
        assertEquals(1, Groth16Prover.groupSize(twoKiB, 2L << 30));
        assertEquals(1, Groth16Prover.groupSize(twoKiB, 0));
        assertEquals(1, Groth16Prover.groupSize(twoKiB, shared + 2 * perCircuit - 1));
        assertEquals(2, Groth16Prover.groupSize(twoKiB, shared + 2 * perCircuit));
        assertEquals(13, Groth16Prover.groupSize(twoKiB, shared + 13 * perCircuit));
    }

    static io.filprover.proofs.groth16.params.ParameterSource counts(int h, int l, int a, int b) {
        return new io.filprover.proofs.groth16.params.ParameterSource() {
            @Override public io.filprover.proofs.groth16.params.VerifyingKey verifyingKey() { throw new UnsupportedOperationException(); }
            @Override public long[] h() { throw new UnsupportedOperationException(); }
            @Override public long[] l() { throw new UnsupportedOperationException(); }
            @Override public long[] a() { throw new UnsupportedOperationException(); }
            @Override public long[] bG1() { throw new UnsupportedOperationException(); }
            @Override public long[] bG2() { throw new UnsupportedOperationException(); }
            @Override public int hCount() { return h; }
            @Override public int lCount() { return l; }
            @Override public int aCount() { return a; }
            @Override public int bG1Count() { return b; }
            @Override public int bG2Count() { return b; }
        };
    }

    @Test
    void parametersOfAnotherCircuitAreRejected() {
        RandomCircuit a = new RandomCircuit(rnd.nextLong(), 1, 1, 2, null);
        RandomCircuit b = new RandomCircuit(rnd.nextLong(), 2, 2, 5, null);
        Groth16Parameters params = Groth16Setup.generate(a, ToxicWaste.random(rnd));
        assertThrows(IllegalArgumentException.class, () -> prover.prove(b.withValues(1), params, Fr.ONE, Fr.ONE),
                "seed=" + seed);
    }
}
