package io.filprover.proofs.sdr;

import io.filprover.proofs.TestJobs;
import io.filprover.api.job.ProgressSink;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.filprover.api.ApiVersion;
import io.filprover.api.Hex;
import io.filprover.api.RegisteredSealProof;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SdrLabelerTest {
    @TempDir
    Path dir;

    private ParentCache cacheFor(SdrGraph g) throws IOException {
        return ParentCache.obtain(g, dir.resolve("parents"), TestJobs.pool(2), false, ProgressSink.NONE);
    }

    /** The single-thread labeler, or the one with a parent-gathering thread: both must give the same labels. */
    private static SdrLabeler labeler(ParentCache pc, int layers, boolean pipelined) {
        SdrLabeler l = pipelined ? new SdrLabeler(pc, layers, TestJobs.pool(2), io.filprover.api.job.ProgressSink.NONE) : new SdrLabeler(pc, layers);
        return pipelined ? l.withParentProducer() : l;
    }

    private static byte[] node(Path layerFile, long v) throws IOException {
        byte[] all = Files.readAllBytes(layerFile);
        return Arrays.copyOfRange(all, (int) (32 * v), (int) (32 * v + 32));
    }

    @ParameterizedTest(name = "parent producer {0}")
    @ValueSource(booleans = {false, true})
    void upstreamLastLayerLabels(boolean pipelined) throws IOException {
        // TV-LABEL (test resource sdr/tv-label.txt): upstream test_stacked_porep_generate_labels, 11 layers
        byte[] replicaId = new byte[32];
        Arrays.fill(replicaId, (byte) 9);
        int n = 0;
        for (String[] r : TestVectors.rows("tv-label.txt")) {
            if (r[0].equals("mid")) {
                continue;
            }
            long nodes = Long.parseLong(r[0]);
            byte[] porepId = new byte[32];
            Arrays.fill(porepId, (byte) Integer.parseInt(r[1], 16));
            SdrGraph g = new SdrGraph(nodes, porepId, ApiVersion.parse(r[2]));
            Path out = dir.resolve("label-" + n);
            List<Path> files = labeler(cacheFor(g), 11, pipelined).label(replicaId, out);
            assertEquals(11, files.size());
            assertEquals(r[3], Hex.encode(node(files.get(10), nodes - 1)), String.join(" ", r));
            if (nodes == 64 && r[1].equals("7b") && r[2].equals("1.1.0")) {
                // derived intermediate values of TV-LABEL
                for (String[] m : TestVectors.rows("tv-label.txt")) {
                    if (m[0].equals("mid")) {
                        int layer = Integer.parseInt(m[1]);
                        assertEquals(m[3], Hex.encode(node(files.get(layer - 1), Long.parseLong(m[2]))), "layer " + layer);
                    }
                }
            }
            n++;
        }
        assertEquals(6, n);
    }

    @ParameterizedTest(name = "parent producer {0}")
    @ValueSource(booleans = {false, true})
    void tvSealLabels(boolean pipelined) throws IOException {
        // TV-SEAL (test resource sdr/tv-seal-labels.txt): porep_id(5), 2 layers, replica_id from the vector
        int n = 0;
        for (String[] r : TestVectors.rows("tv-seal-labels.txt")) {
            long nodes = Long.parseLong(r[0]) / 32;
            SdrGraph g = new SdrGraph(nodes, RegisteredSealProof.porepIdOf(5), ApiVersion.V1_1_0);
            List<Path> files = labeler(cacheFor(g), 2, pipelined).label(Hex.decode(r[3], "replica_id"),
                    dir.resolve("seal-" + n));
            String what = r[0] + " " + r[1];
            assertEquals(r[4], Hex.encode(node(files.get(0), 0)), what + " label_l1_n0");
            assertEquals(r[5], Hex.encode(node(files.get(0), 1)), what + " label_l1_n1");
            assertEquals(r[6], Hex.encode(node(files.get(1), nodes - 1)), what + " last_label");
            n++;
        }
        assertEquals(8, n);
    }

    /** Straight from docs/spec/filecoin-porep-post.md §7: explicit 37-value list, in memory, parents from the graph (no cache). */
    private static byte[][][] referenceLabels(SdrGraph g, byte[] replicaId, int layers) throws Exception {
        byte[][][] labels = new byte[layers][][];
        for (int l = 1; l <= layers; l++) {
            labels[l - 1] = referenceLayer(g, replicaId, l, l == 1 ? null : labels[l - 2]);
        }
        return labels;
    }

    private static byte[][] referenceLayer(SdrGraph g, byte[] replicaId, int l, byte[][] prev) throws Exception {
        int nodes = (int) g.nodes();
        byte[][] cur = new byte[nodes][];
        for (int v = 0; v < nodes; v++) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] prefix = new byte[64];
            System.arraycopy(replicaId, 0, prefix, 0, 32);
            prefix[35] = (byte) l;
            prefix[42] = (byte) (v >>> 8);
            prefix[43] = (byte) v;
            md.update(prefix);
            if (v > 0) {
                int[] p = g.parents(v);
                List<byte[]> vals = new ArrayList<>();
                for (int k = 0; k < 6; k++) {
                    vals.add(cur[p[k]]);
                }
                if (l > 1) {
                    for (int k = 6; k < 14; k++) {
                        vals.add(prev[p[k]]);
                    }
                }
                for (int i = 0; i < 37; i++) {
                    md.update(vals.get(i % vals.size()));
                }
            }
            byte[] d = md.digest();
            d[31] &= 0x3f;
            cur[v] = d;
        }
        return cur;
    }

    @ParameterizedTest(name = "parent producer {0}")
    @ValueSource(booleans = {false, true})
    void matchesInMemoryReferenceOnRandomInputs(boolean pipelined) throws Exception {
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        for (ApiVersion api : ApiVersion.values()) {
            byte[] porepId = new byte[32];
            byte[] replicaId = new byte[32];
            rnd.nextBytes(porepId);
            rnd.nextBytes(replicaId);
            replicaId[31] &= 0x3f;
            SdrGraph g = new SdrGraph(256, porepId, api);
            byte[][][] expected = referenceLabels(g, replicaId, 3);
            List<Path> files = labeler(cacheFor(g), 3, pipelined).label(replicaId, dir.resolve("ref-" + api));
            LabelLayers mapped = LabelLayers.open(dir.resolve("ref-" + api), 3, 256);
            for (int l = 0; l < 3; l++) {
                byte[] all = Files.readAllBytes(files.get(l));
                long v0 = rnd.nextInt(256);
                assertArrayEquals(expected[l][(int) v0], mapped.label(l + 1, v0), "seed " + seed);
                assertEquals(256 * 32, all.length);
                for (int v = 0; v < 256; v++) {
                    assertArrayEquals(expected[l][v], Arrays.copyOfRange(all, 32 * v, 32 * v + 32),
                            "seed " + seed + " api " + api + " layer " + (l + 1) + " node " + v);
                }
            }
        }
    }

    @Test
    void multiSectorEqualsSingleSectorRuns() throws IOException {
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        byte[] porepId = new byte[32];
        rnd.nextBytes(porepId);
        // 2 batches of BATCH_NODES, so batch boundaries are crossed
        SdrGraph g = new SdrGraph(2L * SdrLabeler.BATCH_NODES, porepId, ApiVersion.V1_1_0);
        ParentCache pc = cacheFor(g);
        List<byte[]> ids = new ArrayList<>();
        List<Path> dirs = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            byte[] id = new byte[32];
            rnd.nextBytes(id);
            ids.add(id);
            dirs.add(dir.resolve("multi-" + s));
        }
        AtomicLong calls = new AtomicLong();
        List<List<Path>> multi = new SdrLabeler(pc, 2, TestJobs.pool(2), (t, d, n) -> {
            assertTrue(d > 0 && d <= n && t.startsWith("layer "));
            calls.incrementAndGet();
        }).labelAll(ids, dirs);
        assertEquals(4, calls.get(), "one progress call per batch and layer");
        for (int s = 0; s < 3; s++) {
            List<Path> single = new SdrLabeler(pc, 2).label(ids.get(s), dir.resolve("single-" + s));
            for (int l = 0; l < 2; l++) {
                assertEquals(LayerFiles.name(l + 1), multi.get(s).get(l).getFileName().toString());
                assertArrayEquals(Files.readAllBytes(single.get(l)), Files.readAllBytes(multi.get(s).get(l)),
                        "seed " + seed + " sector " + s + " layer " + (l + 1));
            }
            try (Stream<Path> files = Files.list(dirs.get(s))) {
                assertEquals(2, files.count(), "only the two layer files, no temporaries");
            }
        }
    }

    @Test
    void resumeReusesAPrefixOfExistingLayers() throws Exception {
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        byte[] porepId = new byte[32];
        byte[] replicaId = new byte[32];
        rnd.nextBytes(porepId);
        rnd.nextBytes(replicaId);
        SdrGraph g = new SdrGraph(128, porepId, ApiVersion.V1_1_0);
        ParentCache pc = cacheFor(g);
        Path out = dir.resolve("resume");
        List<Path> files = new SdrLabeler(pc, 3).label(replicaId, out);
        byte[] layer3 = Files.readAllBytes(files.get(2));
        // drop layer 3 and alter layer 2: a resumed run must keep layer 2 as found and rebuild layer 3 from it
        Files.delete(files.get(2));
        byte[] layer2 = Files.readAllBytes(files.get(1));
        layer2[5] ^= 1;
        Files.write(files.get(1), layer2);
        Files.write(out.resolve(LayerFiles.name(3) + ".tmp"), new byte[7]); // a leftover partial file
        List<Path> resumed = new SdrLabeler(pc, 3).resumingExistingLayers().label(replicaId, out);
        assertArrayEquals(layer2, Files.readAllBytes(resumed.get(1)), "seed " + seed);
        assertTrue(!Arrays.equals(layer3, Files.readAllBytes(resumed.get(2))), "layer 3 rebuilt from the kept layer 2");
        // the rebuilt layer 3 is what the reference computes from the altered layer 2
        byte[][] altered = new byte[128][];
        for (int v = 0; v < 128; v++) {
            altered[v] = Arrays.copyOfRange(layer2, 32 * v, 32 * v + 32);
        }
        byte[][] expected3 = referenceLayer(g, replicaId, 3, altered);
        byte[] got3 = Files.readAllBytes(resumed.get(2));
        for (int v = 0; v < 128; v++) {
            assertArrayEquals(expected3[v], Arrays.copyOfRange(got3, 32 * v, 32 * v + 32), "seed " + seed + " node " + v);
        }
        // without resume everything is recomputed and layer 3 is back to the original
        List<Path> fresh = new SdrLabeler(pc, 3).label(replicaId, out);
        assertArrayEquals(layer3, Files.readAllBytes(fresh.get(2)), "seed " + seed);
        try (Stream<Path> s = Files.list(out)) {
            assertEquals(3, s.count(), "no temporaries left, seed " + seed);
        }
    }

    @Test
    @Timeout(120) // a hand-over that never comes must fail the test, not hang the build
    void parentProducerEqualsSingleThreadOnLargerGraphs() throws IOException {
        // several batches of parents, 32 turns of the ring, and both threads waiting on each other
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        byte[] porepId = new byte[32];
        rnd.nextBytes(porepId);
        long nodes = 4L * SdrLabeler.BATCH_NODES;
        SdrGraph g = new SdrGraph(nodes, porepId, ApiVersion.V1_1_0);
        ParentCache pc = cacheFor(g);
        List<byte[]> ids = new ArrayList<>();
        List<Path> dirs = new ArrayList<>();
        for (int s = 0; s < 2; s++) {
            byte[] id = new byte[32];
            rnd.nextBytes(id);
            id[31] &= 0x3f;
            ids.add(id);
            dirs.add(dir.resolve("pipelined-" + s));
        }
        List<Long> progress = new ArrayList<>();
        List<List<Path>> piped = new SdrLabeler(pc, 3, TestJobs.pool(2), (t, d, n) -> {
            synchronized (progress) {
                progress.add(d);
            }
        }).withParentProducer().labelAll(ids, dirs);
        List<Long> expected = new ArrayList<>();
        for (int l = 0; l < 3; l++) {
            for (long d = SdrLabeler.BATCH_NODES; d <= nodes; d += SdrLabeler.BATCH_NODES) {
                expected.add(d);
            }
        }
        assertEquals(expected, progress, "progress of the first sector, once per batch of nodes");
        for (int s = 0; s < 2; s++) {
            List<Path> single = new SdrLabeler(pc, 3).label(ids.get(s), dir.resolve("plain-" + s));
            for (int l = 0; l < 3; l++) {
                assertArrayEquals(Files.readAllBytes(single.get(l)), Files.readAllBytes(piped.get(s).get(l)),
                        "seed " + seed + " sector " + s + " layer " + (l + 1));
            }
            try (Stream<Path> files = Files.list(dirs.get(s))) {
                assertEquals(3, files.count(), "only the layer files, no temporaries");
            }
        }
    }

    @Test
    @Timeout(120) // a hand-over that never comes must fail the test, not hang the build
    void parentProducerFailureStopsTheLayerAndLeavesNoPartialFile() throws IOException {
        // a parent cache with one expander parent out of range: the producer's read fails in layer 2
        SdrGraph g = new SdrGraph(4096, RegisteredSealProof.porepIdOf(5), ApiVersion.V1_1_0);
        byte[] bytes = Files.readAllBytes(cacheFor(g).path());
        int at = 3000 * ParentCache.NODE_BYTES + 4 * (SdrGraph.BASE_DEGREE + 2);
        bytes[at + 3] = 0x7f;
        Path bad = dir.resolve("bad.cache");
        Files.write(bad, bytes);
        Path out = dir.resolve("broken");
        byte[] replicaId = new byte[32];
        replicaId[0] = 1;
        SdrLabeler labeler = new SdrLabeler(ParentCache.open(bad, g.nodes()), 2, TestJobs.pool(2), io.filprover.api.job.ProgressSink.NONE).withParentProducer();
        org.junit.jupiter.api.Assertions.assertThrows(IndexOutOfBoundsException.class, () -> labeler.label(replicaId, out));
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(List.of(LayerFiles.name(1)), files.map(f -> f.getFileName().toString()).toList(),
                    "layer 1 finished; nothing of layer 2 left behind");
        }
    }
}
