package io.filprover.proofs.porep;

import io.filprover.api.ApiVersion;
import io.filprover.api.InvalidInputException;
import io.filprover.api.SectorSize;
import io.filprover.api.job.JobContext;
import io.filprover.api.job.StageTimes;
import io.filprover.proofs.fr32.Fr32;
import io.filprover.proofs.sdr.ParentCache;
import io.filprover.proofs.sdr.ReplicaId;
import io.filprover.proofs.sdr.SdrGraph;
import io.filprover.proofs.sdr.SdrLabeler;
import io.filprover.proofs.tree.BinaryTreeBuilder;
import io.filprover.proofs.tree.CacheFiles;
import io.filprover.proofs.tree.MappedFile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * PreCommit phase 1: Fr32-pads the unsealed piece bytes into the leaves of tree_d, builds tree_d
 * ({@code sc-02-data-tree-d.dat}, comm_d), derives replica_id (docs/spec/filecoin-porep-post.md §5) and labels the
 * SDR layers (docs/spec/filecoin-porep-post.md §7)
 * into the cache directory.
 *
 * <p>Stages recorded in the context's {@link StageTimes}: {@code data_padding} (reading the piece
 * bytes and Fr32-padding them into tree_d's leaves), {@code tree_d} (hashing tree_d to comm_d and
 * writing it), {@code parent_cache} (loading, or generating once, the graph's parent cache) and
 * {@code labeling} (every SDR layer).
 */
public final class PreCommit1 {
    /** What PC1 hands to PC2. */
    public record Output(byte[] commD, byte[] replicaId) {
    }

    private static final int PAD_BLOCKS = 8192;

    private final JobContext ctx;

    /** PC1 on the job's backend and threads, reporting to its progress sink, stopping when it is cancelled. */
    public PreCommit1(JobContext ctx) {
        this.ctx = ctx;
    }

    /**
     * @param data unpadded piece bytes, at most {@code size.unpaddedBytes()}; shorter input is zero-filled
     */
    public Output run(SectorSize size, InputStream data, SectorIdentity id, int layers, Path cacheDir,
                      Path parentCacheDir) throws IOException {
        Files.createDirectories(cacheDir);
        byte[] commD = buildTreeD(size, data, cacheDir);
        byte[] replicaId = ReplicaId.compute(id.proverId(), id.sectorId(), id.ticket(), commD, id.porepId());
        SdrGraph graph = new SdrGraph(size.nodes(), id.porepId(), id.apiVersion());
        ctx.checkpoint();
        StageTimes times = ctx.stageTimes();
        ParentCache parents = times.time("parent_cache",
                () -> ParentCache.obtain(graph, parentCacheDir, ctx.pool(), false, ctx.progress()));
        // layers a stopped run of this very sector finished are reused; another sector's are relabeled
        boolean resume = labelsBelongTo(cacheDir, replicaId, id, size);
        try (var t = times.start("labeling")) {
            SdrLabeler labeler = labeler(parents, layers);
            (resume ? labeler.resumingExistingLayers() : labeler).label(replicaId, cacheDir);
        }
        return new Output(commD, replicaId);
    }

    /** Names the sector the layer files in a cache directory were labeled for. */
    static final String LABELS_MARKER = ".filprover-labels";

    /**
     * Whether the layer files in {@code cacheDir} were labeled for this sector (replica id, API
     * version, size: everything a label depends on besides the layer); if not, the marker is
     * rewritten for it, before any layer is, so a later run can tell.
     */
    static boolean labelsBelongTo(Path cacheDir, byte[] replicaId, SectorIdentity id, SectorSize size)
            throws IOException {
        byte[] want = (io.filprover.api.Hex.encode(replicaId) + " " + io.filprover.api.Hex.encode(id.porepId()) + " "
                + id.apiVersion().text() + " " + size.nodes()).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Path marker = cacheDir.resolve(LABELS_MARKER);
        if (Files.isRegularFile(marker) && java.util.Arrays.equals(Files.readAllBytes(marker), want)) {
            return true;
        }
        Path tmp = CacheFiles.temp(marker);
        Files.write(tmp, want);
        Files.move(tmp, marker, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return false;
    }

    /** The labeler PC1 uses: with two or more threads a second one gathers the parents. */
    public SdrLabeler labeler(ParentCache parents, int layers) {
        SdrLabeler labeler = new SdrLabeler(parents, layers, ctx.pool(), ctx.progress(), ctx.cancellation());
        // a second core gathers the parents, so the hashing core rarely waits on memory (bench/RESULTS.md §3)
        return ctx.threads() >= 2 ? labeler.withParentProducer() : labeler;
    }

    /** Pads {@code data} into a new tree_d file and hashes it; returns comm_d. */
    public byte[] buildTreeD(SectorSize size, InputStream data, Path cacheDir) throws IOException {
        Files.createDirectories(cacheDir);
        Path target = CacheFiles.treeD(cacheDir);
        Path tmp = CacheFiles.temp(target);
        long nodes = size.nodes();
        try {
            MappedFile file = MappedFile.create(tmp, BinaryTreeBuilder.fileBytes(nodes));
            try (var t = ctx.stageTimes().start("data_padding")) {
                padInto(size, data, file);
            }
            byte[] root;
            try (var t = ctx.stageTimes().start("tree_d")) {
                root = new BinaryTreeBuilder(ctx.kernels(), ctx.pool()).build(file, nodes);
                file.force();
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            ctx.progress().progress("tree_d", nodes, nodes);
            return root;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private void padInto(SectorSize size, InputStream data, MappedFile file) throws IOException {
        long rawTotal = size.unpaddedBytes();
        byte[] raw = new byte[PAD_BLOCKS * Fr32.RAW_BLOCK];
        byte[] padded = new byte[PAD_BLOCKS * Fr32.PADDED_BLOCK];
        byte[] scratch = new byte[136];
        long rawDone = 0;
        boolean eof = false;
        while (rawDone < rawTotal) {
            int want = (int) Math.min(raw.length, rawTotal - rawDone);
            int got = eof ? 0 : data.readNBytes(raw, 0, want);
            if (got < want) {
                eof = true;
                java.util.Arrays.fill(raw, got, want, (byte) 0);
            }
            int blocks = want / Fr32.RAW_BLOCK;
            Fr32.padBlocks(raw, 0, padded, 0, blocks, scratch);
            file.put(rawDone / Fr32.RAW_BLOCK * Fr32.PADDED_BLOCK, padded, 0, blocks * Fr32.PADDED_BLOCK);
            rawDone += want;
            ctx.progress().progress("pad data", rawDone, rawTotal);
        }
        if (!eof && data.read() >= 0) {
            throw new InvalidInputException("data", "piece data is longer than the " + rawTotal
                    + " unpadded bytes a " + size + " sector holds");
        }
    }

    /** The inputs that identify a sealed sector. */
    public record SectorIdentity(byte[] proverId, long sectorId, byte[] ticket, byte[] porepId, ApiVersion apiVersion) {
        public SectorIdentity {
            check("prover-id", proverId);
            check("ticket", ticket);
            check("porep-id", porepId);
            proverId = proverId.clone();
            ticket = ticket.clone();
            porepId = porepId.clone();
        }

        private static void check(String field, byte[] b) {
            if (b == null || b.length != 32) {
                throw new InvalidInputException(field, "must be 32 bytes, got " + (b == null ? 0 : b.length));
            }
        }
    }
}
