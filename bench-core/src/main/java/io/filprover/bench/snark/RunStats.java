package io.filprover.bench.snark;

import io.filprover.api.job.StageTimes;
import io.filprover.bench.kernels.Medians;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The repetitions of one proving call: each run's wall time, process CPU time and stage times (the
 * {@link StageTimes} of the run's own job context), reduced to medians for the output.
 */
final class RunStats {
    private final List<Double> wallMs = new ArrayList<>();
    private final List<Double> cpuMs = new ArrayList<>();
    private final Map<String, List<Double>> stageMs = new LinkedHashMap<>();

    /** Records one run. {@code cpuNanos} -1: CPU time unavailable. */
    void add(long wallNanos, long cpuNanos, StageTimes stages) {
        wallMs.add(wallNanos / 1e6);
        if (cpuNanos >= 0) {
            cpuMs.add(cpuNanos / 1e6);
        }
        for (StageTimes.Stage s : stages.stages()) {
            stageMs.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(s.nanos() / 1e6);
        }
    }

    int runs() {
        return wallMs.size();
    }

    double medianWallMs() {
        return median(wallMs);
    }

    /** The median process CPU time in ms, or -1 when it was unavailable. */
    double medianCpuMs() {
        return cpuMs.isEmpty() ? -1 : median(cpuMs);
    }

    /** Every run's wall time in ms, in run order. */
    List<Double> wallsMs() {
        List<Double> out = new ArrayList<>();
        for (double w : wallMs) {
            out.add(round(w));
        }
        return out;
    }

    /** Each stage's median time over the runs, in ms, in the order the stages first ran. */
    Map<String, Double> medianStagesMs() {
        Map<String, Double> out = new LinkedHashMap<>();
        stageMs.forEach((name, ms) -> out.put(name, round(median(ms))));
        return out;
    }

    /** Puts the timing fields shared by the proving benchmarks into {@code m}. */
    void putInto(Map<String, Object> m) {
        m.put("reps", runs());
        m.put("wall_ms", round(medianWallMs()));
        if (runs() > 1) {
            m.put("walls_ms", wallsMs());
        }
        double cpu = medianCpuMs();
        m.put("cpu_ms", cpu < 0 ? null : round(cpu));
        m.put("stages_ms", medianStagesMs());
    }

    private static double median(List<Double> values) {
        double[] a = new double[values.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = values.get(i);
        }
        return Medians.median(a);
    }

    static double round(double v) {
        return Double.parseDouble(String.format(Locale.ROOT, "%.1f", v));
    }
}
