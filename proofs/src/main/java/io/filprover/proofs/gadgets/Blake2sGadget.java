package io.filprover.proofs.gadgets;

import io.filprover.bls12381.field.Fr;
import io.filprover.proofs.hash.Blake2s;
import io.filprover.proofs.r1cs.ConstraintSystem;
import java.util.ArrayList;
import java.util.List;

/**
 * BLAKE2s-256 (RFC 7693) in a circuit with an 8-byte personalization, as bellman's
 * {@code blake2s::blake2s}: input bits little-endian within each byte (byte after byte), output the
 * 32 digest bytes the same way. Words are {@link UInt32}s; the additions of one compression share
 * a {@link MultiEq}, xors cost one constraint per non-constant bit pair, and constants fold, so the
 * empty input or an all-constant one costs nothing (bellman test_blank_hash,
 * test_blake2s_constant_constraints) and one block of 512 allocated bits 21,518 constraints with
 * their booleanity (test_blake2s_constraints).
 */
public final class Blake2sGadget {
    /** RFC 7693 §2.1: BLAKE2s' G rotations. */
    private static final int R1 = 16;
    private static final int R2 = 12;
    private static final int R3 = 8;
    private static final int R4 = 7;

    private Blake2sGadget() {
    }

    /**
     * The 256 digest bits of {@code input} (a whole number of bytes), BLAKE2s with digest length
     * 32, no key and {@code personalization}; block i in namespace "block i", the last in
     * "final block".
     */
    public static List<Boolean> blake2s(ConstraintSystem<Fr> cs, List<Boolean> input, byte[] personalization) {
        if (personalization.length != 8) {
            throw new IllegalArgumentException("personalization is 8 bytes, got " + personalization.length);
        }
        if (input.size() % 8 != 0) {
            throw new IllegalArgumentException("input is not whole bytes: " + input.size() + " bits");
        }
        List<UInt32> h = new ArrayList<>(8);
        for (int i = 0; i < 8; i++) {
            h.add(UInt32.constant(Blake2s.iv(i)));
        }
        // parameter block: digest length 32, key length 0, fanout and depth 1; personalization in words 6, 7
        h.set(0, UInt32.constant(Blake2s.iv(0) ^ 0x0101_0000 ^ 32));
        h.set(6, UInt32.constant(Blake2s.iv(6) ^ le32(personalization, 0)));
        h.set(7, UInt32.constant(Blake2s.iv(7) ^ le32(personalization, 4)));

        List<List<UInt32>> blocks = new ArrayList<>();
        for (int start = 0; start < input.size(); start += 512) {
            List<Boolean> block = input.subList(start, Math.min(input.size(), start + 512));
            List<UInt32> words = new ArrayList<>(16);
            for (int w = 0; w < block.size(); w += 32) {
                List<Boolean> word = new ArrayList<>(block.subList(w, Math.min(block.size(), w + 32)));
                while (word.size() < 32) {
                    word.add(Boolean.FALSE);
                }
                words.add(UInt32.fromBits(word));
            }
            while (words.size() < 16) {
                words.add(UInt32.constant(0));
            }
            blocks.add(words);
        }
        if (blocks.isEmpty()) {
            List<UInt32> zeros = new ArrayList<>(16);
            for (int i = 0; i < 16; i++) {
                zeros.add(UInt32.constant(0));
            }
            blocks.add(zeros);
        }
        for (int i = 0; i < blocks.size() - 1; i++) {
            int at = i;
            List<UInt32> block = blocks.get(i);
            cs.inNamespace(() -> "block " + at, ns -> compression(ns, h, block, (at + 1L) * 64, false));
        }
        List<UInt32> last = blocks.get(blocks.size() - 1);
        cs.inNamespace("final block", ns -> compression(ns, h, last, input.size() / 8, true));

        List<Boolean> out = new ArrayList<>(256);
        for (UInt32 word : h) {
            out.addAll(word.intoBits());
        }
        return out;
    }

    /** RFC 7693 §3.2's F: compresses block {@code m} into {@code h} (updated in place). */
    private static void compression(ConstraintSystem<Fr> cs, List<UInt32> h, List<UInt32> m, long t, boolean f) {
        UInt32[] v = new UInt32[16];
        for (int i = 0; i < 8; i++) {
            v[i] = h.get(i);
            v[i + 8] = UInt32.constant(Blake2s.iv(i));
        }
        UInt32 v12 = v[12];
        UInt32 v13 = v[13];
        v[12] = cs.namespace("first xor", ns -> v12.xor(ns, UInt32.constant((int) t)));
        v[13] = cs.namespace("second xor", ns -> v13.xor(ns, UInt32.constant((int) (t >>> 32))));
        if (f) {
            UInt32 v14 = v[14];
            v[14] = cs.namespace("third xor", ns -> v14.xor(ns, UInt32.constant(-1)));
        }
        try (MultiEq meq = new MultiEq(cs)) {
            for (int r = 0; r < 10; r++) {
                int round = r;
                int[] s = new int[16];
                for (int j = 0; j < 16; j++) {
                    s[j] = Blake2s.sigma(r, j);
                }
                meq.pushNamespace(() -> "round " + round);
                try {
                    mix(meq, 1, v, 0, 4, 8, 12, m.get(s[0]), m.get(s[1]));
                    mix(meq, 2, v, 1, 5, 9, 13, m.get(s[2]), m.get(s[3]));
                    mix(meq, 3, v, 2, 6, 10, 14, m.get(s[4]), m.get(s[5]));
                    mix(meq, 4, v, 3, 7, 11, 15, m.get(s[6]), m.get(s[7]));
                    mix(meq, 5, v, 0, 5, 10, 15, m.get(s[8]), m.get(s[9]));
                    mix(meq, 6, v, 1, 6, 11, 12, m.get(s[10]), m.get(s[11]));
                    mix(meq, 7, v, 2, 7, 8, 13, m.get(s[12]), m.get(s[13]));
                    mix(meq, 8, v, 3, 4, 9, 14, m.get(s[14]), m.get(s[15]));
                } finally {
                    meq.popNamespace();
                }
            }
        }
        for (int i = 0; i < 8; i++) {
            int at = i;
            cs.pushNamespace(() -> "h[" + at + "] ^ v[" + at + "] ^ v[" + at + " + 8]");
            try {
                UInt32 hi = h.get(i);
                UInt32 once = cs.namespace("first xor", ns -> hi.xor(ns, v[at]));
                h.set(i, cs.namespace("second xor", ns -> once.xor(ns, v[at + 8])));
            } finally {
                cs.popNamespace();
            }
        }
    }

    /** RFC 7693 §3.1's G on v[a], v[b], v[c], v[d] in "mixing invocation k", its steps "mixing step 1..8". */
    private static void mix(MultiEq cs, int invocation, UInt32[] v, int a, int b, int c, int d, UInt32 x, UInt32 y) {
        cs.pushNamespace(() -> "mixing invocation " + invocation);
        try {
            v[a] = add(cs, "mixing step 1", List.of(v[a], v[b], x));
            v[d] = xor(cs, "mixing step 2", v[d], v[a]).rotr(R1);
            v[c] = add(cs, "mixing step 3", List.of(v[c], v[d]));
            v[b] = xor(cs, "mixing step 4", v[b], v[c]).rotr(R2);
            v[a] = add(cs, "mixing step 5", List.of(v[a], v[b], y));
            v[d] = xor(cs, "mixing step 6", v[d], v[a]).rotr(R3);
            v[c] = add(cs, "mixing step 7", List.of(v[c], v[d]));
            v[b] = xor(cs, "mixing step 8", v[b], v[c]).rotr(R4);
        } finally {
            cs.popNamespace();
        }
    }

    private static UInt32 add(MultiEq cs, String name, List<UInt32> operands) {
        return cs.namespace(name, ns -> UInt32.addmany(cs, operands));
    }

    private static UInt32 xor(MultiEq cs, String name, UInt32 p, UInt32 q) {
        return cs.namespace(name, ns -> p.xor(ns, q));
    }

    private static int le32(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff) << 16 | (b[off + 3] & 0xff) << 24;
    }
}
