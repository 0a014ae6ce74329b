package io.filprover.proofs.gadgets;

import static io.filprover.proofs.gadgets.BooleanTest.newCs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.filprover.bls12381.field.Fr;
import io.filprover.proofs.r1cs.ConstraintSystem;
import io.filprover.proofs.r1cs.CountingConstraintSystem;
import io.filprover.proofs.r1cs.FrScalarField;
import io.filprover.proofs.r1cs.LinearCombination;
import io.filprover.proofs.r1cs.TestConstraintSystem;
import io.filprover.proofs.r1cs.Variable;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** bellman num.rs's bit decompositions and Num, ported (each test names its upstream one). */
class NumTest {
    /** 255 booleanity constraints and the unpacking constraint (num.rs to_bits_le). */
    private static final int TO_BITS_LE = FrBits.NUM_BITS + 1;
    /**
     * to_bits_le_strict: 255 bits, one AND per bit of r − 1's runs of ones except the first
     * (popcount(r − 1) − 1) and the unpacking constraint; popcount from BigInteger, independently.
     */
    private static final int TO_BITS_LE_STRICT = FrBits.NUM_BITS + Fr.MODULUS.subtract(BigInteger.ONE).bitCount();

    private static AllocatedNum<Fr> num(ConstraintSystem<Fr> cs, Fr value) {
        return AllocatedNum.alloc(cs, "num", () -> value);
    }

    // bellman num.rs test_into_bits_strict
    @Test
    void strictRejectsTheModulus() {
        TestConstraintSystem<Fr> cs = newCs();
        AllocatedNum<Fr> n = num(cs, Fr.ONE.neg());
        AllocatedNum.toBitsLeStrict(cs, n);
        assertTrue(cs.isSatisfied());
        // the strict form numbers its bits from the top: "bit 254" is bit 0, which is 0 in r − 1;
        // setting it spells r itself, which the conditional booleanity rejects
        cs.set("bit 254/boolean", Fr.ONE);
        assertEquals(Optional.of("bit 254/boolean constraint"), cs.whichIsUnsatisfied());
        assertEquals(TO_BITS_LE_STRICT, cs.numConstraints());
    }

    // bellman num.rs test_into_bits (fresh random values; bellman draws 200 from a fixed seed)
    @Test
    void bitsOfRandomValues() {
        long seed = new Random().nextLong();
        Random rnd = new Random(seed);
        for (int it = 0; it < 24; it++) {
            String what = "seed " + seed + " iteration " + it;
            Fr r = it == 0 ? Fr.ONE.neg() : it == 1 ? Fr.ZERO : Fr.random(rnd);
            boolean strict = it % 2 == 1;
            TestConstraintSystem<Fr> cs = newCs();
            AllocatedNum<Fr> n = num(cs, r);
            List<Boolean> bits = strict ? AllocatedNum.toBitsLeStrict(cs, n) : AllocatedNum.toBitsLe(cs, n);
            assertTrue(cs.isSatisfied(), what);
            assertEquals(strict ? TO_BITS_LE_STRICT : TO_BITS_LE, cs.numConstraints(), what);
            BigInteger ri = r.toBigInteger();
            assertEquals(255, bits.size());
            for (int i = 0; i < 255; i++) {
                assertEquals(Boolean.Kind.IS, bits.get(i).kind());
                assertEquals(ri.testBit(i), bits.get(i).value(), what + " bit " + i);
            }
            cs.set("num", Fr.random(rnd));
            assertFalse(cs.isSatisfied(), what);
            cs.set("num", r);
            assertTrue(cs.isSatisfied(), what);
            for (int i = 0; i < 255; i += 1 + rnd.nextInt(8)) {
                String name = "bit " + i + "/boolean";
                Fr cur = cs.get(name);
                cs.set(name, Fr.ONE.sub(cur));
                assertFalse(cs.isSatisfied(), what + " " + name);
                cs.set(name, cur);
            }
            assertTrue(cs.isSatisfied(), what);
        }
    }

    /** The point of strictness: v + r, when below 2^255, spells v for to_bits_le but not for the strict form. */
    @Test
    void strictRejectsNonCanonicalBitsWhichPlainAccepts() {
        long seed = new Random().nextLong();
        Random rnd = new Random(seed);
        BigInteger room = BigInteger.ONE.shiftLeft(255).subtract(Fr.MODULUS);
        BigInteger v = new BigInteger(250, rnd).mod(room);
        BigInteger alias = v.add(Fr.MODULUS);
        for (boolean strict : new boolean[] {false, true}) {
            TestConstraintSystem<Fr> cs = newCs();
            AllocatedNum<Fr> n = num(cs, Fr.fromBigInteger(v));
            if (strict) {
                AllocatedNum.toBitsLeStrict(cs, n);
            } else {
                AllocatedNum.toBitsLe(cs, n);
            }
            for (int i = 0; i < 255; i++) {
                // the strict form names its bits from the top
                cs.set("bit " + i + "/boolean", alias.testBit(strict ? 254 - i : i) ? Fr.ONE : Fr.ZERO);
            }
            if (strict) {
                // control: fixAnds over the canonical spelling leaves the system satisfied
                fixAnds(cs, v);
                for (int i = 0; i < 255; i++) {
                    cs.set("bit " + i + "/boolean", v.testBit(254 - i) ? Fr.ONE : Fr.ZERO);
                }
                assertTrue(cs.isSatisfied(), "seed " + seed + ": control");
                for (int i = 0; i < 255; i++) {
                    cs.set("bit " + i + "/boolean", alias.testBit(254 - i) ? Fr.ONE : Fr.ZERO);
                }
                // the ANDs still hold the canonical spelling's runs; redo them for the alias
                fixAnds(cs, alias);
                Optional<String> failed = cs.whichIsUnsatisfied();
                assertTrue(failed.isPresent() && failed.get().endsWith("/boolean constraint"), "seed " + seed + ": " + failed);
            } else {
                assertTrue(cs.isSatisfied(), "seed " + seed + ": to_bits_le allows num + r");
            }
        }
    }

    /** Recomputes every "run ending at i/and j/and result" for a spelled value, so only the bound can fail. */
    private static void fixAnds(TestConstraintSystem<Fr> cs, BigInteger spelled) {
        BigInteger rm1 = Fr.MODULUS.subtract(BigInteger.ONE);
        java.lang.Boolean last = null;
        boolean run = true;
        int i = 0;
        for (int k = 254; k >= 0; k--, i++) {
            if (rm1.testBit(k)) {
                run &= spelled.testBit(k);
                continue;
            }
            if (k + 1 <= 254 && rm1.testBit(k + 1)) {
                // a run just ended: its AND chain is a prefix-AND over the run and the previous result
                int from = k + 1;
                int len = 0;
                while (from + len <= 254 && rm1.testBit(from + len)) {
                    len++;
                }
                boolean acc = spelled.testBit(from + len - 1);
                for (int j = 1; j < len; j++) {
                    acc &= spelled.testBit(from + len - 1 - j);
                    cs.set("run ending at " + i + "/and " + j + "/and result", acc ? Fr.ONE : Fr.ZERO);
                }
                if (last != null) {
                    acc &= last;
                    cs.set("run ending at " + i + "/and " + len + "/and result", acc ? Fr.ONE : Fr.ZERO);
                }
                last = acc;
            }
        }
    }

    // bellman num.rs test_num_scale
    @Test
    void numScale() {
        long seed = new Random().nextLong();
        Random rnd = new Random(seed);
        Num num = Num.zero();
        Fr sum = Fr.ZERO;
        Fr[] coeffs = new Fr[5];
        for (int i = 0; i < 5; i++) {
            coeffs[i] = Fr.random(rnd);
            AllocatedNum<Fr> term = new AllocatedNum<>(Variable.aux(i), coeffs[i]);
            num.add(Num.of(term).scale(Fr.ONE));
            sum = sum.add(coeffs[i]);
        }
        Fr scalar = Fr.random(rnd);
        Num scaled = num.scale(scalar);
        assertEquals(sum.mul(scalar), scaled.value(), "seed " + seed);
        LinearCombination<Fr> lc = scaled.lc(Fr.ONE);
        assertEquals(5, lc.size());
        for (int i = 0; i < 5; i++) {
            assertEquals(Variable.aux(i), lc.variable(i));
            assertEquals(scalar, lc.coefficient(i), "seed " + seed);
        }
    }

    @Test
    void sameShapeWithoutWitness() {
        TestConstraintSystem<Fr> cs = newCs();
        CountingConstraintSystem<Fr> counting = new CountingConstraintSystem<>(FrScalarField.INSTANCE);
        Fr x = Fr.random(new Random());
        AllocatedNum<Fr> a = num(cs, x);
        AllocatedNum<Fr> b = num(counting, null);
        cs.inNamespace("plain", ns -> AllocatedNum.toBitsLe(ns, a));
        cs.inNamespace("strict", ns -> AllocatedNum.toBitsLeStrict(ns, a));
        List<Boolean> nb = AllocatedNum.toBitsLe(counting, b);
        AllocatedNum.toBitsLeStrict(counting, b);
        assertTrue(nb.stream().allMatch(bit -> bit.value() == null));
        assertEquals(TO_BITS_LE + TO_BITS_LE_STRICT, counting.numConstraints());
        assertEquals(cs.numConstraints(), counting.numConstraints());
        assertEquals(cs.numAux(), counting.numAux());
    }
}
