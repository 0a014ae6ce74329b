package io.filprover.bench.sealing;

import io.filprover.api.job.JobContext;
import io.filprover.api.ApiVersion;
import io.filprover.api.PoRepFeature;
import io.filprover.api.RegisteredSealProof;
import io.filprover.api.SectorSize;
import io.filprover.bench.BenchFiles;
import io.filprover.bench.kernels.Medians;
import io.filprover.proofs.porep.PreCommit1;
import io.filprover.proofs.sdr.LabelHashFloor;
import io.filprover.proofs.sdr.ParentCache;
import io.filprover.api.job.ProgressSink;
import io.filprover.proofs.sdr.SdrGraph;
import io.filprover.proofs.sdr.SdrLabeler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The measurement behind {@code filprover bench label}: PC1 labeling of one sector (a random replica
 * id, the given number of layers, layer files on disk, the parent cache memory-mapped) exactly as
 * {@link PreCommit1} labels, beside its floor: the JDK's SHA-256 over one label's 1,248-byte message
 * on one thread ({@link LabelHashFloor}), timed right before and right after every repetition so both
 * see the same machine. The code is warmed up first on a sector of at most 8 MiB, so the repetitions
 * measure the steady state a worker reaches after its first sector.
 */
public final class LabelBench {
    /** The largest sector measured here: a 32 GiB seal is what {@code filprover seal} is for. */
    static final SectorSize LARGEST = SectorSize.SIZE_512MIB;
    private static final SectorSize WARM_UP = SectorSize.SIZE_8MIB;
    private static final int FLOOR_MESSAGES = 1 << 20;

    private LabelBench() {
    }

    /**
     * What to label; {@code workDir} receives the layer files (deleted after each repetition), null
     * for a temporary directory removed at the end.
     */
    public record Request(SectorSize size, int layers, int threads, int reps, Path parentCacheDir, Path workDir) {
    }

    /** Why a request is invalid, or null when it is fine. */
    public static String problem(Request r) {
        if (r.size().bytes() > LARGEST.bytes() || !r.size().published()) {
            return "--sector-size must be 2KiB, 8MiB or 512MiB for bench label (a registered size up to "
                    + LARGEST.label() + "; larger sectors: filprover seal)";
        }
        if (r.layers() < 1 || r.layers() > 15) {
            return "--layers must be between 1 and 15";
        }
        if (r.threads() < 1 || r.threads() > 1024) {
            return "--threads must be between 1 and 1024";
        }
        if (r.reps() < 1 || r.reps() > 100) {
            return "--reps must be between 1 and 100";
        }
        return null;
    }

    /**
     * Runs the warm-up and the repetitions in {@code ctx} (the backend and threads PreCommit1 labels
     * with); {@code progress} hears about parent caches and layers as they go.
     */
    public static Map<String, Object> measure(Request r, JobContext ctx, ProgressSink progress) throws IOException {
        String bad = problem(r);
        if (bad != null) {
            throw new IllegalArgumentException(bad);
        }
        if (r.workDir() != null) {
            return measure(r, ctx, r.workDir(), progress);
        }
        Path temporary = Files.createTempDirectory("filprover-bench-label");
        try {
            return measure(r, ctx, temporary, progress);
        } finally {
            BenchFiles.deleteTree(temporary);
        }
    }

    private static Map<String, Object> measure(Request r, JobContext ctx, Path workDir, ProgressSink progress)
            throws IOException {
        SectorSize warmSize = r.size().bytes() < WARM_UP.bytes() ? r.size() : WARM_UP;
        ParentCache warmCache = parentCache(warmSize, r, ctx, progress);
        labelOnce(ctx, warmCache, Math.min(r.layers(), 2), workDir.resolve("warm-up"), new long[0],
                "warm-up (" + warmSize.label() + ")", progress);
        ParentCache cache = parentCache(r.size(), r, ctx, progress);
        long nodes = cache.nodes();
        double[] total = new double[r.reps()];
        double[][] perLayer = new double[r.layers()][r.reps()];
        double[] floor = new double[2 * r.reps()];
        String mode = null;
        for (int rep = 0; rep < r.reps(); rep++) {
            floor[2 * rep] = LabelHashFloor.nanosPerMessage(LabelHashFloor.MESSAGE_BYTES, FLOOR_MESSAGES);
            long[] layerEnds = new long[r.layers() + 1];
            mode = labelOnce(ctx, cache, r.layers(), workDir.resolve("rep-" + rep), layerEnds,
                    "rep " + (rep + 1), progress);
            floor[2 * rep + 1] = LabelHashFloor.nanosPerMessage(LabelHashFloor.MESSAGE_BYTES, FLOOR_MESSAGES);
            total[rep] = (layerEnds[r.layers()] - layerEnds[0]) / (double) (nodes * r.layers());
            for (int l = 0; l < r.layers(); l++) {
                perLayer[l][rep] = (layerEnds[l + 1] - layerEnds[l]) / (double) nodes;
            }
        }
        double ours = Medians.median(total);
        double peer = Medians.median(floor);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kernel", "label");
        m.put("sector_size", r.size().label());
        m.put("log_size", 63 - Long.numberOfLeadingZeros(nodes));
        m.put("layers", r.layers());
        m.put("threads", r.threads());
        m.put("backend", ctx.backendName());
        m.put("mode", mode);
        m.put("median_ms", round(ours * nodes * r.layers() / 1e6));
        m.put("ns_per_label", round(ours));
        List<Double> layers = new ArrayList<>();
        for (double[] l : perLayer) {
            layers.add(round(Medians.median(l)));
        }
        m.put("layer_ns_per_label", layers);
        m.put("reps", r.reps());
        m.put("peer", "MessageDigest");
        m.put("peer_ns_per_message", round(peer));
        m.put("ratio", Double.parseDouble(String.format(Locale.ROOT, "%.3f", ours / peer)));
        m.put("percent_of_digest_rate", round(100 * peer / ours));
        return m;
    }

    private static ParentCache parentCache(SectorSize size, Request r, JobContext ctx, ProgressSink progress)
            throws IOException {
        SdrGraph graph = SdrGraph.of(RegisteredSealProof.of(size, ApiVersion.V1_1_0, PoRepFeature.NONE));
        return ParentCache.obtain(graph, r.parentCacheDir(), ctx.pool(), false, progress);
    }

    /**
     * Labels a sector with a random replica id into {@code dir} as PreCommit1 does with that many
     * threads, then deletes it. {@code layerEnds} (when it has room) receives the start time and the
     * end time of every layer. Returns the labeler's {@link SdrLabeler#mode()}.
     */
    private static String labelOnce(JobContext ctx, ParentCache cache, int layers, Path dir,
                                  long[] layerEnds, String phase, ProgressSink progress) throws IOException {
        byte[] replicaId = new byte[32];
        new Random().nextBytes(replicaId);
        replicaId[31] &= 0x3f; // a field element, as replica ids are
        int[] finished = {0};
        ProgressSink timing = (task, done, total) -> {
            if (done == total && finished[0] + 1 < layerEnds.length) {
                layerEnds[++finished[0]] = System.nanoTime();
            }
            progress.progress(phase + ", " + task, done, total);
        };
        try {
            if (layerEnds.length > 0) {
                layerEnds[0] = System.nanoTime();
            }
            SdrLabeler labeler = new PreCommit1(JobContext.of(ctx.pool(), ctx.kernels(), timing, ctx.cancellation(), null))
                    .labeler(cache, layers);
            labeler.label(replicaId, dir);
            return labeler.mode();
        } finally {
            BenchFiles.deleteTree(dir);
        }
    }

    private static double round(double v) {
        return Double.parseDouble(String.format(Locale.ROOT, "%.1f", v));
    }
}
