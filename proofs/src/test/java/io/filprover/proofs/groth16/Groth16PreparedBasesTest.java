package io.filprover.proofs.groth16;

import io.filprover.api.kernels.Kernels;
import io.filprover.api.kernels.MsmBases;
import io.filprover.bls12381.field.Fr;
import io.filprover.proofs.TestJobs;
import io.filprover.proofs.groth16.params.Groth16Parameters;
import io.filprover.proofs.groth16.params.Groth16Setup;
import io.filprover.proofs.groth16.params.ToxicWaste;
import io.filprover.proofs.groth16.prover.Groth16Prover;
import io.filprover.proofs.groth16.prover.ProofSelfCheckException;
import io.filprover.proofs.groth16.verifier.Groth16Verifier;
import io.filprover.proofs.groth16.verifier.PreparedVerifyingKey;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Groth16 prover's MSMs on prepared bases: each of the five base vectors is prepared once per batch,
 * whatever the grouping, every MSM runs on a handle, the handles are closed when the batch ends (also
 * when it fails), and in the batch's last group a vector's handle is closed before the next is prepared.
 * The proofs verify and do not depend on the grouping (BlsXorDemoVectorTest pins one exact proof).
 */
class Groth16PreparedBasesTest {
    private final long seed = System.nanoTime();
    private final Random rnd = new Random(seed);

    /** The cpu backend, counting preparations, open handles and MSMs by kind. */
    private static final class Recording implements Kernels {
        final Kernels k = TestJobs.CPU;
        final AtomicInteger prepared = new AtomicInteger();
        final AtomicInteger open = new AtomicInteger();
        final List<Integer> openAtPrepare = new ArrayList<>();
        final AtomicInteger arrayMsms = new AtomicInteger();
        final AtomicInteger handleMsms = new AtomicInteger();

        private MsmBases track(MsmBases h) {
            prepared.incrementAndGet();
            openAtPrepare.add(open.getAndIncrement());
            return new Tracked(h, open);
        }

        @Override
        public MsmBases prepareMsmBasesG1(long[] bases, int basesOff, int count) {
            return track(k.prepareMsmBasesG1(bases, basesOff, count));
        }

        @Override
        public MsmBases prepareMsmBasesG2(long[] bases, int basesOff, int count) {
            return track(k.prepareMsmBasesG2(bases, basesOff, count));
        }

        @Override
        public void msmG1(MsmBases bases, int baseStart, long[] scalars, int scalarsOff, int count, long[] density, long[] out, int outOff) {
            handleMsms.incrementAndGet();
            k.msmG1(((Tracked) bases).inner, baseStart, scalars, scalarsOff, count, density, out, outOff);
        }

        @Override
        public void msmG2(MsmBases bases, int baseStart, long[] scalars, int scalarsOff, int count, long[] density, long[] out, int outOff) {
            handleMsms.incrementAndGet();
            k.msmG2(((Tracked) bases).inner, baseStart, scalars, scalarsOff, count, density, out, outOff);
        }

        @Override
        public void msmG1(long[] bases, int basesOff, long[] scalars, int scalarsOff, int count, long[] density, long[] out, int outOff) {
            arrayMsms.incrementAndGet();
            k.msmG1(bases, basesOff, scalars, scalarsOff, count, density, out, outOff);
        }

        @Override
        public void msmG2(long[] bases, int basesOff, long[] scalars, int scalarsOff, int count, long[] density, long[] out, int outOff) {
            arrayMsms.incrementAndGet();
            k.msmG2(bases, basesOff, scalars, scalarsOff, count, density, out, outOff);
        }

        @Override
        public String backendName() {
            return "recording";
        }

        @Override
        public void sha256Trunc254Pairs(byte[] in, int inOff, byte[] out, int outOff, int count) {
            k.sha256Trunc254Pairs(in, inOff, out, outOff, count);
        }

        @Override
        public void poseidonHashBatch(int arity, long[] in, int inOff, long[] out, int outOff, int count) {
            k.poseidonHashBatch(arity, in, inOff, out, outOff, count);
        }

        @Override
        public void nttFr(long[] a, int off, int logN) {
            k.nttFr(a, off, logN);
        }

        @Override
        public void inttFr(long[] a, int off, int logN) {
            k.inttFr(a, off, logN);
        }

        @Override
        public void cosetNttFr(long[] a, int off, int logN) {
            k.cosetNttFr(a, off, logN);
        }

        @Override
        public void icosetNttFr(long[] a, int off, int logN) {
            k.icosetNttFr(a, off, logN);
        }

        @Override
        public void quotientFr(long[] a, long[] b, long[] c, int logN) {
            k.quotientFr(a, b, c, logN);
        }
    }

    /** A handle the prover holds: the delegate's own, its first close counted. */
    private static final class Tracked implements MsmBases {
        final MsmBases inner;
        private final AtomicInteger open;
        private boolean closed;

        Tracked(MsmBases inner, AtomicInteger open) {
            this.inner = inner;
            this.open = open;
        }

        @Override
        public Group group() {
            return inner.group();
        }

        @Override
        public int count() {
            return inner.count();
        }

        @Override
        public boolean isClosed() {
            return inner.isClosed();
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                open.decrementAndGet();
            }
            inner.close();
        }
    }

    private RandomCircuit shape() {
        int free = 1 + rnd.nextInt(3);
        return new RandomCircuit(rnd.nextLong(), 1 + rnd.nextInt(3), free, free + rnd.nextInt(5), null);
    }

    @Test
    void eachBaseVectorIsPreparedOncePerBatchAndClosedAfter() {
        RandomCircuit shape = shape();
        String m = "seed=" + seed + " " + shape;
        Groth16Parameters params = Groth16Setup.generate(shape, ToxicWaste.random(rnd));
        int n = 5;
        List<RandomCircuit> circuits = new ArrayList<>();
        List<Fr> r = new ArrayList<>();
        List<Fr> s = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            circuits.add(shape.withValues(rnd.nextLong()));
            r.add(Fr.random(rnd));
            s.add(Fr.random(rnd));
        }
        PreparedVerifyingKey pvk = PreparedVerifyingKey.prepare(params.verifyingKey());
        List<Proof> whole = null;
        for (int group : new int[] {n, 2, 1}) {
            Recording k = new Recording();
            List<Proof> proofs = new Groth16Prover(k).proveBatch(circuits, params, r, s, group);
            String why = m + ", groups of " + group;
            assertEquals(5, k.prepared.get(), why + ": h, l, a, b_g1, b_g2 each prepared once");
            assertEquals(0, k.open.get(), why + ": every handle closed");
            assertEquals(0, k.arrayMsms.get(), why + ": no MSM on arrays");
            assertEquals(8 * n, k.handleMsms.get(), why + ": h, l, a (2), b_g1 (2), b_g2 (2) per circuit");
            if (group == n) {
                assertEquals(List.of(0, 0, 0, 0, 0), k.openAtPrepare, why + ": one group: each vector let go before the next");
            } else {
                assertEquals(List.of(0, 1, 2, 3, 4), k.openAtPrepare, why + ": several groups: kept from the first to the last");
            }
            for (int i = 0; i < n; i++) {
                assertTrue(Groth16Verifier.verify(pvk, proofs.get(i), circuits.get(i).publicInputs()), why + " proof " + i);
            }
            if (whole == null) {
                whole = proofs;
            }
            assertEquals(whole, proofs, why + ": the grouping changes no proof");
        }
        // a heap that cannot hold all five vectors: each group prepares each vector and lets it go after its family
        Recording k = new Recording();
        List<Proof> proofs = new Groth16Prover(k).proveBatch(circuits, params, r, s, 2, false);
        String why = m + ", groups of 2, bases not kept";
        assertEquals(5 * 3, k.prepared.get(), why + ": each vector prepared once per group");
        assertEquals(0, k.open.get(), why + ": every handle closed");
        assertEquals(java.util.Collections.nCopies(15, 0), k.openAtPrepare, why + ": one vector at a time");
        assertEquals(whole, proofs, why + ": the proofs are the same");
    }

    /** Whether the bases are kept follows the heap: all five vectors and one circuit, or not. */
    @Test
    void basesAreKeptOnlyWhereTheHeapHoldsThemWithACircuit() {
        io.filprover.proofs.groth16.params.ParameterSource twoKiB = RandomCircuitProofTest.counts(4_194_303, 2_685_673,
                2_674_948, 685_522);
        long m = 4_194_304L;
        long perCircuit = 32L * (3 * m + 3 * 2_685_673L + m);
        long kept = 32L * 3 * m + 96L * (4_194_303L + 2_685_673L + 2_674_948L + 685_522L) + 192L * 685_522L;
        assertTrue(Groth16Prover.keepsBases(twoKiB, kept + perCircuit));
        assertFalse(Groth16Prover.keepsBases(twoKiB, kept + perCircuit - 1));
        assertEquals(3, Groth16Prover.groupSize(twoKiB, kept + 3 * perCircuit));
        // below that, a group counts one vector decoded beside the previous (the largest, h, twice): still one circuit
        long streamed = 32L * 3 * m + 2 * 96L * 4_194_303L;
        assertEquals(1, Groth16Prover.groupSize(twoKiB, kept + perCircuit - 1));
        assertEquals(1, Groth16Prover.groupSize(twoKiB, streamed + perCircuit));
    }

    @Test
    void aFailingBatchClosesItsHandles() {
        RandomCircuit shape = shape();
        Groth16Parameters params = Groth16Setup.generate(shape, ToxicWaste.random(rnd));
        io.filprover.proofs.r1cs.Circuit<Fr> broken = cs -> shape.withValues(rnd.nextLong()).synthesize(new OffByOneLastAux<>(cs));
        Recording k = new Recording();
        assertThrows(ProofSelfCheckException.class,
                () -> new Groth16Prover(k).proveBatch(List.of(shape.withValues(rnd.nextLong()), broken), params,
                        List.of(Fr.random(rnd), Fr.random(rnd)), List.of(Fr.random(rnd), Fr.random(rnd)), 1), "seed=" + seed);
        assertEquals(5, k.prepared.get());
        assertEquals(0, k.open.get(), "every handle closed after the failure");
    }
}
