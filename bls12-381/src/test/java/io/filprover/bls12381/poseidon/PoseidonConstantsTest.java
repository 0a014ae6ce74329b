package io.filprover.bls12381.poseidon;

import static io.filprover.bls12381.field.FrTestSupport.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.filprover.bls12381.field.Fr;
import io.filprover.bls12381.field.FrTestSupport;

import java.math.BigInteger;

import org.junit.jupiter.api.Test;

/** Round numbers, Grain round constants, domain tags, MDS and the optimised-schedule constants. */
class PoseidonConstantsTest {

    @Test
    void roundNumbersMatchNeptuneTable() {
        int n = 0;
        for (String[] r : FrTestSupport.rows("poseidon-round-numbers.txt")) {
            int arity = Integer.parseInt(r[0]);
            int t = Integer.parseInt(r[1]);
            assertEquals(arity + 1, t);
            assertTrue(PoseidonRoundNumbers.isSupportedWidth(t));
            assertEquals(Integer.parseInt(r[2]), PoseidonRoundNumbers.FULL_ROUNDS);
            assertEquals(Integer.parseInt(r[3]), PoseidonRoundNumbers.partialRounds(t, PoseidonStrength.STANDARD), "t=" + t);
            assertEquals(Integer.parseInt(r[4]), PoseidonRoundNumbers.partialRounds(t, PoseidonStrength.STRENGTHENED), "t=" + t);
            assertEquals(Integer.parseInt(r[5]), t * 8 + PoseidonRoundNumbers.partialRounds(t, PoseidonStrength.STANDARD));
            n++;
        }
        assertEquals(15, n);
        assertFalse(PoseidonRoundNumbers.isSupportedWidth(13));
        assertThrows(IllegalArgumentException.class, () -> PoseidonParameters.filecoin(12));
    }

    @Test
    void grainConstantsForT9() {
        Fr[] rc = GrainLfsr.roundConstants(9, 8, 57);
        assertEquals(585, rc.length);
        for (String[] r : FrTestSupport.rows("poseidon-grain-t9.txt")) {
            assertEquals(hex(r[1]), rc[Integer.parseInt(r[0])].toBigInteger(), "RC[" + r[0] + "]");
        }
        PoseidonParameters p = PoseidonParameters.filecoin(8);
        for (int i = 0; i < rc.length; i++) {
            assertEquals(rc[i], p.roundConstant(i));
        }
    }

    @Test
    void derivedRoundConstantsPerArity() {
        int checked = 0;
        for (String[] r : FrTestSupport.rows("poseidon-derived.txt")) {
            if (r[0].equals("rc_count")) {
                assertEquals(Integer.parseInt(r[2]), PoseidonParameters.filecoin(Integer.parseInt(r[1])).roundConstantCount());
                checked++;
            } else if (r[0].equals("rc")) {
                PoseidonParameters p = PoseidonParameters.filecoin(Integer.parseInt(r[1]));
                int i = Integer.parseInt(r[2]);
                int index = i < 0 ? p.roundConstantCount() - 1 : i;
                assertEquals(hex(r[3]), p.roundConstant(index).toBigInteger(), "arity " + r[1] + " RC[" + index + "]");
                checked++;
            }
        }
        assertEquals(7 + 7 * 4, checked);
    }

    @Test
    void domainTags() {
        int n = 0;
        for (String[] r : FrTestSupport.rows("poseidon-domain-tags.txt")) {
            int arity = Integer.parseInt(r[1]);
            int param = Integer.parseInt(r[2]);
            PoseidonHashType type = switch (r[0]) {
                case "MERKLE_TREE" -> PoseidonHashType.MERKLE_TREE;
                case "ENCRYPTION" -> PoseidonHashType.ENCRYPTION;
                case "CONSTANT_LENGTH" -> PoseidonHashType.constantLength(param);
                case "CUSTOM" -> PoseidonHashType.custom(param);
                case "SPONGE" -> PoseidonHashType.SPONGE;
                default -> throw new IllegalStateException(r[0]);
            };
            assertEquals(FrTestSupport.fromLimbs(FrTestSupport.limbs(r[3])), type.domainTag(arity).toBigInteger(), String.join(" ", r));
            n++;
        }
        assertEquals(21, n);
        // MerkleTree tag is 2^arity − 1 for every arity, also as seen by the parameters
        for (int a : new int[] {2, 4, 8, 11, 16, 24, 36}) {
            assertEquals(BigInteger.ONE.shiftLeft(a).subtract(BigInteger.ONE), PoseidonParameters.filecoin(a).domainTag().toBigInteger());
        }
        assertThrows(IllegalArgumentException.class, () -> PoseidonHashType.custom(0));
        assertThrows(IllegalArgumentException.class, () -> PoseidonHashType.custom(257));
        assertThrows(IllegalArgumentException.class, () -> PoseidonHashType.constantLength(0));
    }

    @Test
    void mdsIsCauchyAndSymmetric() {
        PoseidonParameters p2 = PoseidonParameters.filecoin(2);
        for (String[] r : FrTestSupport.rows("poseidon-derived.txt")) {
            if (r[0].equals("mds3")) {
                assertEquals(hex(r[3]), p2.mds(Integer.parseInt(r[1]), Integer.parseInt(r[2])).toBigInteger());
            }
        }
        for (int a : new int[] {2, 8, 11}) {
            PoseidonParameters p = PoseidonParameters.filecoin(a);
            int t = p.width();
            for (int i = 0; i < t; i++) {
                for (int j = 0; j < t; j++) {
                    // independent definition: (i + j + t)·M[i][j] = 1
                    assertEquals(Fr.ONE, p.mds(i, j).mul(Fr.fromLong(i + j + t)));
                    assertEquals(p.mds(i, j), p.mds(j, i));
                }
            }
        }
    }

    @Test
    void optimisedConstantsForArity2() {
        PoseidonParameters p = PoseidonParameters.filecoin(2);
        assertEquals(3 * 8 + 55, p.compressedRoundConstantCount());
        boolean asymmetric = false;
        int checked = 0;
        for (String[] r : FrTestSupport.rows("poseidon-derived.txt")) {
            switch (r[0]) {
                case "crc2" -> assertEquals(hex(r[2]), p.compressedRoundConstant(Integer.parseInt(r[1])).toBigInteger(), "crc " + r[1]);
                case "pre2" -> assertEquals(hex(r[3]), p.preSparse(Integer.parseInt(r[1]), Integer.parseInt(r[2])).toBigInteger(), "P " + r[1] + r[2]);
                case "what2" -> assertEquals(hex(r[2]), p.sparseWHat(0, Integer.parseInt(r[1])).toBigInteger(), "w_hat " + r[1]);
                case "vrest2" -> assertEquals(hex(r[2]), p.sparseVRest(0, Integer.parseInt(r[1])).toBigInteger(), "v_rest " + r[1]);
                default -> {
                    continue;
                }
            }
            checked++;
        }
        assertEquals(5 + 9 + 3 + 2, checked);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                asymmetric |= !p.preSparse(i, j).equals(p.preSparse(j, i));
            }
        }
        assertTrue(asymmetric, "P is not symmetric (docs/spec/poseidon-groth16-gpu.md §2.7)");
    }

    @Test
    void gpuConstantsLayout() {
        // lengths from docs/spec/poseidon-groth16-gpu.md §2.8: 1 + t·R_F + R_P + 2t² + R_P(2t − 1)
        int[][] expected = {{2, 373}, {4, 651}, {8, 1261}, {11, 1753}};
        for (int[] e : expected) {
            PoseidonParameters p = PoseidonParameters.filecoin(e[0]);
            long[] buf = p.gpuConstants();
            assertEquals(e[1] * 4, buf.length, "arity " + e[0]);
            int t = p.width();
            assertEquals(p.domainTag(), Fr.fromMontgomeryLimbs(buf, 0));
            assertEquals(p.compressedRoundConstant(0), Fr.fromMontgomeryLimbs(buf, 4));
            int mds = 1 + p.compressedRoundConstantCount();
            assertEquals(p.mds(1, 2), Fr.fromMontgomeryLimbs(buf, 4 * (mds + t + 2)));
            int pre = mds + t * t;
            assertEquals(p.preSparse(0, 1), Fr.fromMontgomeryLimbs(buf, 4 * (pre + 1)));
            assertEquals(p.preSparse(1, 0), Fr.fromMontgomeryLimbs(buf, 4 * (pre + t)));
            int sparse1 = pre + t * t + (2 * t - 1);
            assertEquals(p.sparseWHat(1, 0), Fr.fromMontgomeryLimbs(buf, 4 * sparse1));
            assertEquals(p.sparseVRest(1, 0), Fr.fromMontgomeryLimbs(buf, 4 * (sparse1 + t)));
            int last = e[1] - 1;
            assertEquals(p.sparseVRest(p.partialRounds() - 1, t - 2), Fr.fromMontgomeryLimbs(buf, 4 * last));
        }
    }

    @Test
    void parametersAreCachedPerKey() {
        assertSame(PoseidonParameters.filecoin(8), PoseidonParameters.of(8, PoseidonStrength.STANDARD, PoseidonHashType.MERKLE_TREE));
        assertNotEquals(PoseidonParameters.filecoin(8), PoseidonParameters.of(8, PoseidonStrength.STRENGTHENED, PoseidonHashType.MERKLE_TREE));
        assertSame(PoseidonParameters.of(4, PoseidonStrength.STANDARD, PoseidonHashType.constantLength(3)),
                PoseidonParameters.of(4, PoseidonStrength.STANDARD, PoseidonHashType.constantLength(3)));
        PoseidonParameters s = PoseidonParameters.of(8, PoseidonStrength.STRENGTHENED, PoseidonHashType.MERKLE_TREE);
        assertEquals(72, s.partialRounds());
        assertEquals(9 * 80, s.roundConstantCount());
    }
}
