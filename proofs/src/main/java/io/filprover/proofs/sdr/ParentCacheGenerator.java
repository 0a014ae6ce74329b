package io.filprover.proofs.sdr;

import io.filprover.api.job.WorkerPool;
import io.filprover.api.job.ProgressSink;
import io.filprover.api.Hex;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes a parent cache file (docs/spec/filecoin-porep-post.md §6.5): for every node its 14 parents as u32 LE. Nodes
 * are split
 * into blocks computed by a pool of threads and written at their offsets with positional writes, into
 * a temporary file that is renamed once complete and (for production graphs) checked against the
 * upstream digest.
 */
public final class ParentCacheGenerator {
    /** Nodes per work unit: 16384 × 56 bytes ≈ 0.9 MB buffers. */
    static final int BLOCK_NODES = 1 << 14;

    private ParentCacheGenerator() {
    }

    /**
     * Generates the cache of {@code graph} at {@code target}.
     *
     * @return the lower-case hex SHA-256 of the file
     * @throws IOException on I/O failure, or if the digest differs from the one in upstream's
     *                     {@code parent_cache.json} for this file name (the file is then not kept)
     */
    public static String generate(SdrGraph graph, Path target, WorkerPool pool, ProgressSink listener)
            throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve(target.getFileName() + ".tmp");
        boolean ok = false;
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.READ, StandardOpenOption.TRUNCATE_EXISTING)) {
                writeParallel(graph, ch, pool, listener);
                ch.force(true);
            }
            String digest = digestOf(tmp);
            ParentCacheManifest.Entry expected = ParentCacheManifest.lookup(target.getFileName().toString()).orElse(null);
            if (expected != null && !expected.digest().equals(digest)) {
                throw new IOException("parent cache digest mismatch for " + target.getFileName()
                        + ": computed " + digest + ", parent_cache.json has " + expected.digest());
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            ok = true;
            return digest;
        } finally {
            if (!ok) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    private static void writeParallel(SdrGraph graph, FileChannel ch, WorkerPool pool, ProgressSink listener)
            throws IOException {
        long nodes = graph.nodes();
        long blocks = (nodes + BLOCK_NODES - 1) / BLOCK_NODES;
        AtomicLong done = new AtomicLong();
        ThreadLocal<SdrGraph.Sampler> samplers = ThreadLocal.withInitial(graph::sampler);
        pool.forEach(blocks, b -> {
            SdrGraph.Sampler sampler = samplers.get();
            int[] parents = new int[SdrGraph.DEGREE];
            ByteBuffer buf = ByteBuffer.allocate(BLOCK_NODES * SdrGraph.DEGREE * 4).order(ByteOrder.LITTLE_ENDIAN);
            long start = b * BLOCK_NODES;
            long end = Math.min(nodes, start + BLOCK_NODES);
            for (long v = start; v < end; v++) {
                sampler.parents(v, parents, 0);
                for (int p : parents) {
                    buf.putInt(p);
                }
            }
            buf.flip();
            long pos = start * SdrGraph.DEGREE * 4;
            while (buf.hasRemaining()) {
                pos += ch.write(buf, pos);
            }
            listener.progress("parent cache", done.addAndGet(end - start), nodes);
        });
    }

    /** Lower-case hex SHA-256 of a whole file, streamed. */
    public static String digestOf(Path file) throws IOException {
        MessageDigest md = GraphSeeds.newSha256();
        ByteBuffer buf = ByteBuffer.allocate(8 << 20);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            while (ch.read(buf) >= 0) {
                buf.flip();
                md.update(buf);
                buf.clear();
            }
        }
        return Hex.encode(md.digest());
    }
}
