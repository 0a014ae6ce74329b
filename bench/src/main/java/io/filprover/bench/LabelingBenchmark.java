package io.filprover.bench;

import io.filprover.api.RegisteredSealProof;
import io.filprover.proofs.sdr.ParentCache;
import io.filprover.api.job.ProgressSink;
import io.filprover.proofs.sdr.SdrGraph;
import io.filprover.proofs.sdr.SdrLabeler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * PC1 labeling on one core: both layers of an 8 MiB sector (2^18 nodes per layer) through the
 * mmapped parent cache, beside MessageDigest SHA-256 of one 1,248-byte message — a label's message
 * (a 64-byte prefix, then 37 parent labels; 20 compressions with padding, docs/spec/filecoin-porep-post.md §7).
 * Labels/s =
 * 2^19 / score; the target is ≥ 70 % of MessageDigest's rate. The parent-producer variant
 * uses a second core for the parent reads.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class LabelingBenchmark {
    public static final int NODES_PER_RUN = 2 << 18;

    private Path dir;
    private ParentCache cache;
    private byte[] replicaId;
    private MessageDigest md;
    private byte[] message;
    private byte[] digest;
    private int run;

    @Setup(Level.Trial)
    public void setup() throws IOException, NoSuchAlgorithmException {
        dir = Files.createTempDirectory("filprover-labeling");
        SdrGraph graph = SdrGraph.of(RegisteredSealProof.STACKED_DRG_8MIB_V1_1);
        cache = ParentCache.obtain(graph, dir.resolve("parents"), BenchPools.of(2), false, ProgressSink.NONE);
        replicaId = new byte[32];
        new Random(5).nextBytes(replicaId);
        replicaId[31] &= 0x3f;
        md = MessageDigest.getInstance("SHA-256");
        message = new byte[1248];
        new Random(6).nextBytes(message);
        digest = new byte[32];
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Both layers of an 8 MiB sector, 2^19 labels, one thread. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 2)
    @Measurement(iterations = 5)
    public Object label8MiBOneThread() throws IOException {
        return labelBothLayers(new SdrLabeler(cache, 2, BenchPools.of(1), ProgressSink.NONE));
    }

    /** The same with a second thread gathering the parents (what PreCommit1 does with two or more threads). */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 2)
    @Measurement(iterations = 5)
    public Object label8MiBWithParentProducer() throws IOException {
        return labelBothLayers(new SdrLabeler(cache, 2, BenchPools.of(2), ProgressSink.NONE).withParentProducer());
    }

    private Object labelBothLayers(SdrLabeler labeler) throws IOException {
        return labeler.label(replicaId, dir.resolve("run" + run++));
    }

    /** One label's worth of SHA-256 through MessageDigest: 1,248 bytes, 20 compressions. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 2)
    public byte[] digest1248ByteMessage() throws java.security.DigestException {
        md.update(message, 0, message.length);
        md.digest(digest, 0, 32);
        message[0] = digest[0];
        return digest;
    }
}
