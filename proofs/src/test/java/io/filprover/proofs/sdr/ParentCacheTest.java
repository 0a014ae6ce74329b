package io.filprover.proofs.sdr;

import io.filprover.proofs.TestJobs;
import io.filprover.api.job.ProgressSink;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.filprover.api.ApiVersion;
import io.filprover.api.RegisteredSealProof;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParentCacheTest {
    /** The shared build machine has 2 cores. */
    private static final int THREADS = 2;

    @TempDir
    Path dir;

    private static SdrGraph graphFor(long sectorSize, long id) {
        // ids 0..4 are ApiVersion 1.0.0, 5..9 1.1.0, 10..19 1.2.0 (docs/spec/filecoin-porep-post.md §4.4)
        ApiVersion v = id < 5 ? ApiVersion.V1_0_0 : id < 10 ? ApiVersion.V1_1_0 : ApiVersion.V1_2_0;
        return new SdrGraph(sectorSize / 32, RegisteredSealProof.porepIdOf(id), v);
    }

    @Test
    void fileNamesMatchTvPcache() {
        // TV-PCACHE: all 10 parent_cache.json keys and the derived Synthetic/NI names (two 32 GiB rows corrected,
        // see the ERRATUM comments in sdr/tv-pcache.txt; the corrections come from an independent Python computation)
        List<String[]> rows = TestVectors.rows("tv-pcache.txt");
        assertEquals(22, rows.size());
        for (String[] r : rows) {
            SdrGraph g = graphFor(Long.parseLong(r[1]), Long.parseLong(r[2]));
            assertEquals(r[0], ParentCache.fileName(g), "size " + r[1] + " id " + r[2]);
        }
    }

    @Test
    void bundledManifestHasEveryTvPcacheDigest() {
        // TV-PCACHE digests vs the bundled copy of upstream parent_cache.json
        Map<String, ParentCacheManifest.Entry> m = ParentCacheManifest.entries();
        int n = 0;
        for (String[] r : TestVectors.rows("tv-pcache.txt")) {
            if (r[3].equals("-")) {
                assertFalse(ParentCacheManifest.lookup(r[0]).isPresent(), r[0]);
                continue;
            }
            ParentCacheManifest.Entry e = ParentCacheManifest.lookup(r[0]).orElseThrow();
            assertEquals(r[3], e.digest(), r[0]);
            assertEquals(Long.parseLong(r[1]), e.sectorSize(), r[0]);
            n++;
        }
        assertEquals(10, n);
        assertEquals(10, m.size());
    }

    private void checkGeneratedDigest(long sectorSize, long id) throws IOException {
        SdrGraph g = graphFor(sectorSize, id);
        String name = ParentCache.fileName(g);
        String expected = TestVectors.rows("tv-pcache.txt").stream().filter(r -> r[0].equals(name))
                .findFirst().orElseThrow()[3];
        Path file = dir.resolve(name);
        // TV-PCACHE digest (upstream parent_cache.json)
        assertEquals(expected, ParentCacheGenerator.generate(g, file, TestJobs.pool(THREADS), ProgressSink.NONE));
        assertEquals(sectorSize / 32 * 56, Files.size(file));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(1, s.count(), "no temporary file left behind");
        }
        // the memory-mapped reader returns what the graph computes
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        ParentCache pc = ParentCache.open(file, g.nodes());
        for (int i = 0; i < 200; i++) {
            long v = i < 2 ? i * (g.nodes() - 1) : (rnd.nextLong() >>> 1) % g.nodes();
            assertArrayEquals(g.parents(v), pc.parents(v), "seed " + seed + " v " + v);
        }
    }

    @Test
    void generates2KiBLegacy() throws IOException {
        checkGeneratedDigest(2048, 0);
    }

    @Test
    void generates2KiBV11() throws IOException {
        checkGeneratedDigest(2048, 5);
    }

    @Test
    void generates8MiBLegacy() throws IOException {
        checkGeneratedDigest(8L << 20, 1);
    }

    @Test
    void generates8MiBV11() throws IOException {
        checkGeneratedDigest(8L << 20, 6);
    }

    @Test
    @Tag("slow")
    void generates512MiBLegacy() throws IOException {
        checkGeneratedDigest(512L << 20, 2);
    }

    @Test
    @Tag("slow")
    void generates512MiBV11() throws IOException {
        checkGeneratedDigest(512L << 20, 7);
    }

    @Test
    void bulkParentsEqualPerNodeParentsAcrossMappings() throws IOException {
        // 64 KiB sector, 2,048 nodes; 100 records per mapping so that ranges cross mapping boundaries
        SdrGraph g = graphFor(64 << 10, 7);
        Path file = dir.resolve("bulk.cache");
        ParentCacheGenerator.generate(g, file, TestJobs.pool(THREADS), ProgressSink.NONE);
        ParentCache small = ParentCache.open(file, g.nodes(), 100);
        ParentCache big = ParentCache.open(file, g.nodes());
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        for (int t = 0; t < 200; t++) {
            int count = t == 0 ? (int) g.nodes() : rnd.nextInt(t < 100 ? 16 : 400);
            long first = t == 0 ? 0 : rnd.nextInt((int) g.nodes() - count + 1);
            int[] bulk = new int[count * SdrGraph.DEGREE];
            small.parents(first, count, bulk);
            int[] whole = new int[bulk.length];
            big.parents(first, count, whole);
            for (int i = 0; i < count; i++) {
                // independent: the graph computes the parents itself
                int[] expected = g.parents(first + i);
                int[] got = java.util.Arrays.copyOfRange(bulk, i * SdrGraph.DEGREE, (i + 1) * SdrGraph.DEGREE);
                assertArrayEquals(expected, got, "seed " + seed + " node " + (first + i));
            }
            assertArrayEquals(bulk, whole, "seed " + seed);
        }
        assertThrows(IllegalArgumentException.class, () -> small.parents(g.nodes() - 3, 4, new int[56]));
        assertThrows(IllegalArgumentException.class, () -> small.parents(-1, 1, new int[14]));
    }

    @Test
    void threadCountDoesNotChangeTheFile() throws IOException {
        // a graph not in the manifest (random porep id, 16 KiB), generated with 1 and 3 threads
        long seed = System.nanoTime();
        byte[] porepId = new byte[32];
        new Random(seed).nextBytes(porepId);
        SdrGraph g = new SdrGraph(1L << 15, porepId, ApiVersion.V1_2_0); // 2 blocks of BLOCK_NODES
        String d1 = ParentCacheGenerator.generate(g, dir.resolve("a.cache"), TestJobs.pool(1), ProgressSink.NONE);
        String d3 = ParentCacheGenerator.generate(g, dir.resolve("b.cache"), TestJobs.pool(3), ProgressSink.NONE);
        assertEquals(d1, d3, "seed " + seed);
        assertArrayEquals(Files.readAllBytes(dir.resolve("a.cache")), Files.readAllBytes(dir.resolve("b.cache")));
    }

    @Test
    void obtainGeneratesOnceThenVerifiesAndDetectsCorruption() throws IOException {
        SdrGraph g = graphFor(2048, 5);
        long[] calls = new long[1];
        ParentCache first = ParentCache.obtain(g, dir, TestJobs.pool(THREADS), true, (t, d, n) -> calls[0]++);
        assertTrue(calls[0] > 0);
        assertEquals(dir.resolve(ParentCache.fileName(g)), first.path());
        long before = calls[0];
        ParentCache again = ParentCache.obtain(g, dir, TestJobs.pool(THREADS), true, (t, d, n) -> calls[0]++);
        assertEquals(before, calls[0], "an existing cache is not regenerated");
        assertArrayEquals(first.parents(63), again.parents(63));
        try (RandomAccessFile f = new RandomAccessFile(first.path().toFile(), "rw")) {
            f.seek(100);
            int b = f.read();
            f.seek(100);
            f.write(b ^ 1);
        }
        assertThrows(IOException.class, () -> ParentCache.obtain(g, dir, TestJobs.pool(THREADS), true, ProgressSink.NONE));
        // a truncated file is rejected on open
        try (RandomAccessFile f = new RandomAccessFile(first.path().toFile(), "rw")) {
            f.setLength(56 * 63);
        }
        assertThrows(IOException.class, () -> ParentCache.open(first.path(), g.nodes()));
    }
}
