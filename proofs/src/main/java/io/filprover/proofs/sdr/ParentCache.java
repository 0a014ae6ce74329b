package io.filprover.proofs.sdr;

import io.filprover.api.job.WorkerPool;
import io.filprover.api.job.ProgressSink;
import io.filprover.api.Hex;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;

/**
 * A memory-mapped parent cache file (docs/spec/filecoin-porep-post.md §6.5): 14 parents per node as u32 LE, in the
 * upstream
 * format and under the upstream file name {@code v28-sdr-parent-<hex>.cache}. Reads are thread-safe.
 */
public final class ParentCache {
    /** {@code parameter_cache::VERSION} of rust-fil-proofs. */
    public static final int VERSION = 28;
    /** Bytes per node record. */
    public static final int NODE_BYTES = SdrGraph.DEGREE * 4;
    // 2^24 records per mapping (≈ 0.9 GB), so a record never straddles two mappings
    private static final long CHUNK_RECORDS = 1L << 24;

    private final Path path;
    private final long nodes;
    private final MappedRegion region;
    private final long chunkRecords;

    private ParentCache(Path path, long nodes, MappedRegion region, long chunkRecords) {
        this.path = path;
        this.nodes = nodes;
        this.region = region;
        this.chunkRecords = chunkRecords;
    }

    /** {@code v28-sdr-parent-<hex(H)>.cache} with H as in docs/spec/filecoin-porep-post.md §6.5 (api version is not part of it). */
    public static String fileName(SdrGraph graph) {
        MessageDigest md = GraphSeeds.newSha256();
        md.update("poseidon_hasher".getBytes(StandardCharsets.US_ASCII));
        md.update(("stacked_graph::StackedGraph{expansion_degree: 8 base_graph: drgraph::BucketGraph{size: "
                + graph.nodes() + "; degree: 6; hasher: poseidon_hasher} }").getBytes(StandardCharsets.US_ASCII));
        ByteBuffer b = ByteBuffer.allocate(36).order(ByteOrder.LITTLE_ENDIAN);
        for (long k : graph.feistelKeys()) {
            b.putLong(k);
        }
        b.putInt((int) graph.nodes());
        md.update(b.array());
        return "v" + VERSION + "-sdr-parent-" + Hex.encode(md.digest()) + ".cache";
    }

    /** {@code FIL_PROOFS_PARENT_CACHE}, else {@code $FIL_PROOFS_CACHE_DIR/filecoin-parents}, else {@code /var/tmp/filecoin-parents}. */
    public static Path defaultDirectory() {
        String explicit = System.getenv("FIL_PROOFS_PARENT_CACHE");
        if (explicit != null && !explicit.isEmpty()) {
            return Paths.get(explicit);
        }
        String base = System.getenv("FIL_PROOFS_CACHE_DIR");
        return Paths.get(base == null || base.isEmpty() ? "/var/tmp" : base, "filecoin-parents");
    }

    /**
     * Upstream defaults: the cache in {@link #defaultDirectory()}, generated on {@code pool} if absent,
     * an existing file re-hashed only when {@code FIL_PROOFS_VERIFY_CACHE} is set (as rust-fil-proofs).
     */
    public static ParentCache obtain(SdrGraph graph, WorkerPool pool, ProgressSink listener) throws IOException {
        String verify = System.getenv("FIL_PROOFS_VERIFY_CACHE");
        boolean check = verify != null && !verify.isEmpty() && !verify.equals("0") && !verify.equalsIgnoreCase("false");
        return obtain(graph, defaultDirectory(), pool, check, listener);
    }

    /**
     * Opens the cache of {@code graph} in {@code dir}, generating it first (on
     * {@code pool}) if absent. With {@code verifyExisting}, an existing production file is re-hashed and
     * checked against upstream's {@code parent_cache.json}.
     */
    public static ParentCache obtain(SdrGraph graph, Path dir, WorkerPool pool, boolean verifyExisting,
                                     ProgressSink listener) throws IOException {
        Path file = dir.resolve(fileName(graph));
        if (!Files.exists(file)) {
            ParentCacheGenerator.generate(graph, file, pool, listener);
        } else if (verifyExisting) {
            ParentCacheManifest.Entry e = ParentCacheManifest.lookup(file.getFileName().toString()).orElse(null);
            if (e != null) {
                String digest = ParentCacheGenerator.digestOf(file);
                if (!digest.equals(e.digest())) {
                    throw new IOException("corrupted parent cache " + file + ": digest " + digest
                            + ", expected " + e.digest());
                }
            }
        }
        return open(file, graph.nodes());
    }

    /** Maps an existing cache file of a graph with {@code nodes} nodes (read-only). */
    public static ParentCache open(Path file, long nodes) throws IOException {
        return open(file, nodes, CHUNK_RECORDS);
    }

    /** As {@link #open(Path, long)} with {@code chunkRecords} records per mapping (tests use small ones). */
    static ParentCache open(Path file, long nodes, long chunkRecords) throws IOException {
        long expected = nodes * NODE_BYTES;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size != expected) {
                throw new IOException("corrupted parent cache " + file + ": " + size + " bytes, expected " + expected);
            }
            // the mapping stays valid after the channel is closed
            return new ParentCache(file, nodes,
                    new MappedRegion(ch, FileChannel.MapMode.READ_ONLY, expected, chunkRecords * NODE_BYTES), chunkRecords);
        }
    }

    public Path path() {
        return path;
    }

    public long nodes() {
        return nodes;
    }

    /** Writes the 14 parents of node {@code v} (6 base, then 8 expander) to {@code out[off..off+14)}. */
    public void parents(long v, int[] out, int off) {
        if (v < 0 || v >= nodes) {
            throw new IllegalArgumentException("node " + v + " out of range [0, " + nodes + ")");
        }
        region.getInts(v * NODE_BYTES, out, off, SdrGraph.DEGREE);
    }

    /**
     * Writes the parents of nodes {@code first .. first+count-1} to {@code out[0 .. 14*count)},
     * node after node, with one bulk copy per mapping.
     */
    public void parents(long first, int count, int[] out) {
        if (first < 0 || count < 0 || first + count > nodes) {
            throw new IllegalArgumentException("nodes [" + first + ", " + (first + count) + ") out of range [0, " + nodes + ")");
        }
        int done = 0;
        while (done < count) {
            long v = first + done;
            int n = (int) Math.min(count - done, chunkRecords - v % chunkRecords);
            region.getInts(v * NODE_BYTES, out, done * SdrGraph.DEGREE, n * SdrGraph.DEGREE);
            done += n;
        }
    }

    /** The 14 parents of node {@code v} (allocating convenience). */
    public int[] parents(long v) {
        int[] out = new int[SdrGraph.DEGREE];
        parents(v, out, 0);
        return out;
    }
}
