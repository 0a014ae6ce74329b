package io.filprover.bls12381.poseidon;

import static io.filprover.bls12381.field.FrTestSupport.bytes;
import static io.filprover.bls12381.field.FrTestSupport.hex;
import static io.filprover.bls12381.field.FrTestSupport.hexBytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.filprover.bls12381.field.Fr;
import io.filprover.bls12381.field.FrTestSupport;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Upstream (neptune, filecoin-hashers, curio) and derived Poseidon hash vectors; provenance in each resource file. */
class PoseidonVectorsTest {

    private static Fr[] counting(int from, int n) {
        Fr[] x = new Fr[n];
        for (int i = 0; i < n; i++) {
            x[i] = Fr.fromLong(from + i);
        }
        return x;
    }

    private static Fr filecoin(Fr... inputs) {
        return PoseidonHasher.hash(PoseidonParameters.filecoin(inputs.length), inputs);
    }

    @Test
    void neptuneHashValuesAll28() {
        List<String[]> rows = FrTestSupport.rows("poseidon-neptune-hash-values.txt");
        assertEquals(28, rows.size());
        for (String[] r : rows) {
            int arity = Integer.parseInt(r[0]);
            PoseidonStrength strength = PoseidonStrength.valueOf(r[1]);
            Fr expected = Fr.fromBigInteger(hex(r[3]));
            // the three encodings of the expected value in the file must agree with each other
            assertEquals(hexBytes(expected.toBytesLE()), r[4]);
            assertArrayEquals(FrTestSupport.limbs(r[5]), expected.canonicalLimbs());
            Fr got;
            Fr gotPlain;
            if (r[2].equals("MERKLE_TREE")) {
                PoseidonParameters p = PoseidonParameters.of(arity, strength, PoseidonHashType.MERKLE_TREE);
                got = PoseidonHasher.hash(p, counting(0, arity));
                gotPlain = PoseidonHasher.hashPlain(p, counting(0, arity));
            } else {
                PoseidonParameters p = PoseidonParameters.of(arity, strength, PoseidonHashType.constantLength(4));
                got = PoseidonHasher.hashConstantLength(p, counting(0, 4));
                gotPlain = arity >= 4 ? PoseidonHasher.hashPlain(p, counting(0, 4)) : got;
            }
            String what = String.join(" ", Arrays.copyOf(r, 3));
            assertEquals(expected, got, what);
            assertEquals(expected, gotPlain, what + " (plain schedule)");
        }
    }

    @Test
    void filecoinHashersAndTvPoseidon() {
        Map<String, String> v = new HashMap<>();
        List<Fr> p11 = new java.util.ArrayList<>();
        for (String[] r : FrTestSupport.rows("poseidon-filecoin.txt")) {
            if (r[0].equals("P11_INPUT")) {
                p11.add(Fr.fromBytesLE(bytes(r[1])));
            } else {
                v.put(r[0], r[1]);
            }
        }
        Fr zero = Fr.ZERO;
        Fr one = Fr.ONE;
        Fr i1 = filecoin(one, zero);
        Fr i2 = filecoin(zero, one);
        assertEquals(v.get("P1"), hexBytes(i1.toBytesLE()));
        assertEquals(v.get("I1_LE"), hexBytes(i1.toBytesLE()));
        assertEquals(hex(v.get("I2_BE")), i2.toBigInteger());
        Fr root = filecoin(i1, i2);
        assertEquals(v.get("P2"), hexBytes(root.toBytesLE()));
        assertEquals(hex(v.get("ROOT_BE")), root.toBigInteger());

        Fr[] ones = new Fr[71];
        Arrays.fill(ones, one);
        Fr md = PoseidonHasher.hashMd(ones);
        assertEquals(v.get("P3"), hexBytes(md.toBytesLE()));
        assertEquals(hex(v.get("HASH_MD_71_ONES_BE")), md.toBigInteger());
        // P3 spelled out: h1 = H36(1×36), out = H36(h1, 1×35)
        Fr h1 = filecoin(Arrays.copyOf(ones, 36));
        Fr[] second = Arrays.copyOf(ones, 36);
        second[0] = h1;
        assertEquals(md, filecoin(second));

        int[] arities = {2, 4, 8, 11, 16, 24, 36};
        for (int k = 0; k < arities.length; k++) {
            assertEquals(v.get("P" + (4 + k)), hexBytes(filecoin(counting(0, arities[k])).toBytesLE()), "P" + (4 + k));
        }
        assertEquals(8, p11.size());
        assertEquals(v.get("P11"), hexBytes(filecoin(p11.toArray(new Fr[0])).toBytesLE()));
        assertEquals(v.get("P12"), hexBytes(filecoin(zero, zero).toBytesLE()));
    }

    @Test
    void hashMdEdgeCases() {
        Fr x = Fr.fromLong(42);
        // a single element is returned unchanged (no chunk follows it)
        assertEquals(x, PoseidonHasher.hashMd(x));
        // 36 elements: one permutation with a full state
        Fr[] xs = counting(1, 36);
        assertEquals(filecoin(xs), PoseidonHasher.hashMd(xs));
        // 37 elements: the second chunk has one element, the rest of the state stays zero
        Fr[] ys = counting(1, 37);
        Fr first = filecoin(Arrays.copyOf(ys, 36));
        assertEquals(PoseidonHasher.hash(PoseidonParameters.filecoin(36), first, ys[36]), PoseidonHasher.hashMd(ys));
    }

    @Test
    void derivedHashes() {
        Map<Integer, Fr> zeroHashes = new HashMap<>();
        for (String[] r : FrTestSupport.rows("poseidon-derived.txt")) {
            switch (r[0]) {
                case "zero_hash": {
                    int a = Integer.parseInt(r[1]);
                    Fr h = filecoin(counting(0, a).length == 0 ? new Fr[0] : zeros(a));
                    assertEquals(hex(r[2]), h.toBigInteger(), "H_" + a + "(0...)");
                    zeroHashes.put(a, h);
                    break;
                }
                case "count_hash": {
                    int a = Integer.parseInt(r[1]);
                    assertEquals(hex(r[2]), filecoin(counting(1, a)).toBigInteger(), "H_" + a + "(1..a)");
                    break;
                }
                case "tree8_zero_512": {
                    // 512 zero leaves: every level is uniform, so each level is H_8 of 8 copies of the level below
                    Fr level = Fr.ZERO;
                    for (int i = 0; i < 3; i++) {
                        level = filecoin(copies(level, 8));
                    }
                    assertEquals(hex(r[1]), level.toBigInteger());
                    break;
                }
                case "column11_tree8_zero_512": {
                    Fr level = filecoin(zeros(11));
                    for (int i = 0; i < 3; i++) {
                        level = filecoin(copies(level, 8));
                    }
                    assertEquals(hex(r[1]), level.toBigInteger());
                    break;
                }
                default:
                    break;
            }
        }
        assertEquals(7, zeroHashes.size());
        // fewer inputs than the arity: the missing slots are zero (filecoin-hashers hash_md relies on it)
        assertEquals(zeroHashes.get(8), PoseidonHasher.hash(PoseidonParameters.filecoin(8)));
    }

    private static Fr[] zeros(int n) {
        return copies(Fr.ZERO, n);
    }

    private static Fr[] copies(Fr x, int n) {
        Fr[] out = new Fr[n];
        Arrays.fill(out, x);
        return out;
    }
}
