package io.filprover.kernels;

import io.filprover.api.job.WorkerPool;
import io.filprover.api.kernels.Kernels;
import io.filprover.bls12381.curve.AffinePoint;
import io.filprover.bls12381.curve.G1;
import io.filprover.bls12381.curve.JacobianPoint;
import io.filprover.bls12381.curve.PointLimbs;
import io.filprover.bls12381.field.Fq;
import io.filprover.cpu.CpuKernels;
import io.filprover.cpu.msm.ReferenceMsm;
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
public abstract class KernelsContractTest implements MsmG2Contract, MsmBasesContract, TreeContract, QuotientContract {
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

    @Override
    public Kernels kernels() {
        return kernels;
    }

    @Override
    public WorkerPool pool() {
        return pool;
    }

    @Override
    public Random rnd(String test) {
        return new Random(seed ^ test.hashCode());
    }

    @Override
    public String why(String test) {
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

    // ---- G1 multi-scalar multiplication ----

    /** The largest MSM the contract runs. */
    static final int MSM_MAX = 1 << 16;
    /** Sizes up to this are checked against {@link ReferenceMsm}, larger ones against the cpu backend. */
    static final int MSM_REFERENCE_MAX = 1 << 9;
    private static long[] msmBases;

    /**
     * {@value #MSM_MAX} affine G1 points, random multiples of the generator, made once per JVM: a
     * random start k₀·G, then each point the previous one plus one of 64 random multiples of G.
     */
    static synchronized long[] msmBases() {
        if (msmBases == null) {
            Random r = new Random(SEED ^ 0x6d736dL);
            @SuppressWarnings("unchecked")
            JacobianPoint<Fq>[] steps = new JacobianPoint[64];
            for (int i = 0; i < steps.length; i++) {
                steps[i] = G1.mul(G1.generator(), new BigInteger(255, r).mod(G1.ORDER));
            }
            @SuppressWarnings("unchecked")
            JacobianPoint<Fq>[] pts = new JacobianPoint[MSM_MAX];
            JacobianPoint<Fq> p = G1.mul(G1.generator(), new BigInteger(255, r).mod(G1.ORDER));
            for (int i = 0; i < MSM_MAX; i++) {
                p = p.add(steps[r.nextInt(steps.length)]);
                pts[i] = p;
            }
            AffinePoint<Fq>[] aff = JacobianPoint.batchToAffine(pts);
            long[] b = new long[PointLimbs.G1 * MSM_MAX];
            for (int i = 0; i < MSM_MAX; i++) {
                PointLimbs.g1(aff[i], b, PointLimbs.G1 * i);
            }
            msmBases = b;
        }
        return msmBases;
    }

    static long[] frLimbs(BigInteger v) {
        long[] l = new long[4];
        for (int i = 0; i < 4; i++) {
            l[i] = v.shiftRight(64 * i).longValue();
        }
        return l;
    }

    /** Canonical random scalars, with the edges 0, 1 and r − 1 sprinkled in. */
    static long[] randomScalars(Random r, int count) {
        long[] s = new long[4 * count];
        BigInteger[] edges = {BigInteger.ZERO, BigInteger.ONE, Fr.MODULUS.subtract(BigInteger.ONE)};
        for (int i = 0; i < count; i++) {
            BigInteger v = r.nextInt(16) == 0 ? edges[r.nextInt(edges.length)] : new BigInteger(255, r).mod(Fr.MODULUS);
            System.arraycopy(frLimbs(v), 0, s, 4 * i, 4);
        }
        return s;
    }

    /** n bases from a random place in {@link #msmBases()}, every 13th or so the point at infinity. */
    static long[] someBases(Random r, int n, boolean infinities) {
        long[] all = msmBases();
        int from = r.nextInt(MSM_MAX - n + 1);
        long[] b = Arrays.copyOfRange(all, PointLimbs.G1 * from, PointLimbs.G1 * (from + n));
        for (int i = 0; infinities && i < n; i++) {
            if (r.nextInt(13) == 0) {
                Arrays.fill(b, PointLimbs.G1 * i, PointLimbs.G1 * (i + 1), 0L);
            }
        }
        return b;
    }

    /** One MSM of `count` scalars (with a random density bitmap when asked) against an oracle. */
    private void checkMsmG1(String test, int count, boolean withDensity, boolean reference) {
        Random r = rnd(test + count + withDensity);
        long[] density = null;
        int dense = count;
        if (withDensity) {
            density = new long[(count + 63) / 64];
            dense = 0;
            for (int i = 0; i < count; i++) {
                if (r.nextInt(4) != 0 && dense < MSM_MAX) { // at most MSM_MAX bases exist
                    density[i >>> 6] |= 1L << (i & 63);
                    dense++;
                }
            }
        }
        int basesOff = r.nextInt(3) * PointLimbs.G1;
        long[] someBases = someBases(r, dense, true);
        long[] bases = new long[basesOff + someBases.length];
        System.arraycopy(someBases, 0, bases, basesOff, someBases.length);
        int scalarsOff = 4 * r.nextInt(3);
        long[] scalars = new long[scalarsOff + 4 * count];
        System.arraycopy(randomScalars(r, count), 0, scalars, scalarsOff, 4 * count);
        long[] want = new long[PointLimbs.G1];
        if (reference) {
            ReferenceMsm.g1(bases, basesOff, scalars, scalarsOff, count, density, want, 0);
        } else {
            try (CpuKernels cpu = new CpuKernels(pool)) {
                cpu.msmG1(bases, basesOff, scalars, scalarsOff, count, density, want, 0);
            }
        }
        int outOff = r.nextInt(5);
        long[] got = new long[outOff + PointLimbs.G1 + 1];
        got[got.length - 1] = 0x5a5aL;
        kernels.msmG1(bases, basesOff, scalars, scalarsOff, count, density, got, outOff);
        assertArrayEquals(want, Arrays.copyOfRange(got, outOff, outOff + PointLimbs.G1),
                why(test + " of " + count + (withDensity ? " with density" : "")));
        assertEquals(0x5a5aL, got[got.length - 1], "nothing written past the result");
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 5, 6, 7, 8, 9})
    void msmG1SmallMatchesTheReference(int logN) {
        checkMsmG1("msmG1 small", 1 << logN, false, true);
        checkMsmG1("msmG1 small", (1 << logN) + 3, true, true);
    }

    @ParameterizedTest
    @ValueSource(ints = {10, 11, 12, 13, 14})
    void msmG1MatchesTheCpuBackend(int logN) {
        checkMsmG1("msmG1", 1 << logN, logN % 2 == 0, false);
    }

    @Test
    void msmG1Of65536TermsWithDensityMatchesTheCpuBackend() {
        checkMsmG1("msmG1 large", MSM_MAX + MSM_MAX / 3, true, false);
    }

    @Test
    void msmG1EdgeScalarsAndBases() {
        long[] all = msmBases();
        long[] p = Arrays.copyOf(all, PointLimbs.G1);
        long[] one = frLimbs(BigInteger.ONE);
        long[] minusOne = frLimbs(Fr.MODULUS.subtract(BigInteger.ONE));
        long[] out = new long[PointLimbs.G1];
        String why = why("msmG1 edges");

        // 1·P = P, (r − 1)·P = −P
        kernels.msmG1(p, 0, one, 0, 1, null, out, 0);
        assertArrayEquals(p, out, why + ": 1·P");
        long[] want = new long[PointLimbs.G1];
        ReferenceMsm.g1(p, 0, minusOne, 0, 1, null, want, 0);
        kernels.msmG1(p, 0, minusOne, 0, 1, null, out, 0);
        assertArrayEquals(want, out, why + ": (r − 1)·P");

        // P + (r − 1)·P = infinity; zero scalars, infinity bases and no terms at all give infinity
        long[] twice = new long[2 * PointLimbs.G1];
        System.arraycopy(p, 0, twice, 0, PointLimbs.G1);
        System.arraycopy(p, 0, twice, PointLimbs.G1, PointLimbs.G1);
        long[] oneAndMinusOne = new long[8];
        System.arraycopy(one, 0, oneAndMinusOne, 0, 4);
        System.arraycopy(minusOne, 0, oneAndMinusOne, 4, 4);
        Arrays.fill(out, 7L);
        kernels.msmG1(twice, 0, oneAndMinusOne, 0, 2, null, out, 0);
        assertArrayEquals(new long[PointLimbs.G1], out, why + ": P − P");
        Arrays.fill(out, 7L);
        kernels.msmG1(twice, 0, new long[8], 0, 2, null, out, 0);
        assertArrayEquals(new long[PointLimbs.G1], out, why + ": zero scalars");
        Arrays.fill(out, 7L);
        kernels.msmG1(new long[2 * PointLimbs.G1], 0, oneAndMinusOne, 0, 2, null, out, 0);
        assertArrayEquals(new long[PointLimbs.G1], out, why + ": infinity bases");
        Arrays.fill(out, 7L);
        kernels.msmG1(new long[0], 0, new long[0], 0, 0, null, out, 0);
        assertArrayEquals(new long[PointLimbs.G1], out, why + ": no terms");
        Arrays.fill(out, 7L);
        kernels.msmG1(twice, 0, oneAndMinusOne, 0, 2, new long[1], out, 0);
        assertArrayEquals(new long[PointLimbs.G1], out, why + ": an empty density");

        // the same base many times with the same and random scalars: equal points meet in one bucket
        Random r = rnd("msmG1 edges");
        int n = 300;
        long[] same = new long[PointLimbs.G1 * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(p, 0, same, PointLimbs.G1 * i, PointLimbs.G1);
        }
        for (long[] scalars : new long[][] {repeat(frLimbs(BigInteger.valueOf(5)), n), repeat(minusOne, n), randomScalars(r, n)}) {
            ReferenceMsm.g1(same, 0, scalars, 0, n, null, want, 0);
            kernels.msmG1(same, 0, scalars, 0, n, null, out, 0);
            assertArrayEquals(want, out, why + ": one base " + n + " times");
        }
    }

    private static long[] repeat(long[] a, int n) {
        long[] r = new long[a.length * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a, 0, r, a.length * i, a.length);
        }
        return r;
    }

    @Test
    void msmG1RefusesUnreducedScalarsAndRangesOutsideTheArrays() {
        long[] p = Arrays.copyOf(msmBases(), 2 * PointLimbs.G1);
        long[] s = new long[8];
        s[0] = 3;
        long[] out = new long[PointLimbs.G1];
        long[] unreduced = s.clone();
        System.arraycopy(frLimbs(Fr.MODULUS), 0, unreduced, 4, 4);
        assertThrows(IllegalArgumentException.class, () -> kernels.msmG1(p, 0, unreduced, 0, 2, null, out, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> kernels.msmG1(p, 0, s, 0, 3, null, out, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> kernels.msmG1(p, 0, s, 1, 2, null, out, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> kernels.msmG1(p, 0, s, 0, -1, null, out, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> kernels.msmG1(p, 0, s, 0, 2, null, out, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> kernels.msmG1(p, 0, s, 0, 2, null, new long[11], 0));
        assertThrows(IndexOutOfBoundsException.class, () -> kernels.msmG1(p, 0, s, 0, 2, new long[0], out, 0));
        long[] s2 = s.clone();
        s2[4] = 1;
        assertThrows(IndexOutOfBoundsException.class, () -> kernels.msmG1(p, PointLimbs.G1, s2, 0, 2, null, out, 0));
        assertArrayEquals(new long[PointLimbs.G1], out, "nothing written for a refused MSM");
    }
}
