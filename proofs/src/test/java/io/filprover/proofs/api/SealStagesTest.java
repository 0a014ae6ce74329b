package io.filprover.proofs.api;

import io.filprover.api.CancelledException;
import io.filprover.api.InvalidInputException;
import io.filprover.api.PreconditionException;
import io.filprover.api.RegisteredSealProof;
import io.filprover.api.SectorSize;
import io.filprover.api.job.CancellationToken;
import io.filprover.api.job.JobContext;
import io.filprover.api.job.ProgressSink;
import io.filprover.api.job.StageTimes;
import io.filprover.api.job.WorkerPool;
import io.filprover.api.kernels.Kernels;
import io.filprover.api.kernels.MsmBases;
import io.filprover.cpu.CpuKernels;
import io.filprover.proofs.TestJobs;
import io.filprover.proofs.porep.PreCommit1;
import io.filprover.proofs.sdr.LayerFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sealing entries of the proving API: cancellation, the thread budget, output checks before work. */
class SealStagesTest {
    private static final RegisteredSealProof PROOF = RegisteredSealProof.STACKED_DRG_2KIB_V1_1;
    private static final SectorSize SIZE = SectorSize.SIZE_2KIB;

    private final long seed = System.nanoTime();
    private final Random rnd = new Random(seed);
    /** One sector's random data and seed, the same for every request of a test. */
    private final byte[] data = randomBytes((int) SIZE.unpaddedBytes() - rnd.nextInt(100));
    private final byte[] seedBytes = randomBytes(32);

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        return b;
    }

    @Test
    void aCancelledPreCommit1StopsAtTheNextLayerBoundaryAndLeavesNothingThatLooksComplete(@TempDir Path dir)
            throws IOException {
        CancellationToken token = CancellationToken.create();
        // cancel as soon as layer 1 reports its last node: the labeler must stop before layer 2
        ProgressSink sink = (task, done, total) -> {
            if (task.equals("layer 1") && done == total) {
                token.cancel("operator asked");
            }
        };
        SealRequest request = request(dir, 2);
        try (WorkerPool pool = WorkerPool.of(2);
             JobContext ctx = JobContext.of(pool, new CpuKernels(pool), sink, token, dir)) {
            CancelledException e = assertThrows(CancelledException.class, () -> SealStages.seal(request, ctx));
            assertEquals("operator asked", e.getMessage());
        }
        Path cache = request.cacheDir();
        assertTrue(Files.isRegularFile(LayerFiles.path(cache, 1)), "the finished layer is kept for a later resume");
        assertFalse(Files.exists(LayerFiles.path(cache, 2)), "layer 2 must not exist");
        assertFalse(Files.exists(request.replica()), "no replica");
        assertFalse(Files.exists(request.c1Output()), "no C1 output");
        try (Stream<Path> files = Files.list(cache)) {
            List<Path> partial = files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
            assertTrue(partial.isEmpty(), "partial files left: " + partial);
        }

        // run again (a preempted job resumed): layer 1 is reused, not relabeled, and the result is an
        // uninterrupted run's
        java.nio.file.attribute.FileTime layer1 = Files.getLastModifiedTime(LayerFiles.path(cache, 1));
        List<String> labeled = new java.util.concurrent.CopyOnWriteArrayList<>();
        ProgressSink watch = (task, done, total) -> {
            if (task.startsWith("layer") && done > 0 && done < total) {
                labeled.add(task);
            }
        };
        SealResult resumed;
        try (WorkerPool pool = WorkerPool.of(2);
             JobContext ctx = JobContext.of(pool, new CpuKernels(pool), watch, CancellationToken.create(), dir)) {
            resumed = SealStages.seal(request, ctx);
        }
        assertEquals(layer1, Files.getLastModifiedTime(LayerFiles.path(cache, 1)), "layer 1 was not rewritten");
        assertFalse(labeled.contains("layer 1"), "layer 1 was not labeled again: " + labeled);
        SealResult fresh;
        try (WorkerPool pool = WorkerPool.of(2);
             JobContext ctx = JobContext.of(pool, new CpuKernels(pool), null, null, dir)) {
            fresh = SealStages.seal(request(dir.resolve("fresh"), 2), ctx);
        }
        assertEquals(fresh.commR(), resumed.commR(), "seed " + seed);
    }

    @Test
    void layersLeftByAnotherSectorInTheSameCacheAreNotReused(@TempDir Path dir) throws IOException {
        SealRequest request = request(dir, 2);
        SealResult first;
        try (WorkerPool pool = WorkerPool.of(2);
             JobContext ctx = JobContext.of(pool, new CpuKernels(pool), null, null, dir)) {
            first = SealStages.seal(request, ctx);
        }
        // the same cache directory, another ticket: another replica id, so every layer is relabeled
        byte[] ticket = request.id().ticket().clone();
        ticket[0] ^= 1;
        PreCommit1.SectorIdentity other = new PreCommit1.SectorIdentity(request.id().proverId(),
                request.id().sectorId(), ticket, request.id().porepId(), request.id().apiVersion());
        SealRequest again = new SealRequest(request.sectorSize(), request.proof(), request.data(), other,
                request.seed(), request.layers(), request.cacheDir(), request.replica(), request.parentCacheDir(),
                request.c1Output());
        SealResult second;
        try (WorkerPool pool = WorkerPool.of(2);
             JobContext ctx = JobContext.of(pool, new CpuKernels(pool), null, null, dir)) {
            second = SealStages.seal(again, ctx);
        }
        SealRequest elsewhere = new SealRequest(request.sectorSize(), request.proof(), request.data(), other,
                request.seed(), request.layers(), dir.resolve("clean-cache"), dir.resolve("clean-sealed"),
                request.parentCacheDir(), dir.resolve("clean-c1.json"));
        SealResult clean;
        try (WorkerPool pool = WorkerPool.of(2);
             JobContext ctx = JobContext.of(pool, new CpuKernels(pool), null, null, dir)) {
            clean = SealStages.seal(elsewhere, ctx);
        }
        assertEquals(clean.commR(), second.commR(), "the reused directory gave the other sector's own comm_r");
        assertFalse(first.commR().equals(second.commR()));
    }

    @Test
    void aTokenCancelledBeforeTheStartStopsBeforeAnyWork(@TempDir Path dir) {
        CancellationToken token = CancellationToken.create();
        token.cancel("too late");
        SealRequest request = request(dir, 2);
        try (WorkerPool pool = WorkerPool.of(1);
             JobContext ctx = JobContext.of(pool, new CpuKernels(pool), ProgressSink.NONE, token, dir)) {
            assertThrows(CancelledException.class, () -> SealStages.seal(request, ctx));
        }
        assertFalse(Files.exists(LayerFiles.path(request.cacheDir(), 1)));
    }

    @Test
    void oneThreadRunsEveryStageOnTheCallerAlone(@TempDir Path dir) throws IOException {
        Set<Thread> ran = ConcurrentHashMap.newKeySet();
        SealResult one;
        try (WorkerPool pool = WorkerPool.of(1);
             JobContext ctx = JobContext.of(pool, new ThreadRecorder(new CpuKernels(pool), ran),
                     (task, done, total) -> ran.add(Thread.currentThread()), CancellationToken.create(), dir)) {
            one = SealStages.seal(request(dir.resolve("one"), 2), ctx);
        }
        assertEquals(Set.of(Thread.currentThread()), ran, "threads that ran kernels or reported progress");

        Set<Thread> two = ConcurrentHashMap.newKeySet();
        SealResult other;
        try (WorkerPool pool = WorkerPool.of(2);
             JobContext ctx = JobContext.of(pool, new ThreadRecorder(new CpuKernels(pool), two),
                     (task, done, total) -> two.add(Thread.currentThread()), CancellationToken.create(), dir)) {
            other = SealStages.seal(request(dir.resolve("two"), 2), ctx);
        }
        assertTrue(two.size() <= 2, "a budget of 2 used " + two.size() + " threads: " + two);
        // the thread budget never changes the answer
        assertEquals(one.commR(), other.commR(), "seed " + seed);
        assertEquals(one.commD(), other.commD(), "seed " + seed);
    }

    @Test
    void unusableOutputPathsAreRefusedBeforeAnyWork(@TempDir Path dir) throws IOException {
        Path aFile = Files.writeString(dir.resolve("a-file"), "x");
        Path aDir = Files.createDirectories(dir.resolve("a-dir"));
        SealRequest good = request(dir.resolve("job"), 2);
        List<SealRequest> bad = List.of(
                with(good, good.cacheDir(), aDir, good.parentCacheDir(), good.c1Output()),
                with(good, good.cacheDir(), aFile.resolve("sealed"), good.parentCacheDir(), good.c1Output()),
                with(good, good.cacheDir(), good.replica(), aFile, good.c1Output()),
                with(good, good.cacheDir(), good.replica(), good.parentCacheDir(), aFile.resolve("c1.json")),
                with(good, aFile.resolve("cache"), good.replica(), good.parentCacheDir(), good.c1Output()));
        List<String> fields = List.of("out", "out", "parent-cache", "c1-out", "cache");
        for (int i = 0; i < bad.size(); i++) {
            SealRequest r = bad.get(i);
            try (JobContext ctx = JobContext.of(WorkerPool.of(1), new CpuKernels(WorkerPool.of(1)), null, null, dir)) {
                PreconditionException e = assertThrows(PreconditionException.class, () -> SealStages.seal(r, ctx));
                assertEquals(fields.get(i), e.field(), e.getMessage());
            }
            assertFalse(Files.exists(good.cacheDir()), "case " + i + ": the cache directory was created");
        }
    }

    @Test
    void aProofIdOfAnotherSectorSizeIsRefused(@TempDir Path dir) throws IOException {
        SealRequest good = request(dir, 2);
        RegisteredSealProof other = RegisteredSealProof.STACKED_DRG_32GIB_V1_1;
        SealRequest r = new SealRequest(SIZE, other, good.data(), identity(other), good.seed(), 2, good.cacheDir(),
                good.replica(), good.parentCacheDir(), good.c1Output());
        try (JobContext ctx = JobContext.of(WorkerPool.of(1), new CpuKernels(WorkerPool.of(1)), null, null, dir)) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> SealStages.seal(r, ctx));
            assertEquals("porep-id", e.field());
        }
    }

    @Test
    void commit1AloneReadsTheSealedSectorAndWritesWhatSealWrote(@TempDir Path dir) throws IOException {
        SealRequest request = request(dir, 2);
        try (WorkerPool pool = WorkerPool.of(2);
             JobContext ctx = JobContext.of(pool, new CpuKernels(pool), null, null, dir)) {
            SealStages.seal(request, ctx);
            Path again = dir.resolve("c1-again.json");
            SealRequest c1Only = with(request, request.cacheDir(), request.replica(), request.parentCacheDir(), again);
            io.filprover.proofs.porep.Commit1.Output out = SealStages.commit1(c1Only, ctx);
            assertEquals(PROOF.partitions(), out.partitions().size());
            // the same sector, identity and seed: the same verified C1 output, byte for byte
            assertEquals(Files.readString(request.c1Output()), Files.readString(again), "seed " + seed);

            SealRequest noCache = with(request, dir.resolve("no-cache"), request.replica(), request.parentCacheDir(),
                    dir.resolve("c1-none.json"));
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> SealStages.commit1(noCache, ctx));
            assertEquals("cache", e.field());
            assertFalse(Files.exists(dir.resolve("c1-none.json")));
        }
    }

    @Test
    void everyStageRecordsItsPhasesInOrderAndSealRecordsThemAll(@TempDir Path dir) throws IOException {
        List<String> pc1 = List.of("data_padding", "tree_d", "parent_cache", "labeling");
        List<String> pc2 = List.of("tree_c", "tree_r_last");
        List<String> c1 = List.of("vanilla_proofs", "verification", "write_output");
        SealRequest request = request(dir.resolve("stages"), 2);

        JobContext ctx = TestJobs.context(TestJobs.CPU, 2, null); // a fresh context: its own recorder
        long t0 = System.nanoTime();
        SealStages.preCommit1(request, ctx);
        assertStages(pc1, ctx, System.nanoTime() - t0);

        ctx = TestJobs.context(TestJobs.CPU, 2, null);
        t0 = System.nanoTime();
        SealStages.preCommit2(SIZE, 2, request.cacheDir(), request.replica(), ctx);
        assertStages(pc2, ctx, System.nanoTime() - t0);

        ctx = TestJobs.context(TestJobs.CPU, 2, null);
        t0 = System.nanoTime();
        SealStages.commit1(request, ctx);
        assertStages(c1, ctx, System.nanoTime() - t0);

        ctx = TestJobs.context(TestJobs.CPU, 2, null);
        t0 = System.nanoTime();
        SealStages.seal(request(dir.resolve("seal"), 2), ctx);
        List<String> all = new java.util.ArrayList<>(pc1);
        all.addAll(pc2);
        all.addAll(c1);
        assertStages(all, ctx, System.nanoTime() - t0);
        // one span per stage: the labeling of both layers is one entry
        ctx.stageTimes().stages().forEach(s -> assertEquals(1, s.count(), s.toString()));
    }

    /** The context recorded exactly {@code names}, in order, and their sum is within the wall time of the call. */
    private static void assertStages(List<String> names, JobContext ctx, long wallNanos) {
        List<StageTimes.Stage> stages = ctx.stageTimes().stages();
        assertEquals(names, stages.stream().map(StageTimes.Stage::name).toList());
        long sum = stages.stream().mapToLong(StageTimes.Stage::nanos).sum();
        assertTrue(sum <= wallNanos, "stages " + stages + " sum to more than the call's " + wallNanos + " ns");
    }

    private SealRequest request(Path dir, int layers) {
        try {
            Files.createDirectories(dir);
            Path piece = Files.write(dir.resolve("piece"), data);
            return new SealRequest(SIZE, PROOF, piece, identity(PROOF), seedBytes, layers, dir.resolve("cache"),
                    dir.resolve("sealed"), dir.resolve("parents"), dir.resolve("c1.json"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private PreCommit1.SectorIdentity identity(RegisteredSealProof p) {
        byte[] prover = new byte[32];
        byte[] ticket = new byte[32];
        new Random(seed + 1).nextBytes(prover);
        new Random(seed + 2).nextBytes(ticket);
        ticket[31] &= 0x3f;
        return new PreCommit1.SectorIdentity(prover, 7, ticket, p.porepId(), p.apiVersion());
    }

    private static SealRequest with(SealRequest r, Path cache, Path replica, Path parents, Path c1) {
        return new SealRequest(r.sectorSize(), r.proof(), r.data(), r.id(), r.seed(), r.layers(), cache, replica, parents, c1);
    }

    /** Records which threads call the kernels. */
    private static final class ThreadRecorder implements Kernels {
        private final Kernels k;
        private final Set<Thread> ran;

        ThreadRecorder(Kernels k, Set<Thread> ran) {
            this.k = k;
            this.ran = ran;
        }

        private void note() {
            ran.add(Thread.currentThread());
        }

        @Override
        public String backendName() {
            return k.backendName();
        }

        @Override
        public void sha256Trunc254Pairs(byte[] in, int inOff, byte[] out, int outOff, int count) {
            note();
            k.sha256Trunc254Pairs(in, inOff, out, outOff, count);
        }

        @Override
        public void poseidonHashBatch(int arity, long[] in, int inOff, long[] out, int outOff, int count) {
            note();
            k.poseidonHashBatch(arity, in, inOff, out, outOff, count);
        }

        @Override
        public void nttFr(long[] a, int off, int logN) {
            note();
            k.nttFr(a, off, logN);
        }

        @Override
        public void inttFr(long[] a, int off, int logN) {
            note();
            k.inttFr(a, off, logN);
        }

        @Override
        public void cosetNttFr(long[] a, int off, int logN) {
            note();
            k.cosetNttFr(a, off, logN);
        }

        @Override
        public void icosetNttFr(long[] a, int off, int logN) {
            note();
            k.icosetNttFr(a, off, logN);
        }

        @Override
        public void quotientFr(long[] a, long[] b, long[] c, int logN) {
            note();
            k.quotientFr(a, b, c, logN);
        }

        @Override
        public void msmG1(long[] bases, int basesOff, long[] scalars, int scalarsOff, int count, long[] density,
                          long[] out, int outOff) {
            note();
            k.msmG1(bases, basesOff, scalars, scalarsOff, count, density, out, outOff);
        }

        @Override
        public void msmG2(long[] bases, int basesOff, long[] scalars, int scalarsOff, int count, long[] density,
                          long[] out, int outOff) {
            note();
            k.msmG2(bases, basesOff, scalars, scalarsOff, count, density, out, outOff);
        }

        @Override
        public MsmBases prepareMsmBasesG1(long[] bases, int basesOff, int count) {
            note();
            return k.prepareMsmBasesG1(bases, basesOff, count);
        }

        @Override
        public MsmBases prepareMsmBasesG2(long[] bases, int basesOff, int count) {
            note();
            return k.prepareMsmBasesG2(bases, basesOff, count);
        }

        @Override
        public void msmG1(MsmBases bases, int baseStart, long[] scalars, int scalarsOff, int count,
                          long[] density, long[] out, int outOff) {
            note();
            k.msmG1(bases, baseStart, scalars, scalarsOff, count, density, out, outOff);
        }

        @Override
        public void msmG2(MsmBases bases, int baseStart, long[] scalars, int scalarsOff, int count,
                          long[] density, long[] out, int outOff) {
            note();
            k.msmG2(bases, baseStart, scalars, scalarsOff, count, density, out, outOff);
        }
    }
}
