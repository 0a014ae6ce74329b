package io.filprover.proofs.gadgets;

import io.filprover.bls12381.field.Fr;
import io.filprover.proofs.r1cs.ConstraintSystem;
import java.util.ArrayList;
import java.util.List;

/**
 * The circuit side of rust-fil-proofs' BLAKE2s hasher ({@code filecoin-hashers} blake2s.rs,
 * {@code Blake2sFunction}'s gadget functions): BLAKE2s-256 with an all-zero personalization over the
 * nodes' little-endian bits, each node zero-padded to whole bytes (a 255-bit number becomes its
 * 32-byte encoding), the digest's first 254 little-endian bits packed into one Fr (the vanilla
 * hasher clears the top two bits of byte 31).
 */
public final class Blake2sFunctionGadget {
    private static final byte[] PERSONALIZATION = new byte[8];

    private Blake2sFunctionGadget() {
    }

    /** H(leaf_0 ‖ … ‖ leaf_{n−1}) ({@code hash_multi_leaf_circuit}; the height is unused). */
    public static AllocatedNum<Fr> hashMultiLeafCircuit(ConstraintSystem<Fr> cs, List<AllocatedNum<Fr>> leaves) {
        List<Boolean> bits = new ArrayList<>(leaves.size() * 256);
        for (int i = 0; i < leaves.size(); i++) {
            int at = i;
            AllocatedNum<Fr> leaf = leaves.get(i);
            bits.addAll(cs.namespace(() -> at + "_num_into_bits", ns -> AllocatedNum.toBitsLe(ns, leaf)));
            padToBytes(bits);
        }
        return hashCircuit(cs, bits);
    }

    /** H(left ‖ right) of two nodes given as little-endian bits ({@code hash_leaf_bits_circuit}). */
    public static AllocatedNum<Fr> hashLeafBitsCircuit(ConstraintSystem<Fr> cs, List<Boolean> left,
                                                       List<Boolean> right) {
        List<Boolean> preimage = new ArrayList<>(left);
        padToBytes(preimage);
        preimage.addAll(right);
        padToBytes(preimage);
        return hashCircuit(cs, preimage);
    }

    /** H(a ‖ b) of two numbers ({@code hash2_circuit}). */
    public static AllocatedNum<Fr> hash2Circuit(ConstraintSystem<Fr> cs, AllocatedNum<Fr> a, AllocatedNum<Fr> b) {
        List<Boolean> aBits = cs.namespace("a_bits", ns -> AllocatedNum.toBitsLe(ns, a));
        List<Boolean> bBits = cs.namespace("b_bits", ns -> AllocatedNum.toBitsLe(ns, b));
        return hashLeafBitsCircuit(cs, aBits, bBits);
    }

    /**
     * BLAKE2s of bits already in hashing order (little-endian within each byte) in namespace
     * "hash", its first 254 bits packed in "pack" ({@code hash_circuit}).
     */
    public static AllocatedNum<Fr> hashCircuit(ConstraintSystem<Fr> cs, List<Boolean> bits) {
        List<Boolean> digest = cs.namespace("hash", ns -> Blake2sGadget.blake2s(ns, bits, PERSONALIZATION));
        return cs.namespace("pack", ns -> Multipack.packBits(ns, digest));
    }

    private static void padToBytes(List<Boolean> bits) {
        while (bits.size() % 8 != 0) {
            bits.add(Boolean.FALSE);
        }
    }
}
