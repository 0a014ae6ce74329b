package io.filprover.bench.snark;

import io.filprover.api.job.JobContext;
import io.filprover.api.job.ProgressSink;
import io.filprover.proofs.api.SealStages;
import io.filprover.proofs.groth16.Proof;
import io.filprover.proofs.groth16.params.ParameterSource;
import io.filprover.proofs.porep.Commit1;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The measurement behind {@code filprover bench c2}: {@link SealStages#commit2}, the entry
 * {@code filprover prove c2} and the service's C2 jobs run (vanilla verification, synthesis of every
 * partition, the FFTs, the five MSMs, the prover's self-check and the verification against the
 * sector's public inputs), {@code reps} times, each in a fresh job context over the caller's
 * threads and backend so that its stage times are its own. No warm-up: a C2 runs for minutes.
 * Reported: each stage's median time, the median wall and process CPU time, and the peak heap
 * over all runs ({@link HeapMeter}).
 */
public final class C2Bench {
    private C2Bench() {
    }

    /** Why {@code reps} is invalid, or null. */
    public static String problem(int reps) {
        return SynthesisBench.repsProblem(0, reps);
    }

    /** Proves {@code c1} {@code reps} times with {@code params} on {@code ctx}'s pool and backend. */
    public static Map<String, Object> measure(Commit1.Output c1, ParameterSource params, JobContext ctx, int reps,
                                              ProgressSink progress) {
        String bad = problem(reps);
        if (bad != null) {
            throw new IllegalArgumentException(bad);
        }
        RunStats stats = new RunStats();
        HeapMeter.resetPeaks();
        int bytes = 0;
        for (int rep = 0; rep < reps; rep++) {
            progress.stage("C2 run " + (rep + 1) + " of " + reps);
            JobContext run = JobContext.of(ctx.pool(), ctx.kernels(), progress, ctx.cancellation(), null);
            long c0 = HeapMeter.processCpuNanos();
            long t0 = System.nanoTime();
            bytes = SealStages.commit2(c1, params, run).length;
            long t1 = System.nanoTime();
            long c1Nanos = HeapMeter.processCpuNanos();
            stats.add(t1 - t0, c0 < 0 ? -1 : c1Nanos - c0, run.stageTimes());
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "c2");
        m.put("proof", SynthesisBench.proofName(c1));
        m.put("partitions", bytes / Proof.BYTES);
        m.put("threads", ctx.threads());
        m.put("backend", ctx.backendName());
        stats.putInto(m);
        m.put("peak_heap_mib", HeapMeter.mib(HeapMeter.peakHeapBytes()));
        m.put("max_heap_mib", HeapMeter.mib(HeapMeter.maxHeapBytes()));
        return m;
    }
}
