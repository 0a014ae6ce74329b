package io.filprover.cli;

import io.filprover.api.job.StageTimes;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** How commands print where a run's time went, written once: stage maps in milliseconds or seconds, and as one text line. */
final class StageTimings {
    private StageTimings() {
    }

    /** Each stage's wall time in whole milliseconds, in the order first started ({@code stages_ms} of the prove commands). */
    static Map<String, Object> millis(StageTimes times) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (StageTimes.Stage s : times.stages()) {
            m.put(s.name(), s.nanos() / 1_000_000);
        }
        return m;
    }

    /** Each stage's wall time in seconds with two decimals, in the order first started ({@code stage_seconds} of seal). */
    static Map<String, String> seconds(StageTimes times) {
        Map<String, String> m = new LinkedHashMap<>();
        for (StageTimes.Stage s : times.stages()) {
            m.put(s.name(), seconds(Duration.ofNanos(s.nanos())));
        }
        return m;
    }

    /** Seconds with two decimals. */
    static String seconds(Duration d) {
        return String.format("%.2f", d.toNanos() / 1e9);
    }

    /** A stage map on one text line: "name value, name value". */
    static String line(Map<String, ?> stages) {
        return stages.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }
}
