package io.filprover.bench;

import io.filprover.api.kernels.Kernels;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The JVM's SHA-256 floors beside our node kernel: MessageDigest on one 64-byte message (two
 * compressions with padding: the per-node floor, and the JDK's only SHA-NI path), MessageDigest on
 * one long 1 GiB input (the bulk rate), and the cpu backend's batched node hashing.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class Sha256Benchmark {
    private static final int PAIRS = 1 << 14;

    private MessageDigest md;
    private byte[] message;
    private byte[] digest;
    private byte[] level;
    private byte[] out;
    private byte[] bulk;
    private Kernels kernels;

    @Setup(Level.Trial)
    public void setup() throws NoSuchAlgorithmException {
        md = MessageDigest.getInstance("SHA-256");
        Random r = new Random(2);
        message = new byte[64];
        r.nextBytes(message);
        digest = new byte[32];
        level = new byte[64 * PAIRS];
        r.nextBytes(level);
        out = new byte[32 * PAIRS];
        bulk = new byte[1 << 20];
        r.nextBytes(bulk);
        kernels = BenchPools.kernels("cpu", 0);
    }

    /** One node's worth of SHA-256 through MessageDigest: the floor for ns per node. */
    @Benchmark
    public byte[] digest64ByteMessage() throws DigestException {
        md.update(message, 0, 64);
        md.digest(digest, 0, 32);
        message[0] = digest[0]; // a dependency chain, as tree levels have
        return digest;
    }

    /** Our node kernel, per node (a batch of 2^14 pairs per call). */
    @Benchmark
    @OperationsPerInvocation(PAIRS)
    public byte[] kernelPerNode() {
        kernels.sha256Trunc254Pairs(level, 0, out, 0, PAIRS);
        return out;
    }

    /** SHA-256 of one 1 GiB message fed in 1 MiB updates (ms per GiB; MB/s = 1073.7 / ms × 1000). */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 2)
    @Measurement(iterations = 5)
    public byte[] digestOneGiB() {
        for (int i = 0; i < 1024; i++) {
            md.update(bulk, 0, bulk.length);
        }
        return md.digest();
    }
}
