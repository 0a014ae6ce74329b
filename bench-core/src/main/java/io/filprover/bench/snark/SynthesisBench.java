package io.filprover.bench.snark;

import io.filprover.api.InvalidInputException;
import io.filprover.bls12381.field.Fr;
import io.filprover.bench.kernels.Medians;
import io.filprover.proofs.groth16.prover.Groth16Prover;
import io.filprover.proofs.groth16.prover.ProvingAssignment;
import io.filprover.proofs.params.ParameterGenerator;
import io.filprover.proofs.params.RegisteredProof;
import io.filprover.proofs.porep.Commit1;
import io.filprover.proofs.porep.Phase1OutputJson;
import io.filprover.proofs.porep.circuit.StackedCircuit;
import io.filprover.proofs.porep.circuit.StackedCompound;
import io.filprover.proofs.r1cs.Circuit;
import io.filprover.proofs.r1cs.CountingConstraintSystem;
import io.filprover.proofs.r1cs.FrScalarField;

import java.lang.ref.Reference;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The measurements behind {@code filprover bench synthesis} and {@code filprover bench count}.
 *
 * <p><b>synthesis</b>: one partition's {@link StackedCircuit} of a C1 output, with its witness,
 * synthesized into {@link ProvingAssignment} — the constraint system {@link Groth16Prover} proves
 * with (witness and a/b/c evaluations as flat limbs, density bitmaps). Only
 * {@link ProvingAssignment#synthesize} is timed (not building the circuit from the vanilla proofs,
 * not the prover's conversion of the witness to canonical form). One partition is synthesized on
 * the calling thread, as each partition is in the prover. Memory: the retained heap of the filled
 * assignment ({@link HeapMeter#RETAINED_METHOD}) divided by the circuit's constraints, and the peak
 * heap over the timed repetitions.
 *
 * <p><b>count</b>: a registered proof's blank circuit ({@link ParameterGenerator#circuitOf}) counted
 * by {@link CountingConstraintSystem#count}, exactly as {@code filprover circuit info} counts it, in
 * bounded memory for the production sizes.
 *
 * <p>Constraints are reported as upstream and {@code circuit info} count them: without the one
 * constraint per input the prover appends ({@code prover_constraints} includes them).
 */
public final class SynthesisBench {
    private SynthesisBench() {
    }

    /** One partition of a C1 output, synthesized {@code warmups} times unmeasured, then {@code reps} times. */
    public record Request(Commit1.Output c1, int partition, int warmups, int reps) {
    }

    /** A registered proof's blank circuit, counted {@code warmups} times unmeasured, then {@code reps} times. */
    public record CountRequest(RegisteredProof proof, int warmups, int reps) {
    }

    /** Why a request is invalid (one line naming the option), or null. */
    public static String problem(Request r) {
        int partitions = r.c1().partitions().size();
        if (r.partition() < 0 || r.partition() >= partitions) {
            return (partitions == 1 ? "--partition must be 0: the C1 output has 1 partition"
                    : "--partition must be between 0 and " + (partitions - 1) + ": the C1 output has " + partitions + " partitions")
                    + ", not " + r.partition();
        }
        return repsProblem(r.warmups(), r.reps());
    }

    public static String problem(CountRequest r) {
        return repsProblem(r.warmups(), r.reps());
    }

    static String repsProblem(int warmups, int reps) {
        if (reps < 1 || reps > 100) {
            return "--reps must be between 1 and 100";
        }
        if (warmups < 0 || warmups > 10) {
            return "--warmups must be between 0 and 10";
        }
        return null;
    }

    /** Runs the warm-ups and the repetitions on the calling thread. */
    public static Map<String, Object> synthesis(Request r) {
        check(problem(r));
        for (int i = 0; i < r.warmups(); i++) {
            ProvingAssignment.synthesize(FrScalarField.INSTANCE, circuit(r));
        }
        HeapMeter.resetPeaks();
        double[] seconds = new double[r.reps()];
        double[] cpu = new double[r.reps()];
        double[] retained = new double[r.reps()];
        long constraints = 0;
        int proverConstraints = 0;
        int inputs = 0;
        int aux = 0;
        for (int rep = 0; rep < r.reps(); rep++) {
            StackedCircuit circuit = circuit(r);
            long c0 = HeapMeter.threadCpuNanos();
            long t0 = System.nanoTime();
            ProvingAssignment<Fr> pa = ProvingAssignment.synthesize(FrScalarField.INSTANCE, circuit);
            long t1 = System.nanoTime();
            long c1 = HeapMeter.threadCpuNanos();
            seconds[rep] = (t1 - t0) / 1e9;
            cpu[rep] = c0 < 0 ? -1 : (c1 - c0) / 1e9;
            long with = HeapMeter.usedAfterFullGc();
            proverConstraints = pa.numConstraints();
            inputs = pa.numInputs();
            aux = pa.numAux();
            Reference.reachabilityFence(pa);
            pa = null;
            long without = HeapMeter.usedAfterFullGc();
            Reference.reachabilityFence(circuit);
            retained[rep] = with - without;
            constraints = proverConstraints - inputs;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "synthesis");
        m.put("proof", proofName(r.c1()));
        m.put("partition", r.partition());
        m.put("constraint_system", ProvingAssignment.class.getSimpleName());
        putCounts(m, constraints, inputs, aux);
        m.put("prover_constraints", proverConstraints);
        m.put("threads", 1);
        putTimes(m, r.warmups(), seconds, cpu, constraints);
        double bytes = Medians.median(retained);
        m.put("retained_bytes", (long) bytes);
        m.put("bytes_per_constraint", round(bytes / constraints, 1));
        m.put("peak_heap_mib", HeapMeter.mib(HeapMeter.peakHeapBytes()));
        m.put("max_heap_mib", HeapMeter.mib(HeapMeter.maxHeapBytes()));
        m.put("memory_method", HeapMeter.RETAINED_METHOD);
        return m;
    }

    /** Runs the warm-ups and the repetitions of the count on the calling thread. */
    public static Map<String, Object> count(CountRequest r) {
        check(problem(r));
        for (int i = 0; i < r.warmups(); i++) {
            CountingConstraintSystem.count(FrScalarField.INSTANCE, ParameterGenerator.circuitOf(r.proof()));
        }
        HeapMeter.resetPeaks();
        double[] seconds = new double[r.reps()];
        double[] cpu = new double[r.reps()];
        CountingConstraintSystem<Fr> cs = null;
        for (int rep = 0; rep < r.reps(); rep++) {
            Circuit<Fr> circuit = ParameterGenerator.circuitOf(r.proof());
            long c0 = HeapMeter.threadCpuNanos();
            long t0 = System.nanoTime();
            cs = CountingConstraintSystem.count(FrScalarField.INSTANCE, circuit);
            long t1 = System.nanoTime();
            long c1 = HeapMeter.threadCpuNanos();
            seconds[rep] = (t1 - t0) / 1e9;
            cpu[rep] = c0 < 0 ? -1 : (c1 - c0) / 1e9;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "count");
        m.put("proof", r.proof().upstreamName());
        m.put("constraint_system", CountingConstraintSystem.class.getSimpleName());
        putCounts(m, cs.numConstraints(), cs.numInputs(), cs.numAux());
        m.put("threads", 1);
        putTimes(m, r.warmups(), seconds, cpu, cs.numConstraints());
        m.put("peak_heap_mib", HeapMeter.mib(HeapMeter.peakHeapBytes()));
        m.put("max_heap_mib", HeapMeter.mib(HeapMeter.maxHeapBytes()));
        return m;
    }

    private static StackedCircuit circuit(Request r) {
        try {
            return StackedCompound.circuit(r.c1(), r.partition());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("c1", "partition " + r.partition() + ": " + e.getMessage(), e);
        }
    }

    private static void putCounts(Map<String, Object> m, long constraints, long inputs, long aux) {
        m.put("constraints", constraints);
        m.put("inputs", inputs);
        m.put("auxiliaries", aux);
    }

    /** Puts warm-ups, reps, the median seconds, CPU seconds and the rate. */
    private static void putTimes(Map<String, Object> m, int warmups, double[] seconds, double[] cpu, long constraints) {
        double median = Medians.median(seconds);
        m.put("warmups", warmups);
        m.put("reps", seconds.length);
        m.put("seconds", round(median, 3));
        double cpuMedian = Medians.median(cpu);
        m.put("cpu_seconds", cpuMedian < 0 ? null : round(cpuMedian, 3));
        m.put("constraints_per_s", Math.round(constraints / median));
    }

    static String proofName(Commit1.Output c1) {
        return Phase1OutputJson.representable(c1) ? Phase1OutputJson.registeredProof(c1).upstreamName()
                : c1.sectorSize().label() + " (no registered proof)";
    }

    private static void check(String problem) {
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    static double round(double v, int decimals) {
        return Double.parseDouble(String.format(Locale.ROOT, "%." + decimals + "f", v));
    }
}
