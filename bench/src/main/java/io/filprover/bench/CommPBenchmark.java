package io.filprover.bench;

import io.filprover.api.kernels.Kernels;
import io.filprover.proofs.commitment.PieceCommitments;
import io.filprover.proofs.commitment.StreamingTreeHasher;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * comm_p of a 1 GiB (padded) piece: 1,065,353,216 raw bytes, Fr32-padded to 2^25 leaves, so
 * 2^25 − 1 SHA-256 node hashes. ns per node = time / (2^25 − 1). Compare with
 * {@link Sha256Benchmark#digest64ByteMessage} (the per-node floor) in the same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class CommPBenchmark {
    /** Raw bytes of a 1 GiB padded piece: 127 · 2^23. */
    public static final long PIECE_RAW = 127L << 23;
    public static final long NODES = (1L << 25) - 1;

    @Param({"1", "2"})
    public int threads;

    private byte[] pattern;
    private Kernels kernels;

    @Setup(Level.Trial)
    public void setup() {
        pattern = new byte[64 << 20];
        new Random(1).nextBytes(pattern);
        kernels = BenchPools.kernels("cpu", threads);
    }

    @Benchmark
    public byte[] commP1GiB() throws IOException {
        PieceCommitments commP = new PieceCommitments(kernels, BenchPools.of(threads));
        return commP.of(new RepeatingInputStream(pattern, PIECE_RAW), StreamingTreeHasher.Progress.NONE).commP().bytes();
    }
}
