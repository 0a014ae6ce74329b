package io.filprover.bench;

import io.filprover.bench.kernels.RandomInputs;
import io.filprover.cpu.ntt.RadixNtt;
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
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The cpu radix-2 NTT over Fr in place at 2^16, 2^20, 2^22, on 1 thread and on all cores
 * (threads = 0). Each call transforms the previous output (still uniformly random).
 * java -jar bench/target/benchmarks.jar NttBenchmark
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g"})
public class NttBenchmark {
    @Param({"16", "20", "22"})
    public int logSize;
    /** 0 = all cores. */
    @Param({"1", "0"})
    public int threads;
    long[] a;

    @Setup
    public void setup() {
        a = RandomInputs.frVector(1 << logSize, 1);
    }

    @Benchmark
    public long[] ntt() {
        RadixNtt.ntt(a, 0, logSize, BenchPools.of(threads));
        return a;
    }
}
