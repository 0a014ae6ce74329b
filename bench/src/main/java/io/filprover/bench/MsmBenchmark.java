package io.filprover.bench;

import io.filprover.bench.kernels.RandomInputs;
import io.filprover.bench.peers.BlstPeer;
import io.filprover.cpu.msm.PippengerMsm;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The cpu Pippenger MSM: G1 at 2^12, 2^16, 2^20 and G2 at 2^16, on 1 thread and on all cores
 * (threads = 0), random distinct bases and uniform scalars; and, in the same run, blst's
 * single-threaded 4096-point G1 MSM via c-kzg-4844 (compare with g1 at logSize 12, threads 1).
 * java -jar bench/target/benchmarks.jar MsmBenchmark
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g"})
public class MsmBenchmark {
    private static int threads(int param) {
        return param == 0 ? io.filprover.api.job.WorkerPool.availableProcessors() : param;
    }

    @State(Scope.Benchmark)
    public static class G1Input {
        @Param({"12", "16", "20"})
        public int logSize;
        /** 0 = all cores. */
        @Param({"1", "0"})
        public int threads;
        long[] bases;
        long[] scalars;
        final long[] out = new long[12];

        @Setup
        public void setup() {
            bases = RandomInputs.g1Bases(1 << logSize, 1);
            scalars = RandomInputs.scalars(1 << logSize, 2);
        }
    }

    @State(Scope.Benchmark)
    public static class G2Input {
        @Param({"16"})
        public int g2LogSize;
        @Param({"1", "0"})
        public int g2Threads;
        long[] bases;
        long[] scalars;
        final long[] out = new long[24];

        @Setup
        public void setup() {
            bases = RandomInputs.g2Bases(1 << g2LogSize, 3);
            scalars = RandomInputs.scalars(1 << g2LogSize, 4);
        }
    }

    @State(Scope.Benchmark)
    public static class BlstInput {
        BlstPeer peer;
        byte[] blob;

        @Setup
        public void setup() {
            peer = BlstPeer.load(RandomInputs.g1Bases(BlstPeer.POINTS, 1), 5);
            blob = BlstPeer.blob(RandomInputs.scalars(BlstPeer.POINTS, 2), 0);
        }

        @TearDown
        public void tearDown() {
            peer.close();
        }
    }

    @Benchmark
    public long[] g1(G1Input in) {
        int n = 1 << in.logSize;
        PippengerMsm.g1(in.bases, 0, in.scalars, 0, n, null, in.out, 0, BenchPools.of(threads(in.threads)));
        return in.out;
    }

    @Benchmark
    public long[] g2(G2Input in) {
        int n = 1 << in.g2LogSize;
        PippengerMsm.g2(in.bases, 0, in.scalars, 0, n, null, in.out, 0, BenchPools.of(threads(in.g2Threads)));
        return in.out;
    }

    /** blst (c-kzg-4844 blobToKzgCommitment): a single-threaded 4096-point G1 MSM. */
    @Benchmark
    public byte[] blstG1At4096(BlstInput in) {
        return in.peer.commit(in.blob);
    }
}
