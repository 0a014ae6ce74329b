package io.filprover.proofs.porep.circuit;

import io.filprover.bls12381.field.Fr;
import io.filprover.proofs.gadgets.AllocatedNum;
import io.filprover.proofs.gadgets.Boolean;
import io.filprover.proofs.gadgets.FrBits;
import io.filprover.proofs.gadgets.Multipack;
import io.filprover.proofs.gadgets.Sha256Gadget;
import io.filprover.proofs.gadgets.UInt32;
import io.filprover.proofs.gadgets.UInt64;
import io.filprover.proofs.porep.LabelFunction;
import io.filprover.proofs.r1cs.ConstraintSystem;
import java.util.ArrayList;
import java.util.List;

/**
 * SDR's labeling function in-circuit (storage-proofs-porep stacked/circuit/create_label.rs), the twin
 * of {@link LabelFunction#label}: SHA-256 over replica_id ‖ u32_BE(layer) ‖ u64_BE(node) ‖ 0^20 ‖ the
 * 37 parents (each padded to 32 bytes), the digest read little-endian and truncated to 254 bits.
 * Inputs are bits in hashing order (bytes in order, each most significant bit first), as
 * {@link #reverseBitNumbering} makes them from a number's little-endian bits. 1,248 bytes hash in
 * 20 compressions.
 */
public final class LabelGadget {
    private LabelGadget() {
    }

    /** Label of {@code node} in {@code layer}: SHA-256 in "hash", the result packed in "result_num". */
    public static AllocatedNum<Fr> createLabel(ConstraintSystem<Fr> cs, List<Boolean> replicaId,
                                               List<List<Boolean>> parents, UInt32 layer, UInt64 node) {
        if (replicaId.size() < 32 || replicaId.size() > 256) {
            throw new IllegalArgumentException("replica id of " + replicaId.size() + " bits");
        }
        if (parents.size() != LabelFunction.TOTAL_PARENTS) {
            throw new IllegalArgumentException(parents.size() + " parents, expected " + LabelFunction.TOTAL_PARENTS);
        }
        List<Boolean> preimage = new ArrayList<>((2 + LabelFunction.TOTAL_PARENTS) * 256);
        preimage.addAll(replicaId);
        padTo(preimage, 256);
        preimage.addAll(layer.intoBitsBe());
        preimage.addAll(node.toBitsBe());
        padTo(preimage, 512);
        for (List<Boolean> parent : parents) {
            preimage.addAll(parent);
            padTo(preimage, (preimage.size() + 255) / 256 * 256);
        }
        if (preimage.size() != (2 + LabelFunction.TOTAL_PARENTS) * 256) {
            throw new IllegalArgumentException("a parent has more than 256 bits");
        }
        List<Boolean> digest = cs.namespace("hash", ns -> Sha256Gadget.sha256(ns, preimage));
        List<Boolean> le = reverseBitNumbering(digest);
        return cs.namespace("result_num", ns -> Multipack.packBits(ns, le.subList(0, FrBits.CAPACITY)));
    }

    /**
     * storage-proofs-core util.rs reverse_bit_numbering: pads with constant zeros to whole bytes and
     * reverses the bit order within each byte (little-endian bits ↔ hashing order).
     */
    public static List<Boolean> reverseBitNumbering(List<Boolean> bits) {
        List<Boolean> padded = new ArrayList<>(bits);
        while (padded.size() % 8 != 0) {
            padded.add(Boolean.FALSE);
        }
        List<Boolean> out = new ArrayList<>(padded.size());
        for (int i = 0; i < padded.size(); i += 8) {
            for (int j = 7; j >= 0; j--) {
                out.add(padded.get(i + j));
            }
        }
        return out;
    }

    private static void padTo(List<Boolean> bits, int size) {
        while (bits.size() < size) {
            bits.add(Boolean.FALSE);
        }
    }
}
