package io.filprover.cli;

import io.filprover.api.job.JobContext;

import java.util.Map;

/**
 * Which backend ran a command's stages, written once for every command that computes: {@code backend}
 * (every stage runs on the job's backend) and {@code cpu_fallbacks} (operations that backend's device
 * failed and the cpu backend redid; 0 when none, so a script can tell a silent fallback never happened).
 */
final class BackendReport {
    private BackendReport() {
    }

    /** Adds {@code backend} and {@code cpu_fallbacks} of {@code ctx} to a command's result. */
    static void put(Map<String, Object> result, JobContext ctx) {
        result.put("backend", ctx.backendName());
        result.put("cpu_fallbacks", ctx.fallbacks());
    }
}
