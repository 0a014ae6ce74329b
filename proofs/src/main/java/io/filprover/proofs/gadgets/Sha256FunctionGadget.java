package io.filprover.proofs.gadgets;

import io.filprover.bls12381.field.Fr;
import io.filprover.proofs.r1cs.ConstraintSystem;
import java.util.ArrayList;
import java.util.List;

/**
 * The circuit side of rust-fil-proofs' SHA-256 hasher ({@code filecoin-hashers} sha256.rs,
 * {@code Sha256Function}'s gadget functions): the node hash of tree_d and the multi-leaf hash, each
 * SHA-256 over the nodes' 32-byte little-endian encodings, the digest's bytes read as a little-endian
 * integer and truncated to 254 bits (the vanilla hasher clears the top two bits of byte 31), packed
 * into one Fr.
 */
public final class Sha256FunctionGadget {
    private Sha256FunctionGadget() {
    }

    /** H(left ‖ right) of two numbers (the trait default {@code hash_leaf_circuit}). */
    public static AllocatedNum<Fr> hashLeafCircuit(ConstraintSystem<Fr> cs, AllocatedNum<Fr> left,
                                                   AllocatedNum<Fr> right) {
        List<Boolean> l = cs.namespace("left num into bits", ns -> AllocatedNum.toBitsLe(ns, left));
        List<Boolean> r = cs.namespace("right num into bits", ns -> AllocatedNum.toBitsLe(ns, right));
        return hashLeafBitsCircuit(cs, l, r);
    }

    /** H(left ‖ right) of two nodes given as little-endian bits ({@code hash_leaf_bits_circuit}). */
    public static AllocatedNum<Fr> hashLeafBitsCircuit(ConstraintSystem<Fr> cs, List<Boolean> left,
                                                       List<Boolean> right) {
        List<Boolean> preimage = new ArrayList<>();
        appendAsBytes(preimage, left);
        appendAsBytes(preimage, right);
        return hashCircuit(cs, preimage);
    }

    /** H(a ‖ b) of two numbers ({@code hash2_circuit}): 2·256 + 44,874 + 1 constraints. */
    public static AllocatedNum<Fr> hash2Circuit(ConstraintSystem<Fr> cs, AllocatedNum<Fr> a, AllocatedNum<Fr> b) {
        List<Boolean> aBits = cs.namespace("a_bits", ns -> AllocatedNum.toBitsLe(ns, a));
        List<Boolean> bBits = cs.namespace("b_bits", ns -> AllocatedNum.toBitsLe(ns, b));
        List<Boolean> preimage = new ArrayList<>();
        appendAsBytes(preimage, aBits);
        appendAsBytes(preimage, bBits);
        return hashCircuit(cs, preimage);
    }

    /** H(leaf_0 ‖ … ‖ leaf_{n−1}) ({@code hash_multi_leaf_circuit}; bellman's height argument is unused). */
    public static AllocatedNum<Fr> hashMultiLeafCircuit(ConstraintSystem<Fr> cs, List<AllocatedNum<Fr>> leaves) {
        List<Boolean> preimage = new ArrayList<>();
        for (int i = 0; i < leaves.size(); i++) {
            int at = i;
            AllocatedNum<Fr> leaf = leaves.get(i);
            appendAsBytes(preimage, cs.namespace(() -> at + "_num_into_bits", ns -> AllocatedNum.toBitsLe(ns, leaf)));
        }
        return hashCircuit(cs, preimage);
    }

    /**
     * SHA-256 of bits already in hashing order (each byte most significant bit first), in namespace
     * "hash"; the digest read little-endian, its first 254 bits packed in "pack_le" (trunc254).
     */
    public static AllocatedNum<Fr> hashCircuit(ConstraintSystem<Fr> cs, List<Boolean> bits) {
        List<Boolean> be = cs.namespace("hash", ns -> Sha256Gadget.sha256(ns, bits));
        List<Boolean> le = new ArrayList<>(FrBits.CAPACITY);
        for (int i = 0; i < be.size() && le.size() < FrBits.CAPACITY; i += 8) {
            for (int j = 7; j >= 0 && le.size() < FrBits.CAPACITY; j--) {
                le.add(be.get(i + j));
            }
        }
        return cs.namespace("pack_le", ns -> Multipack.packBits(ns, le));
    }

    /** Little-endian bits, zero-padded to whole bytes, appended with each byte's bits reversed (hashing order). */
    private static void appendAsBytes(List<Boolean> out, List<Boolean> le) {
        List<Boolean> padded = new ArrayList<>(le);
        while (padded.size() % 8 != 0) {
            padded.add(Boolean.FALSE);
        }
        for (int i = 0; i < padded.size(); i += 8) {
            for (int j = 7; j >= 0; j--) {
                out.add(padded.get(i + j));
            }
        }
    }
}
