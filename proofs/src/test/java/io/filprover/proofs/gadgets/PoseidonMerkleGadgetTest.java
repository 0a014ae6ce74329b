package io.filprover.proofs.gadgets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.filprover.bls12381.field.Fr;
import io.filprover.bls12381.poseidon.PoseidonHasher;
import io.filprover.proofs.merkle.PoseidonMerkleHasher;
import io.filprover.proofs.r1cs.CountingConstraintSystem;
import io.filprover.proofs.r1cs.FrScalarField;
import io.filprover.proofs.r1cs.TestConstraintSystem;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PoseidonMerkleGadgetTest {
    private static final PoseidonMerkleGadget GADGET = PoseidonMerkleGadget.INSTANCE;

    private static List<AllocatedNum<Fr>> inputs(TestConstraintSystem<Fr> cs, Fr[] values) {
        List<AllocatedNum<Fr>> out = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            Fr v = values[i];
            int at = i;
            out.add(AllocatedNum.alloc(cs, () -> "input " + at, () -> v));
        }
        return out;
    }

    /** u64 limbs [a, b, c, d] → the Fr with repr le64(a)‖le64(b)‖le64(c)‖le64(d). */
    private static Fr limbs(long a, long b, long c, long d) {
        ByteBuffer buf = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(a).putLong(b).putLong(c).putLong(d);
        return Fr.fromBytesLE(buf.array());
    }

    /**
     * filecoin-hashers/src/poseidon.rs test_hash_md_circuit: 71 ones, 2,770 constraints (TV-CIRCUIT);
     * the value is test_hash_md's literal and the vanilla hash_md.
     */
    @Test
    void hashMdOf71OnesMatchesUpstream() {
        Fr[] ones = new Fr[71];
        java.util.Arrays.fill(ones, Fr.ONE);
        TestConstraintSystem<Fr> cs = new TestConstraintSystem<>(FrScalarField.INSTANCE);
        AllocatedNum<Fr> out = GADGET.hashMd(cs, inputs(cs, ones));
        assertTrue(cs.isSatisfied(), () -> cs.whichIsUnsatisfied().toString());
        assertEquals(2770, cs.numConstraints(), "poseidon.rs test_hash_md_circuit");
        assertEquals(limbs(0x351c54133b332c90L, 0xc26f6d625f4e8195L, 0x5fd9623643ed9622L, 0x59f42220e09ff6f7L),
                out.value(), "poseidon.rs test_hash_md");
        assertEquals(PoseidonHasher.hashMd(ones), out.value());
    }

    /**
     * Random inputs against the vanilla hash_md, including lengths whose last chunk is padded
     * (1 + 35k + r elements): one arity-36 hash per started chunk of 35, 1,385 constraints each
     * (neptune circuit.rs test_poseidon_hash, U36), padding zeros unconstrained as upstream.
     */
    @ParameterizedTest
    @CsvSource({"2", "36", "37", "71", "72", "100"})
    void hashMdRandom(int n) {
        long seed = new Random().nextLong();
        Random rnd = new Random(seed);
        Fr[] in = new Fr[n];
        for (int i = 0; i < n; i++) {
            in[i] = Fr.random(rnd);
        }
        TestConstraintSystem<Fr> cs = new TestConstraintSystem<>(FrScalarField.INSTANCE);
        AllocatedNum<Fr> out = GADGET.hashMd(cs, inputs(cs, in));
        assertTrue(cs.isSatisfied(), "seed " + seed);
        assertEquals(PoseidonHasher.hashMd(in), out.value(), "seed " + seed);
        int chunks = (n - 1 + 34) / 35;
        assertEquals(1385 * chunks, cs.numConstraints(), "seed " + seed);

        CountingConstraintSystem<Fr> counting = new CountingConstraintSystem<>(FrScalarField.INSTANCE);
        List<AllocatedNum<Fr>> blank = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            blank.add(AllocatedNum.alloc(counting, "x", () -> null));
        }
        GADGET.hashMd(counting, blank);
        assertEquals(cs.numConstraints(), counting.numConstraints());
        assertEquals(cs.numAux(), counting.numAux());
    }

    /** The node gadget agrees with its paired vanilla hasher for every tree arity, and hash2 with arity 2. */
    @ParameterizedTest
    @CsvSource({"2", "4", "8", "11", "16"})
    void nodeHashMatchesPairedVanillaHasher(int arity) {
        long seed = new Random().nextLong();
        Random rnd = new Random(seed);
        Fr[] in = new Fr[arity];
        byte[][] bytes = new byte[arity][];
        for (int i = 0; i < arity; i++) {
            in[i] = Fr.random(rnd);
            bytes[i] = in[i].toBytesLE();
        }
        MerkleHasherGadget gadget = GADGET;
        assertSame(PoseidonMerkleHasher.INSTANCE, gadget.vanilla());
        TestConstraintSystem<Fr> cs = new TestConstraintSystem<>(FrScalarField.INSTANCE);
        List<AllocatedNum<Fr>> nums = inputs(cs, in);
        AllocatedNum<Fr> out = gadget.hashNode(cs, nums, rnd.nextInt(30));
        assertTrue(cs.isSatisfied(), "seed " + seed);
        assertEquals(Fr.fromBytesLE(gadget.vanilla().hash(bytes)), out.value(), "seed " + seed);
        if (arity == 2) {
            TestConstraintSystem<Fr> cs2 = new TestConstraintSystem<>(FrScalarField.INSTANCE);
            List<AllocatedNum<Fr>> two = inputs(cs2, in);
            assertEquals(out.value(), cs2.namespace("ab", c -> GADGET.hash2(c, two.get(0), two.get(1))).value());
            // order matters: swapped children give another hash
            assertFalse(out.value().equals(cs2.namespace("ba", c -> GADGET.hash2(c, two.get(1), two.get(0))).value()),
                    "seed " + seed);
        }
    }
}
