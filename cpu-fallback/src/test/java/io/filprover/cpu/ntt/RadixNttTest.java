package io.filprover.cpu.ntt;

import io.filprover.cpu.TestPools;
import io.filprover.bls12381.domain.FrDomain;
import io.filprover.bls12381.field.Fr;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** RadixNtt against ReferenceNtt (an independent plain radix-2), the vectors of docs/spec/test-vectors-poseidon-groth16.md §6 and round trips. */
class RadixNttTest {
    interface Transform {
        void apply(long[] a, int off, int logN);
    }

    private static void assertSame(String what, Transform ours, Transform reference, Random rnd, long seed,
                                   int logN, int off) {
        long[] a = NttSpiTest.random(rnd, (1 << logN) + off / 4 + 1);
        long[] b = a.clone();
        ours.apply(a, off, logN);
        reference.apply(b, off, logN);
        assertArrayEquals(b, a, what + " 2^" + logN + " off " + off + " seed " + seed);
    }

    @Test
    void equalsReferenceOnRandomInputs() {
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        for (int threads : new int[] {1, 2, 3}) {
            for (int logN = 0; logN <= 10; logN++) {
                int off = 4 * rnd.nextInt(3);
                final int t = threads;
                assertSame("ntt", (a, o, l) -> RadixNtt.ntt(a, o, l, TestPools.of(t)), ReferenceNtt::ntt, rnd, seed, logN, off);
                assertSame("intt", (a, o, l) -> RadixNtt.intt(a, o, l, TestPools.of(t)), ReferenceNtt::intt, rnd, seed, logN, off);
                assertSame("coset", (a, o, l) -> RadixNtt.cosetNtt(a, o, l, TestPools.of(t)), ReferenceNtt::cosetNtt, rnd, seed, logN, off);
                assertSame("icoset", (a, o, l) -> RadixNtt.icosetNtt(a, o, l, TestPools.of(t)), ReferenceNtt::icosetNtt, rnd, seed, logN, off);
            }
        }
    }

    @Test
    void multiThreadedPassesEqualReference() {
        // sizes past the blocked passes and the parallel threshold, with odd thread counts
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        for (int logN : new int[] {12, 14}) {
            for (int threads : new int[] {2, 3}) {
                final int t = threads;
                assertSame("ntt", (a, o, l) -> RadixNtt.ntt(a, o, l, TestPools.of(t)), ReferenceNtt::ntt, rnd, seed, logN, 4);
                assertSame("icoset", (a, o, l) -> RadixNtt.icosetNtt(a, o, l, TestPools.of(t)), ReferenceNtt::icosetNtt, rnd, seed, logN, 0);
            }
        }
    }

    @Test
    void roundTripsUpTo2Pow20() {
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        for (int logN : new int[] {1, 2, 11, 14, 17, 20}) {
            long[] a = NttSpiTest.random(rnd, 1 << logN);
            long[] b = a.clone();
            RadixNtt.ntt(b, 0, logN, TestPools.of(2));
            RadixNtt.intt(b, 0, logN, TestPools.of(2));
            assertArrayEquals(a, b, "intt∘ntt 2^" + logN + " seed " + seed);
            RadixNtt.cosetNtt(b, 0, logN, TestPools.of(2));
            RadixNtt.icosetNtt(b, 0, logN, TestPools.of(2));
            assertArrayEquals(a, b, "icoset∘coset 2^" + logN + " seed " + seed);
        }
    }

    @Test
    void largerTableServesSmallerDomains() {
        // build a table for 2^16 first; smaller transforms stride through it and still match
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        RadixNtt.ntt(new long[4 << 16], 0, 16, TestPools.of(1));
        assertSame("ntt", (a, o, l) -> RadixNtt.ntt(a, o, l, TestPools.of(1)), ReferenceNtt::ntt, rnd, seed, 9, 0);
        assertSame("intt", (a, o, l) -> RadixNtt.intt(a, o, l, TestPools.of(1)), ReferenceNtt::intt, rnd, seed, 9, 0);
    }

    @Test
    void spec6Vectors() throws IOException {
        // docs/spec/test-vectors-poseidon-groth16.md §6, copied to kernels/fft-vectors-m8.txt
        Map<String, BigInteger> v = readVectors();
        long[] a = new long[32];
        for (int i = 0; i < 8; i++) {
            Fr.fromLong(i + 1).toMontgomeryLimbs(a, 4 * i);
        }
        assertEquals(v.get("omega_8"), FrDomain.omega(3).toBigInteger());
        for (String kind : new String[] {"fft", "ifft", "coset_fft"}) {
            long[] b = a.clone();
            switch (kind) {
                case "fft": RadixNtt.ntt(b, 0, 3, TestPools.of(1)); break;
                case "ifft": RadixNtt.intt(b, 0, 3, TestPools.of(1)); break;
                default: RadixNtt.cosetNtt(b, 0, 3, TestPools.of(1)); break;
            }
            for (int k = 0; k < 8; k++) {
                assertEquals(Objects.requireNonNull(v.get(kind + "[" + k + "]")), Fr.fromMontgomeryLimbs(b, 4 * k).toBigInteger(),
                        kind + "[" + k + "]");
            }
        }
    }

    static Map<String, BigInteger> readVectors() throws IOException {
        Map<String, BigInteger> v = new HashMap<>();
        Pattern line = Pattern.compile("^(fft|ifft|coset_fft)\\(a\\)\\[(\\d)\\]\\s*=\\s*0x([0-9a-f]+)");
        Pattern omega = Pattern.compile("omega_8 = 0x([0-9a-f]+)");
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                Objects.requireNonNull(RadixNttTest.class.getResourceAsStream("/kernels/fft-vectors-m8.txt")),
                StandardCharsets.US_ASCII))) {
            for (String s; (s = r.readLine()) != null; ) {
                Matcher m = line.matcher(s);
                if (m.find()) {
                    v.put(m.group(1) + "[" + m.group(2) + "]", new BigInteger(m.group(3), 16));
                }
                Matcher o = omega.matcher(s);
                if (o.find()) {
                    v.put("omega_8", new BigInteger(o.group(1), 16));
                }
            }
        }
        assertEquals(25, v.size(), "24 transform values and omega_8 in the vector file");
        return v;
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> RadixNtt.ntt(new long[4], 0, 33, TestPools.of(1)));
        assertThrows(IndexOutOfBoundsException.class, () -> RadixNtt.ntt(new long[4 * 8], 4, 3, TestPools.of(1)));
    }
}
