package io.filprover.proofs.gadgets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.filprover.bls12381.field.Fr;
import io.filprover.proofs.r1cs.FrScalarField;
import io.filprover.proofs.r1cs.TestConstraintSystem;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** encode.rs: replica = key + data in one constraint; decode inverts it. */
class EncodeTest {
    @Test
    void encodeAddsAndDecodeSubtracts() {
        long seed = new Random().nextLong();
        Random rnd = new Random(seed);
        Fr key = Fr.random(rnd);
        Fr data = Fr.random(rnd);
        TestConstraintSystem<Fr> cs = new TestConstraintSystem<>(FrScalarField.INSTANCE);
        AllocatedNum<Fr> k = AllocatedNum.alloc(cs, "key", () -> key);
        AllocatedNum<Fr> d = AllocatedNum.alloc(cs, "data", () -> data);
        AllocatedNum<Fr> r = cs.namespace("encode_node", ns -> Encode.encode(ns, k, d));
        AllocatedNum<Fr> back = cs.namespace("decode_node", ns -> Encode.decode(ns, k, r));
        assertTrue(cs.isSatisfied(), "seed " + seed);
        assertEquals(2, cs.numConstraints());
        assertEquals(key.add(data), r.value(), "seed " + seed);
        assertEquals(data, back.value(), "seed " + seed);
        cs.set("encode_node/encode_add/add_num", key.add(data).add(Fr.ONE));
        assertEquals("encode_node/encode_add/sum constraint", cs.whichIsUnsatisfied().orElseThrow());
        assertFalse(cs.isSatisfied());
    }
}
