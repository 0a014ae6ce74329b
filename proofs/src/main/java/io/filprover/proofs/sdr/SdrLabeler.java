package io.filprover.proofs.sdr;

import io.filprover.api.job.CancellationToken;
import io.filprover.api.job.ProgressSink;
import io.filprover.api.job.WorkerPool;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * PC1 labeling (docs/spec/filecoin-porep-post.md §7): computes all layers of one or several
 * sectors that share a graph, writing {@code sc-02-data-layer-<l>.dat} (N × 32 bytes) into each
 * sector's cache directory. Labels are written through a read-write mapping of a temporary file
 * that is renamed when the layer is complete; base parents are read back from the current layer's
 * mapping, expander parents from the previous layer's.
 *
 * <p>Several sectors are labeled in one pass over the parent cache: parents are read once per batch
 * of nodes and the sectors of the batch are labeled in parallel on the job's pool (labels of one
 * sector are inherently sequential).
 *
 * <p>{@link #withParentProducer()} gives each sector a second thread, from the pool, that gathers its
 * parents (see {@link PipelinedLayerLabeler}): two threads per sector, for a hashing thread that no
 * longer waits on memory; sectors are then labeled in turn.
 *
 * <p>The cancellation token is checked at every layer boundary: a cancelled labeling stops before its
 * next layer, keeps the layers it finished and leaves no partial layer file.
 */
public final class SdrLabeler {
    /** Nodes per batch of parents shared between sectors. */
    static final int BATCH_NODES = 1 << 12;
    /** How many nodes ahead the parents' cache lines are pulled in. */
    private static final int PREFETCH_DISTANCE = 8;
    /** Nodes whose parents are pulled in together, once every this many nodes. */
    private static final int TOUCH_GROUP = 4;
    /** Base parents at most this many nodes back were written moments ago and are still cached. */
    private static final int NEAR_NODES = 2048;
    private static final long CHUNK_BYTES = 1L << 30;
    private static final int NODE = 32;

    private final ParentCache parents;
    private final int layers;
    private final WorkerPool pool;
    private final ProgressSink listener;
    private final CancellationToken cancellation;
    private final boolean resume;
    private final boolean parentProducer;

    /**
     * @param pool     the threads sectors are labeled on (at most one per sector is useful)
     * @param listener called after each batch of nodes with {@code task = "layer <l>"}
     */
    public SdrLabeler(ParentCache parents, int layers, WorkerPool pool, ProgressSink listener) {
        this(parents, layers, pool, listener, CancellationToken.create(), false, false);
    }

    /** As above, stopping at the next layer boundary once {@code cancellation} is cancelled. */
    public SdrLabeler(ParentCache parents, int layers, WorkerPool pool, ProgressSink listener,
                      CancellationToken cancellation) {
        this(parents, layers, pool, listener, cancellation, false, false);
    }

    private SdrLabeler(ParentCache parents, int layers, WorkerPool pool, ProgressSink listener,
                       CancellationToken cancellation, boolean resume, boolean parentProducer) {
        if (layers < 1) {
            throw new IllegalArgumentException("layers must be >= 1");
        }
        this.parents = parents;
        this.layers = layers;
        this.pool = pool;
        this.listener = listener;
        this.cancellation = cancellation;
        this.resume = resume;
        this.parentProducer = parentProducer;
    }

    /**
     * A labeler that keeps layer files already present with the right size (as upstream's
     * {@code prepare_layers} does after an interrupted PC1), as long as they form a prefix
     * 1..k in every sector directory; later layers are recomputed.
     */
    public SdrLabeler resumingExistingLayers() {
        return new SdrLabeler(parents, layers, pool, listener, cancellation, true, parentProducer);
    }

    /**
     * A labeler that runs one parent-gathering thread beside each sector's hashing thread (upstream's
     * {@code FIL_PROOFS_USE_MULTICORE_SDR} with one producer). Same labels; worth it when a spare
     * core per sector exists. Needs a pool of at least two threads.
     */
    public SdrLabeler withParentProducer() {
        if (pool.threads() < 2) {
            throw new IllegalStateException("a parent producer needs a pool of at least 2 threads, got " + pool);
        }
        return new SdrLabeler(parents, layers, pool, listener, cancellation, resume, true);
    }

    /** Whether each sector gets a parent-gathering thread ({@link #withParentProducer()}). */
    public boolean hasParentProducer() {
        return parentProducer;
    }

    /** How the labeler runs, for reports: "hashing thread + parent producer" or "one thread" per sector. */
    public String mode() {
        return parentProducer ? "hashing thread + parent producer" : "one thread";
    }

    public SdrLabeler(ParentCache parents, int layers) {
        this(parents, layers, WorkerPool.of(1), ProgressSink.NONE);
    }

    /** Labels one sector; returns the layer files, layer 1 first. */
    public List<Path> label(byte[] replicaId, Path cacheDir) throws IOException {
        return labelAll(List.of(replicaId), List.of(cacheDir)).get(0);
    }

    /** Labels several sectors (same graph) in one pass over the parent cache. */
    public List<List<Path>> labelAll(List<byte[]> replicaIds, List<Path> cacheDirs) throws IOException {
        if (replicaIds.size() != cacheDirs.size() || replicaIds.isEmpty()) {
            throw new IllegalArgumentException("need one cache directory per replica id");
        }
        int sectors = replicaIds.size();
        List<SectorState> states = new ArrayList<>();
        for (int s = 0; s < sectors; s++) {
            Files.createDirectories(cacheDirs.get(s));
            states.add(new SectorState(replicaIds.get(s), cacheDirs.get(s)));
        }
        try {
            boolean reusing = resume;
            for (int layer = 1; layer <= layers; layer++) {
                cancellation.check();
                reusing = reusing && allWritten(layer, states);
                if (reusing) {
                    for (SectorState st : states) {
                        st.reuseLayer(layer, parents.nodes());
                    }
                    listener.progress("layer " + layer, parents.nodes(), parents.nodes());
                } else {
                    labelLayer(layer, states);
                }
            }
        } finally {
            for (SectorState st : states) {
                st.cleanupTemp();
            }
        }
        List<List<Path>> out = new ArrayList<>();
        for (SectorState st : states) {
            out.add(Collections.unmodifiableList(st.layerFiles));
        }
        return out;
    }

    private boolean allWritten(int layer, List<SectorState> states) throws IOException {
        for (SectorState st : states) {
            Path p = LayerFiles.path(st.dir, layer);
            if (!Files.isRegularFile(p) || Files.size(p) != parents.nodes() * NODE) {
                return false;
            }
        }
        return true;
    }

    private void labelLayer(int layer, List<SectorState> states) throws IOException {
        long nodes = parents.nodes();
        for (SectorState st : states) {
            st.beginLayer(layer, nodes);
        }
        if (parentProducer) {
            labelLayerPipelined(layer, states);
        } else {
            labelLayerInBatches(layer, states);
        }
        for (SectorState st : states) {
            st.finishLayer(layer);
        }
    }

    /** Each sector in turn on a hashing thread and a gathering one; progress is reported for the first sector. */
    private void labelLayerPipelined(int layer, List<SectorState> states) throws IOException {
        String task = "layer " + layer;
        for (int s = 0; s < states.size(); s++) {
            states.get(s).labelPipelined(parents, pool, layer, s == 0 ? listener : ProgressSink.NONE, task);
        }
    }

    private void labelLayerInBatches(int layer, List<SectorState> states) throws IOException {
        long nodes = parents.nodes();
        int[] batchParents = new int[BATCH_NODES * SdrGraph.DEGREE];
        String task = "layer " + layer;
        for (long start = 0; start < nodes; start += BATCH_NODES) {
            int count = (int) Math.min(BATCH_NODES, nodes - start);
            // one bulk copy: 18 instead of 26-29 ns per node, measured on an 8 MiB sector
            parents.parents(start, count, batchParents);
            final long batchStart = start;
            forEachSector(states, (s, st) -> st.labelBatch(layer, batchStart, count, batchParents));
            listener.progress(task, start + count, nodes);
        }
    }

    /** Work on one sector (its index and state). */
    private interface SectorWork {
        void run(int sector, SectorState state) throws IOException;
    }

    /** Runs {@code work} for every sector, in parallel on the pool. */
    private void forEachSector(List<SectorState> states, SectorWork work) throws IOException {
        pool.forEach(states.size(), s -> work.run((int) s, states.get((int) s)));
    }

    /** Per-sector mappings and hashing buffers. */
    private static final class SectorState {
        private final NodeLabelHasher hasher;
        private final Path dir;
        private final List<Path> layerFiles = new ArrayList<>();
        private final byte[] label = new byte[NODE];
        private MappedRegion current;
        private MappedRegion previous;
        private Path tmp;
        /** Keeps the prefetching loads alive (never read). */
        private long touchSink;

        SectorState(byte[] replicaId, Path dir) {
            this.hasher = new NodeLabelHasher(replicaId);
            this.dir = dir;
        }

        void beginLayer(int layer, long nodes) throws IOException {
            tmp = dir.resolve(LayerFiles.name(layer) + ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.truncate(0);
                long bytes = nodes * NODE;
                // mapping READ_WRITE grows the file to the mapped size
                current = new MappedRegion(ch, FileChannel.MapMode.READ_WRITE, bytes, CHUNK_BYTES);
            }
        }

        void reuseLayer(int layer, long nodes) throws IOException {
            Path target = LayerFiles.path(dir, layer);
            try (FileChannel ch = FileChannel.open(target, StandardOpenOption.READ)) {
                previous = new MappedRegion(ch, FileChannel.MapMode.READ_ONLY, nodes * NODE, CHUNK_BYTES);
            }
            layerFiles.add(target);
        }

        void labelPipelined(ParentCache parents, WorkerPool pool, int layer, ProgressSink l, String task)
                throws IOException {
            new PipelinedLayerLabeler(parents, hasher, current, previous, layer).run(pool, l, task, BATCH_NODES);
        }

        void labelBatch(int layer, long start, int count, int[] batchParents) {
            byte[] buf = hasher.buffer();
            int parentCount = layer == 1 ? SdrGraph.BASE_DEGREE : SdrGraph.DEGREE;
            long touched = 0;
            for (int i = 0; i < count; i++) {
                long v = start + i;
                if (v != 0) {
                    int p = i * SdrGraph.DEGREE;
                    for (int k = 0; k < SdrGraph.BASE_DEGREE; k++) {
                        current.get32((long) batchParents[p + k] * NODE, buf, NodeLabelHasher.parentSlot(k));
                    }
                    for (int k = SdrGraph.BASE_DEGREE; k < parentCount; k++) {
                        previous.get32((long) batchParents[p + k] * NODE, buf, NodeLabelHasher.parentSlot(k));
                    }
                }
                // just before the hash: its slow dependent chain fills the reorder buffer while the
                // touches are outstanding, where cheap copies would fill it at once and stall
                if (i % TOUCH_GROUP == 0) {
                    int end = Math.min(i + PREFETCH_DISTANCE + TOUCH_GROUP, count);
                    for (int j = i + PREFETCH_DISTANCE; j < end; j++) {
                        touched += touchParents(batchParents, j * SdrGraph.DEGREE, parentCount, start + j);
                    }
                }
                hasher.label(layer, v, v == 0 ? 0 : parentCount, label, 0);
                current.put32(v * NODE, label, 0);
            }
            touchSink += touched;
        }

        /**
         * Reads one word of each far parent of node {@code node} (a few places ahead), so its cache
         * lines arrive while the current nodes are hashed (Java has no prefetch instruction; a plain
         * load does). The touches of {@link #TOUCH_GROUP} nodes are issued together, so their misses
         * overlap, and base parents within {@link #NEAR_NODES} are skipped. Measured against touching
         * every parent of one node per node (interleaved batches in one run, 512 MiB sector on /tmp):
         * layer 1 1,226 -> 1,179 ns/label, layer 2 1,715 -> 1,639 ns/label. Gathering a group's
         * expander parents in a separate pass was slower.
         */
        private long touchParents(int[] batchParents, int p, int parentCount, long node) {
            long t = 0;
            for (int k = 0; k < SdrGraph.BASE_DEGREE; k++) {
                int q = batchParents[p + k];
                if (node - q > NEAR_NODES) {
                    t += current.touch((long) q * NODE);
                }
            }
            for (int k = SdrGraph.BASE_DEGREE; k < parentCount; k++) {
                t += previous.touch((long) batchParents[p + k] * NODE);
            }
            return t;
        }

        void finishLayer(int layer) throws IOException {
            current.force();
            Path target = LayerFiles.path(dir, layer);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            tmp = null;
            layerFiles.add(target);
            // the mapping stays valid after the rename; it is the next layer's expander source
            previous = current;
            current = null;
        }

        void cleanupTemp() throws IOException {
            if (tmp != null) {
                Files.deleteIfExists(tmp);
            }
        }
    }
}
