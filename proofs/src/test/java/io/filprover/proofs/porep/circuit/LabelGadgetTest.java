package io.filprover.proofs.porep.circuit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.filprover.bls12381.field.Fr;
import io.filprover.proofs.gadgets.AllocatedBit;
import io.filprover.proofs.gadgets.AllocatedNum;
import io.filprover.proofs.gadgets.Boolean;
import io.filprover.proofs.gadgets.Multipack;
import io.filprover.proofs.gadgets.UInt32;
import io.filprover.proofs.gadgets.UInt64;
import io.filprover.proofs.porep.LabelFunction;
import io.filprover.proofs.r1cs.ConstraintSystem;
import io.filprover.proofs.r1cs.CountingConstraintSystem;
import io.filprover.proofs.r1cs.FrScalarField;
import io.filprover.proofs.r1cs.TestConstraintSystem;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * create_label in-circuit against {@link LabelFunction#label}. The count is upstream's
 * stacked/circuit/create_label.rs test_create_label: 532,025 with the replica id and 37 parents
 * allocated as bits first (bytes_into_boolean_vec_be, 38 · 256 booleanity constraints).
 */
class LabelGadgetTest {
    @Test
    void matchesTheVanillaLabelAndUpstreamCount() {
        long seed = new Random().nextLong();
        Random rnd = new Random(seed);
        byte[] replicaId = Fr.random(rnd).toBytesLE();
        int layer = 1 + rnd.nextInt(11);
        long node = rnd.nextLong() >>> 34;
        List<byte[]> distinct = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            distinct.add(Fr.random(rnd).toBytesLE());
        }
        List<byte[]> parents = LabelFunction.repeatToTotal(distinct);
        String msg = "seed " + seed + " layer " + layer + " node " + node;

        TestConstraintSystem<Fr> cs = new TestConstraintSystem<>(FrScalarField.INSTANCE);
        AllocatedNum<Fr> label = synthesize(cs, replicaId, parents, layer, node);
        assertTrue(cs.isSatisfied(), () -> msg + ": " + cs.whichIsUnsatisfied());
        assertEquals(532_025, cs.numConstraints(), msg);
        assertEquals(Fr.fromBytesLE(LabelFunction.label(replicaId, layer, node, parents)), label.value(), msg);

        // another node index gives another label
        TestConstraintSystem<Fr> other = new TestConstraintSystem<>(FrScalarField.INSTANCE);
        assertNotEquals(label.value(), synthesize(other, replicaId, parents, layer, node + 1).value(), msg);

        CountingConstraintSystem<Fr> blank = new CountingConstraintSystem<>(FrScalarField.INSTANCE);
        synthesize(blank, null, parents, layer, node);
        assertEquals(532_025, blank.numConstraints());
    }

    /** The upstream test's harness: id and parents as allocated big-endian-per-byte bits, node a constant. */
    private static AllocatedNum<Fr> synthesize(ConstraintSystem<Fr> cs, byte[] replicaId, List<byte[]> parents,
                                               int layer, long node) {
        List<List<Boolean>> parentBits = new ArrayList<>();
        for (int i = 0; i < parents.size(); i++) {
            byte[] p = replicaId == null ? null : parents.get(i);
            parentBits.add(cs.namespace("parents " + i, ns -> bytesIntoBits(ns, p)));
        }
        List<Boolean> id = cs.namespace("id", ns -> bytesIntoBits(ns, replicaId));
        return cs.namespace("create_label",
                ns -> LabelGadget.createLabel(ns, id, parentBits, UInt32.constant(layer), UInt64.constant(node)));
    }

    /** bytes_into_boolean_vec_be: 256 allocated bits "bit i", each byte most significant bit first. */
    private static List<Boolean> bytesIntoBits(ConstraintSystem<Fr> cs, byte[] bytes) {
        boolean[] bits = bytes == null ? null : Multipack.bytesToBits(bytes);
        List<Boolean> out = new ArrayList<>(256);
        for (int i = 0; i < 256; i++) {
            int at = i;
            java.lang.Boolean b = bits == null ? null : bits[i];
            out.add(Boolean.is(cs.namespace(() -> "bit " + at, ns -> AllocatedBit.alloc(ns, b))));
        }
        return out;
    }
}
