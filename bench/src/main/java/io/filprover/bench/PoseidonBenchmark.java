package io.filprover.bench;

import io.filprover.bls12381.field.Fr;
import io.filprover.bls12381.poseidon.PoseidonHasher;
import io.filprover.bls12381.poseidon.PoseidonParameters;
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

import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Filecoin Poseidon (MerkleTree, Standard) on one core through the batch API the tree builders
 * and GPU kernels use: ns per hash = the score. Compare arity 8 with 2,004 × {@link Bls12381Benchmark#frMul}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PoseidonBenchmark {
    @Param({"2", "8", "11"})
    public int arity;

    private PoseidonParameters params;
    private long[] in;
    private long[] out;

    @Setup(Level.Trial)
    public void setup() {
        params = PoseidonParameters.filecoin(arity);
        Random rnd = new Random(4);
        in = new long[4 * arity];
        for (int i = 0; i < arity; i++) {
            System.arraycopy(Fr.random(rnd).montgomeryLimbs(), 0, in, 4 * i, 4);
        }
        out = new long[4];
    }

    @Benchmark
    public long[] hash() {
        PoseidonHasher.hashBatch(params, in, 0, out, 0, 1);
        System.arraycopy(out, 0, in, 0, 4); // chain: the next input depends on this output
        return out;
    }
}
