package io.filprover.proofs.gadgets;

import io.filprover.bls12381.field.Fr;
import io.filprover.proofs.r1cs.ConstraintSystem;
import java.util.ArrayList;
import java.util.List;

/**
 * SHA-256 in a circuit, as bellman's {@code sha256}: input and output bits most significant first
 * within each byte (the digest's bits in the order they are printed). The compression function
 * defers the additions bellman defers, so one block costs bellman's 25,840 constraints.
 */
public final class Sha256Gadget {
    private static final int[] ROUND_CONSTANTS = {
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    };

    private static final int[] IV = {
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
    };

    private Sha256Gadget() {
    }

    /** The 256 digest bits of one 512-bit block compressed from the IV, without padding. */
    public static List<Boolean> sha256BlockNoPadding(ConstraintSystem<Fr> cs, List<Boolean> input) {
        if (input.size() != 512) {
            throw new IllegalArgumentException("a block is 512 bits, got " + input.size());
        }
        return digestBits(compressionFunction(cs, input, iv()));
    }

    /** SHA-256 of a whole number of bytes, padded with constants; block i in namespace "block i". */
    public static List<Boolean> sha256(ConstraintSystem<Fr> cs, List<Boolean> input) {
        if (input.size() % 8 != 0) {
            throw new IllegalArgumentException("input is not whole bytes: " + input.size() + " bits");
        }
        List<Boolean> padded = new ArrayList<>(input);
        long length = input.size();
        padded.add(Boolean.TRUE);
        while ((padded.size() + 64) % 512 != 0) {
            padded.add(Boolean.FALSE);
        }
        for (int i = 63; i >= 0; i--) {
            padded.add(Boolean.constant(((length >>> i) & 1) != 0));
        }
        List<UInt32> cur = iv();
        for (int i = 0; i < padded.size() / 512; i++) {
            int at = i;
            List<UInt32> prev = cur;
            List<Boolean> block = padded.subList(512 * i, 512 * (i + 1));
            cur = cs.namespace(() -> "block " + at, ns -> compressionFunction(ns, block, prev));
        }
        return digestBits(cur);
    }

    private static List<UInt32> iv() {
        List<UInt32> iv = new ArrayList<>(8);
        for (int v : IV) {
            iv.add(UInt32.constant(v));
        }
        return iv;
    }

    private static List<Boolean> digestBits(List<UInt32> words) {
        List<Boolean> out = new ArrayList<>(256);
        for (UInt32 w : words) {
            out.addAll(w.intoBitsBe());
        }
        return out;
    }

    /** A sum not yet computed: bellman folds it into the next addmany that needs it. */
    private static final class Maybe {
        private final List<UInt32> deferred;
        private final UInt32 concrete;

        Maybe(List<UInt32> deferred, UInt32 concrete) {
            this.deferred = deferred;
            this.concrete = concrete;
        }

        UInt32 compute(MultiEq cs, String name, List<UInt32> others) {
            if (concrete != null) {
                return concrete;
            }
            List<UInt32> all = new ArrayList<>(deferred);
            all.addAll(others);
            return cs.namespace(name, ns -> UInt32.addmany(cs, all));
        }
    }

    /** SHA-256's compression of one 512-bit block into the 8-word state. */
    public static List<UInt32> compressionFunction(ConstraintSystem<Fr> outer, List<Boolean> input,
                                                   List<UInt32> currentHashValue) {
        if (input.size() != 512 || currentHashValue.size() != 8) {
            throw new IllegalArgumentException("a block is 512 bits and a state 8 words");
        }
        List<UInt32> w = new ArrayList<>(64);
        for (int i = 0; i < 16; i++) {
            w.add(UInt32.fromBitsBe(input.subList(32 * i, 32 * (i + 1))));
        }
        // the additions' equalities share constraints through one MultiEq for the whole block
        try (MultiEq cs = new MultiEq(outer)) {
            for (int i = 16; i < 64; i++) {
                int at = i;
                cs.pushNamespace(() -> "w extension " + at);
                try {
                    UInt32 w15 = w.get(i - 15);
                    UInt32 s0 = w15.rotr(7);
                    UInt32 s0a = s0;
                    s0 = cs.namespace("first xor for s0", ns -> s0a.xor(ns, w15.rotr(18)));
                    UInt32 s0b = s0;
                    s0 = cs.namespace("second xor for s0", ns -> s0b.xor(ns, w15.shr(3)));
                    UInt32 w2 = w.get(i - 2);
                    UInt32 s1 = w2.rotr(17);
                    UInt32 s1a = s1;
                    s1 = cs.namespace("first xor for s1", ns -> s1a.xor(ns, w2.rotr(19)));
                    UInt32 s1b = s1;
                    s1 = cs.namespace("second xor for s1", ns -> s1b.xor(ns, w2.shr(10)));
                    List<UInt32> ops = List.of(w.get(i - 16), s0, w.get(i - 7), s1);
                    w.add(cs.namespace("computation of w[i]", ns -> UInt32.addmany(cs, ops)));
                } finally {
                    cs.popNamespace();
                }
            }

            Maybe a = new Maybe(null, currentHashValue.get(0));
            UInt32 b = currentHashValue.get(1);
            UInt32 c = currentHashValue.get(2);
            UInt32 d = currentHashValue.get(3);
            Maybe e = new Maybe(null, currentHashValue.get(4));
            UInt32 f = currentHashValue.get(5);
            UInt32 g = currentHashValue.get(6);
            UInt32 h = currentHashValue.get(7);

            for (int i = 0; i < 64; i++) {
                int at = i;
                cs.pushNamespace(() -> "compression round " + at);
                try {
                    UInt32 newE = e.compute(cs, "deferred e computation", List.of());
                    UInt32 s1 = newE.rotr(6);
                    UInt32 s1a = s1;
                    s1 = cs.namespace("first xor for s1", ns -> s1a.xor(ns, newE.rotr(11)));
                    UInt32 s1b = s1;
                    s1 = cs.namespace("second xor for s1", ns -> s1b.xor(ns, newE.rotr(25)));
                    UInt32 ff = f;
                    UInt32 gg = g;
                    UInt32 ch = cs.namespace("ch", ns -> UInt32.sha256Ch(ns, newE, ff, gg));
                    List<UInt32> temp1 = List.of(h, s1, ch, UInt32.constant(ROUND_CONSTANTS[i]), w.get(i));

                    UInt32 newA = a.compute(cs, "deferred a computation", List.of());
                    UInt32 s0 = newA.rotr(2);
                    UInt32 s0a = s0;
                    s0 = cs.namespace("first xor for s0", ns -> s0a.xor(ns, newA.rotr(13)));
                    UInt32 s0b = s0;
                    s0 = cs.namespace("second xor for s0", ns -> s0b.xor(ns, newA.rotr(22)));
                    UInt32 bb = b;
                    UInt32 cc = c;
                    UInt32 maj = cs.namespace("maj", ns -> UInt32.sha256Maj(ns, newA, bb, cc));

                    h = g;
                    g = f;
                    f = newE;
                    List<UInt32> eSum = new ArrayList<>(temp1);
                    eSum.add(d);
                    e = new Maybe(eSum, null);
                    d = c;
                    c = b;
                    b = newA;
                    List<UInt32> aSum = new ArrayList<>(temp1);
                    aSum.add(s0);
                    aSum.add(maj);
                    a = new Maybe(aSum, null);
                } finally {
                    cs.popNamespace();
                }
            }

            List<UInt32> out = new ArrayList<>(8);
            out.add(a.compute(cs, "deferred h0 computation", List.of(currentHashValue.get(0))));
            out.add(add(cs, "new h1", currentHashValue.get(1), b));
            out.add(add(cs, "new h2", currentHashValue.get(2), c));
            out.add(add(cs, "new h3", currentHashValue.get(3), d));
            out.add(e.compute(cs, "deferred h4 computation", List.of(currentHashValue.get(4))));
            out.add(add(cs, "new h5", currentHashValue.get(5), f));
            out.add(add(cs, "new h6", currentHashValue.get(6), g));
            out.add(add(cs, "new h7", currentHashValue.get(7), h));
            return out;
        }
    }

    private static UInt32 add(MultiEq cs, String name, UInt32 x, UInt32 y) {
        return cs.namespace(name, ns -> UInt32.addmany(cs, List.of(x, y)));
    }
}
