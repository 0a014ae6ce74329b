package io.filprover.bench;

import io.filprover.bls12381.field.Fr;
import io.filprover.proofs.groth16.Proof;
import io.filprover.proofs.groth16.circuits.SquareChainCircuit;
import io.filprover.proofs.r1cs.FrScalarField;
import io.filprover.proofs.groth16.params.Groth16Parameters;
import io.filprover.proofs.groth16.params.Groth16Setup;
import io.filprover.proofs.groth16.params.ToxicWaste;
import io.filprover.proofs.groth16.prover.Groth16Prover;
import io.filprover.proofs.groth16.prover.ProverPhase;

import io.filprover.proofs.groth16.params.MappedParameters;
import io.filprover.proofs.groth16.params.ParametersFormat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A full Groth16 proof of the synthetic square chain (x_{i+1} = x_i² + c, 4 public inputs; the shape
 * of the snarkjs peer circuit) with a domain of exactly 2^logConstraints, on the chosen Kernels
 * backend. Every iteration also prints the per-phase breakdown (synthesis, FFTs, each MSM, assembly,
 * self-verification) averaged over its proofs. Parameters come from a local setup with a fixed
 * trapdoor, for benchmarking only, not for mainnet; generating them for 2^20 takes minutes, so
 * {@code -Dfilprover.groth16.paramsDir=DIR} keeps them between runs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx24g"})
public class Groth16ProveBenchmark {
    static final int PUBLIC_INPUTS = 4;

    @Param({"14", "20"})
    public int logConstraints;

    @Param({"cpu"})
    public String backend;

    private Groth16Prover prover;
    private Groth16Parameters params;
    private SquareChainCircuit<Fr> circuit;
    private final Map<ProverPhase, Long> phaseNanos = new EnumMap<>(ProverPhase.class);
    private int proofs;

    /** Chain length whose constraints plus bellperson's per-input constraints fill 2^logN exactly. */
    static int steps(int logN) {
        return (1 << logN) - (PUBLIC_INPUTS + 1);
    }

    /**
     * Parameters for the chain: read from {@code -Dfilprover.groth16.paramsDir=DIR} when a matching
     * file is there (decoding without subgroup checks, as rust-fil-proofs does), otherwise generated
     * (with a fixed trapdoor) and, when the directory is set, written there for the next run.
     */
    static Groth16Parameters parameters(int logN) throws IOException {
        SquareChainCircuit<Fr> shape = new SquareChainCircuit<>(steps(logN), PUBLIC_INPUTS, null, null);
        String dir = System.getProperty("filprover.groth16.paramsDir");
        Path file = dir == null ? null : Path.of(dir, "square-chain-2^" + logN + "-" + PUBLIC_INPUTS + "in.params");
        if (file != null && Files.exists(file)) {
            return MappedParameters.open(file, false).load();
        }
        Groth16Parameters p = Groth16Setup.generate(shape, ToxicWaste.random(new Random(19)));
        if (file != null) {
            Files.createDirectories(file.getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                ParametersFormat.writeParameters(p, out);
            }
        }
        return p;
    }

    @Setup(Level.Trial)
    public void setup() throws IOException {
        System.err.println(Groth16Setup.WARNING);
        int steps = steps(logConstraints);
        Random rnd = new Random(20);
        params = parameters(logConstraints);
        circuit = new SquareChainCircuit<>(steps, PUBLIC_INPUTS, Fr.random(rnd), Fr.random(rnd));
        prover = new Groth16Prover(BenchPools.kernels(backend, 0),
                (phase, nanos) -> phaseNanos.merge(phase, nanos, Long::sum));
    }

    @Benchmark
    public Proof prove() {
        proofs++;
        return prover.prove(circuit, params);
    }

    @TearDown(Level.Iteration)
    public void report() {
        System.out.println(breakdown());
        phaseNanos.clear();
        proofs = 0;
    }

    /** "phase=ms" for every phase, averaged over the proofs since the last report. */
    String breakdown() {
        StringBuilder sb = new StringBuilder("groth16 2^" + logConstraints + " on " + backend + " per proof:");
        for (Map.Entry<ProverPhase, Long> e : phaseNanos.entrySet()) {
            sb.append(String.format(" %s=%.1fms", e.getKey().name().toLowerCase(), e.getValue() / 1e6 / Math.max(1, proofs)));
        }
        return sb.toString();
    }

    /** The number of public inputs the verifier takes (c and three chain values). */
    static int publicInputCount() {
        return new SquareChainCircuit<Fr>(steps(6), PUBLIC_INPUTS, Fr.ONE, Fr.ONE).publicInputs(FrScalarField.INSTANCE).size();
    }
}
