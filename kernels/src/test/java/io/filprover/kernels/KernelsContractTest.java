package io.filprover.kernels;

import io.filprover.api.job.WorkerPool;
import io.filprover.api.kernels.Kernels;
import io.filprover.bls12381.field.Fr;
import io.filprover.bls12381.poseidon.PoseidonHasher;
import io.filprover.bls12381.poseidon.PoseidonParameters;
import io.filprover.cpu.ntt.ReferenceNtt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The contract every Kernels backend meets, written once: a subclass hands over its backend and the
 * same tests run against it (the cpu backend always; OpenCL where a device is found, POCL in CI).
 * Expected values come from independent paths: {@link MessageDigest} for SHA-256 and
 * {@link PoseidonHasher}'s single hashes with the plain schedule for Poseidon. Inputs are fresh
 * random values (the seed is in every failure message).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class KernelsContractTest {
    /** Every arity Filecoin uses (the SPI promises all of them on every backend). */
    static final int[] ARITIES = {2, 4, 8, 11, 16, 24, 36};

    private WorkerPool pool;
    private Kernels kernels;
    /** One seed per JVM, printed in every failure message. */
    static final long SEED = System.nanoTime();
    private final long seed = SEED;

    /** The backend under test, opened over {@code pool}; may abort the class with a JUnit assumption. */
    protected abstract Kernels open(WorkerPool pool);

    /** The backend's name, as {@link Kernels#backendName()} must report it. */
    protected abstract String expectedName();

    @BeforeAll
    void openBackend() {
        pool = WorkerPool.of(2, "contract-test");
        kernels = open(pool);
    }

    @AfterAll
    void closeBackend() {
        if (kernels != null) {
            kernels.close();
        }
        if (pool != null) {
            pool.close();
        }
    }

    protected Kernels kernels() {
        return kernels;
    }

    private Random rnd(String test) {
        return new Random(seed ^ test.hashCode());
    }

    private String why(String test) {
        return expectedName() + " " + test + ", seed " + seed;
    }

    // ---- SHA-256 node batches ----

    static byte[] expectedSha(byte[] in, int inOff, int count) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        byte[] out = new byte[32 * count];
        for (int i = 0; i < count; i++) {
            md.update(in, inOff + 64 * i, 64);
            md.digest(out, 32 * i, 32);
            out[32 * i + 31] &= 0x3f;
        }
        return out;
    }

    @Test
    void reportsItsName() {
        assertEquals(expectedName(), kernels.backendName());
    }

    @Test
    void sha256OfTheZeroPairIsTheFirstZeroCommitment() {
        byte[] out = new byte[32];
        kernels.sha256Trunc254Pairs(new byte[64], 0, out, 0, 1);
        // trim254(SHA256(64 zero bytes)): TV-ZERO level 1
        assertEquals("f5a5fd42d16a20302798ef6ed309979b43003d2320d9f0e8ea9831a92759fb0b",
                new BigInteger(1, out).toString(16));
    }

    @Test
    void sha256RandomBatchesAtRandomOffsetsMatchMessageDigest() throws Exception {
        Random rnd = rnd("sha");
        for (int round = 0; round < 25; round++) {
            int count = round == 0 ? 0 : 1 + rnd.nextInt(round < 20 ? 300 : 5000);
            int inOff = rnd.nextInt(100);
            int outOff = rnd.nextInt(100);
            byte[] in = new byte[inOff + 64 * count + rnd.nextInt(50)];
            rnd.nextBytes(in);
            byte[] out = new byte[outOff + 32 * count + 40];
            rnd.nextBytes(out);
            byte[] before = out.clone();
            kernels.sha256Trunc254Pairs(in, inOff, out, outOff, count);
            byte[] expected = before.clone();
            System.arraycopy(expectedSha(in, inOff, count), 0, expected, outOff, 32 * count);
            assertArrayEquals(expected, out, why("sha count " + count + " inOff " + inOff + " outOff " + outOff));
        }
    }

    @Test
    void sha256InPlaceReducesATreeLevel() throws Exception {
        Random rnd = rnd("sha-in-place");
        for (int shift : new int[] {0, 32, 64, 1000}) {
            int count = 513 + rnd.nextInt(500);
            int inOff = 7 + shift;
            byte[] buf = new byte[inOff + 64 * count];
            rnd.nextBytes(buf);
            byte[] expected = expectedSha(buf, inOff, count);
            int outOff = inOff - shift;
            kernels.sha256Trunc254Pairs(buf, inOff, buf, outOff, count);
            assertArrayEquals(expected, Arrays.copyOfRange(buf, outOff, outOff + 32 * count), why("sha in place, shift " + shift));
        }
    }

    @Test
    void sha256ManyPairsSpanManyWorkGroups() throws Exception {
        Random rnd = rnd("sha-many");
        int count = 300_007;
        byte[] in = new byte[64 * count];
        rnd.nextBytes(in);
        byte[] out = new byte[32 * count];
        kernels.sha256Trunc254Pairs(in, 0, out, 0, count);
        assertArrayEquals(expectedSha(in, 0, count), out, why("sha of " + count + " pairs"));
    }

    @Test
    void sha256RangesOutsideTheArraysAreRefusedBeforeAnyWork() {
        byte[] in = new byte[64 * 4];
        byte[] out = new byte[32 * 4];
        byte[] untouched = out.clone();
        assertThrows(IndexOutOfBoundsException.class, () -> kernels.sha256Trunc254Pairs(in, 0, out, 0, 5));
        assertThrows(IndexOutOfBoundsException.class, () -> kernels.sha256Trunc254Pairs(in, 1, out, 0, 4));
        assertThrows(IndexOutOfBoundsException.class, () -> kernels.sha256Trunc254Pairs(in, 0, out, 1, 4));
        assertThrows(IndexOutOfBoundsException.class, () -> kernels.sha256Trunc254Pairs(in, -1, out, 0, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> kernels.sha256Trunc254Pairs(in, 0, out, -1, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> kernels.sha256Trunc254Pairs(in, 0, out, 0, -1));
        assertThrows(IndexOutOfBoundsException.class, () -> kernels.sha256Trunc254Pairs(in, 0, out, 0, Integer.MAX_VALUE));
        assertArrayEquals(untouched, out);
    }

    // ---- Poseidon batches ----

    static long[] limbs(Fr... xs) {
        long[] out = new long[4 * xs.length];
        for (int i = 0; i < xs.length; i++) {
            xs[i].toMontgomeryLimbs(out, 4 * i);
        }
        return out;
    }

    /** The expected batch, one plain-schedule single hash per preimage. */
    static long[] expectedPoseidon(int arity, Fr[] elements, boolean plain) {
        PoseidonParameters p = PoseidonParameters.filecoin(arity);
        int count = elements.length / arity;
        Fr[] hashes = new Fr[count];
        for (int h = 0; h < count; h++) {
            Fr[] preimage = Arrays.copyOfRange(elements, h * arity, (h + 1) * arity);
            hashes[h] = plain ? PoseidonHasher.hashPlain(p, preimage) : PoseidonHasher.hash(p, preimage);
        }
        return limbs(hashes);
    }

    static Fr[] randomElements(Random rnd, int n) {
        Fr[] xs = new Fr[n];
        for (int i = 0; i < n; i++) {
            xs[i] = Fr.random(rnd);
        }
        return xs;
    }

    @ParameterizedTest(name = "arity {0}")
    @ValueSource(ints = {2, 4, 8, 11, 16, 24, 36})
    void poseidonRandomBatchesAtRandomOffsetsMatchSingleHashes(int arity) {
        Random rnd = rnd("poseidon" + arity);
        int rounds = arity <= 11 ? 6 : 2;
        for (int round = 0; round < rounds; round++) {
            int count = round == 0 ? 1 : 1 + rnd.nextInt(arity <= 11 ? 150 : 8);
            Fr[] xs = randomElements(rnd, arity * count);
            int inOff = rnd.nextInt(9);
            int outOff = rnd.nextInt(9);
            long[] in = new long[inOff + 4 * arity * count + rnd.nextInt(9)];
            System.arraycopy(limbs(xs), 0, in, inOff, 4 * arity * count);
            long[] out = new long[outOff + 4 * count + 5];
            Arrays.fill(out, 0x5a5a5a5a5a5a5a5aL);
            long[] expected = out.clone();
            System.arraycopy(expectedPoseidon(arity, xs, true), 0, expected, outOff, 4 * count);
            kernels.poseidonHashBatch(arity, in, inOff, out, outOff, count);
            assertArrayEquals(expected, out, why("poseidon arity " + arity + " count " + count + " inOff " + inOff + " outOff " + outOff));
        }
    }

    @ParameterizedTest(name = "arity {0}")
    @ValueSource(ints = {2, 4, 8, 11})
    void poseidonEdgeInputs(int arity) {
        Fr max = Fr.fromBigInteger(Fr.MODULUS.subtract(BigInteger.ONE));
        Fr[] edges = {Fr.ZERO, Fr.ONE, max};
        // every element 0, every element 1, every element r - 1, then the three cycled through the positions
        List<Fr> xs = new ArrayList<>();
        for (Fr e : edges) {
            for (int i = 0; i < arity; i++) {
                xs.add(e);
            }
        }
        for (int shift = 0; shift < 3; shift++) {
            for (int i = 0; i < arity; i++) {
                xs.add(edges[(i + shift) % 3]);
            }
        }
        Fr[] all = xs.toArray(new Fr[0]);
        int count = all.length / arity;
        long[] out = new long[4 * count];
        kernels.poseidonHashBatch(arity, limbs(all), 0, out, 0, count);
        assertArrayEquals(expectedPoseidon(arity, all, true), out, why("poseidon edge inputs, arity " + arity));
    }

    @ParameterizedTest(name = "arity {0}")
    @ValueSource(ints = {2, 4, 8, 11})
    void poseidonInPlaceReducesATreeLevel(int arity) {
        Random rnd = rnd("poseidon-in-place" + arity);
        int count = 64 + rnd.nextInt(64);
        Fr[] xs = randomElements(rnd, arity * count);
        int inOff = 12;
        long[] buf = new long[inOff + 4 * arity * count];
        System.arraycopy(limbs(xs), 0, buf, inOff, 4 * arity * count);
        long[] expected = expectedPoseidon(arity, xs, false);
        kernels.poseidonHashBatch(arity, buf, inOff, buf, 4, count);
        assertArrayEquals(expected, Arrays.copyOfRange(buf, 4, 4 + 4 * count), why("poseidon in place, arity " + arity));
    }

    /** The big batch's inputs and expected hashes, computed once per JVM and shared by every backend's run. */
    private static final class ManyPoseidon {
        static final int ARITY = 2;
        static final int COUNT = 131_075;
        static final long[] IN;
        static final long[] EXPECTED;

        static {
            Fr[] xs = randomElements(new Random(SEED), ARITY * COUNT);
            IN = limbs(xs);
            EXPECTED = expectedPoseidon(ARITY, xs, false);
        }
    }

    @Test
    void poseidonManyHashesSpanManyWorkGroups() {
        long[] out = new long[4 * ManyPoseidon.COUNT];
        kernels.poseidonHashBatch(ManyPoseidon.ARITY, ManyPoseidon.IN.clone(), 0, out, 0, ManyPoseidon.COUNT);
        assertArrayEquals(ManyPoseidon.EXPECTED, out, why("poseidon of " + ManyPoseidon.COUNT + " pairs"));
    }

    @Test
    void poseidonFromSeveralThreadsAtOnce() throws Exception {
        Random rnd = rnd("poseidon-threads");
        int arity = 8;
        int per = 40;
        int threads = 4;
        Fr[] xs = randomElements(rnd, arity * per * threads);
        long[] in = limbs(xs);
        long[] out = new long[4 * per * threads];
        ExecutorService ex = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int h = t * per;
                fs.add(ex.submit(() -> kernels.poseidonHashBatch(arity, in, 4 * arity * h, out, 4 * h, per)));
            }
            for (Future<?> f : fs) {
                f.get();
            }
        } finally {
            ex.shutdown();
        }
        assertArrayEquals(expectedPoseidon(arity, xs, false), out, why("poseidon from " + threads + " threads"));
    }

    @Test
    void poseidonRefusesBadAritiesUnreducedInputsAndRangesOutsideTheArrays() {
        long[] in = limbs(Fr.ONE, Fr.ONE, Fr.ONE, Fr.ONE);
        long[] out = new long[8];
        assertThrows(IllegalArgumentException.class, () -> kernels.poseidonHashBatch(0, in, 0, out, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> kernels.poseidonHashBatch(-1, in, 0, out, 0, 1));

        for (int arity : new int[] {2, 4}) {
            // r itself, and all ones, in the second preimage
            for (BigInteger bad : new BigInteger[] {Fr.MODULUS, BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE)}) {
                long[] unreduced = limbs(randomElements(rnd("unreduced"), 2 * arity));
                int at = 4 * (arity + arity - 1);
                for (int i = 0; i < 4; i++) {
                    unreduced[at + i] = bad.shiftRight(64 * i).longValue();
                }
                // the SPI does not say whether hashes before the bad preimage are written (the cpu backend writes them)
                assertThrows(IllegalArgumentException.class, () -> kernels.poseidonHashBatch(arity, unreduced, 0, new long[8], 0, 2),
                        "arity " + arity + " element " + bad.toString(16));
            }
        }
        long[] two = limbs(Fr.ONE, Fr.ONE, Fr.ONE, Fr.ONE); // two arity-2 preimages
        assertThrows(IndexOutOfBoundsException.class, () -> kernels.poseidonHashBatch(2, two, 0, out, 0, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> kernels.poseidonHashBatch(2, two, 1, out, 0, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> kernels.poseidonHashBatch(2, two, -1, out, 0, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> kernels.poseidonHashBatch(2, two, 0, out, 5, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> kernels.poseidonHashBatch(2, two, 0, out, -1, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> kernels.poseidonHashBatch(2, two, 0, out, 0, -1));
        assertThrows(IndexOutOfBoundsException.class, () -> kernels.poseidonHashBatch(11, two, 0, out, 0, Integer.MAX_VALUE));
        assertArrayEquals(new long[8], out, "nothing written for a refused batch");
    }

    // ---- NTTs ----

    /** One of the four transforms, on a backend and on the oracle ({@link ReferenceNtt}, single-threaded radix-2). */
    enum Transform {
        NTT(Kernels::nttFr, ReferenceNtt::ntt),
        INTT(Kernels::inttFr, ReferenceNtt::intt),
        COSET_NTT(Kernels::cosetNttFr, ReferenceNtt::cosetNtt),
        ICOSET_NTT(Kernels::icosetNttFr, ReferenceNtt::icosetNtt);

        interface OnBackend {
            void apply(Kernels k, long[] a, int off, int logN);
        }

        interface OnOracle {
            void apply(long[] a, int off, int logN);
        }

        final OnBackend backend;
        final OnOracle oracle;

        Transform(OnBackend backend, OnOracle oracle) {
            this.backend = backend;
            this.oracle = oracle;
        }
    }

    private static final long SENTINEL = 0x5a5a5a5a5a5a5a5aL;

    /** Runs {@code t} on the backend and on the oracle over the same array (the elements at {@code off}, sentinels around them). */
    private void assertTransformMatchesOracle(Transform t, Fr[] xs, int logN, int off, String what) {
        long[] a = new long[off + 4 * xs.length + 7];
        Arrays.fill(a, SENTINEL);
        System.arraycopy(limbs(xs), 0, a, off, 4 * xs.length);
        long[] expected = a.clone();
        t.oracle.apply(expected, off, logN);
        t.backend.apply(kernels, a, off, logN);
        assertArrayEquals(expected, a, why(t + " of 2^" + logN + " at offset " + off + ", " + what));
    }

    @ParameterizedTest(name = "2^{0}")
    @ValueSource(ints = {4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18})
    void nttAllFourTransformsOfRandomInputsMatchTheReference(int logN) {
        Random rnd = rnd("ntt" + logN);
        for (Transform t : Transform.values()) {
            Fr[] xs = randomElements(rnd, 1 << logN);
            assertTransformMatchesOracle(t, xs, logN, rnd.nextInt(9), "random input");
        }
    }

    @ParameterizedTest(name = "2^{0}")
    @ValueSource(ints = {0, 1, 2, 3, 4, 9, 10})
    void nttEdgeInputsMatchTheReference(int logN) {
        int n = 1 << logN;
        Random rnd = rnd("ntt-edge" + logN);
        Fr max = Fr.fromBigInteger(Fr.MODULUS.subtract(BigInteger.ONE));
        for (Transform t : Transform.values()) {
            Fr[] zero = new Fr[n];
            Arrays.fill(zero, Fr.ZERO);
            assertTransformMatchesOracle(t, zero, logN, 0, "all zero");
            Fr[] maxes = new Fr[n];
            Arrays.fill(maxes, max);
            assertTransformMatchesOracle(t, maxes, logN, 4, "all r - 1");
            for (int hot : java.util.stream.IntStream.of(0, 1, n / 2, n - 1).filter(h -> h < n).distinct().toArray()) {
                Fr[] oneHot = zero.clone();
                oneHot[hot] = Fr.ONE;
                assertTransformMatchesOracle(t, oneHot, logN, rnd.nextInt(5), "one-hot at " + hot);
            }
        }
    }

    @Test
    void nttIsTheDirectEvaluationAndTheInversesUndoIt() {
        Random rnd = rnd("ntt-direct");
        int logN = 5;
        int n = 1 << logN;
        Fr[] xs = randomElements(rnd, n);
        Fr omega = io.filprover.bls12381.domain.FrDomain.omega(logN);
        Fr g = io.filprover.bls12381.domain.FrDomain.COSET_GENERATOR;
        long[] plain = limbs(xs);
        long[] coset = limbs(xs);
        kernels.nttFr(plain, 0, logN);
        kernels.cosetNttFr(coset, 0, logN);
        for (int k : new int[] {0, 1, 7, n - 1}) {
            // a(ω^k) and a(g ω^k), evaluated by Horner
            Fr at = omega.pow(BigInteger.valueOf(k));
            Fr gAt = g.mul(at);
            Fr sum = Fr.ZERO;
            Fr gSum = Fr.ZERO;
            for (int j = n - 1; j >= 0; j--) {
                sum = sum.mul(at).add(xs[j]);
                gSum = gSum.mul(gAt).add(xs[j]);
            }
            assertEquals(sum, Fr.fromMontgomeryLimbs(plain, 4 * k), why("ntt at k = " + k));
            assertEquals(gSum, Fr.fromMontgomeryLimbs(coset, 4 * k), why("coset ntt at k = " + k));
        }
        for (int log : new int[] {logN, 12}) {
            long[] a = limbs(randomElements(rnd, 1 << log));
            long[] before = a.clone();
            kernels.nttFr(a, 0, log);
            kernels.inttFr(a, 0, log);
            assertArrayEquals(before, a, why("intt(ntt(a)) of 2^" + log));
            kernels.cosetNttFr(a, 0, log);
            kernels.icosetNttFr(a, 0, log);
            assertArrayEquals(before, a, why("icoset(coset(a)) of 2^" + log));
        }
    }

    @Test
    void nttRefusesBadSizesAndRangesOutsideTheArrayBeforeAnyWork() {
        long[] a = limbs(randomElements(rnd("ntt-refused"), 16));
        long[] untouched = a.clone();
        for (Transform t : Transform.values()) {
            assertThrows(IllegalArgumentException.class, () -> t.backend.apply(kernels, a, 0, -1), t.toString());
            assertThrows(IllegalArgumentException.class, () -> t.backend.apply(kernels, a, 0, 33), t.toString());
            assertThrows(IndexOutOfBoundsException.class, () -> t.backend.apply(kernels, a, 0, 5), t.toString());
            assertThrows(IndexOutOfBoundsException.class, () -> t.backend.apply(kernels, a, 1, 4), t.toString());
            assertThrows(IndexOutOfBoundsException.class, () -> t.backend.apply(kernels, a, -1, 1), t.toString());
            assertThrows(IndexOutOfBoundsException.class, () -> t.backend.apply(kernels, a, 64, 0), t.toString());
        }
        assertArrayEquals(untouched, a, "nothing written for a refused transform");
    }
}
