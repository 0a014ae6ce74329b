package io.filprover.cli;

import io.filprover.api.job.ProgressSink;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;

/** Progress of long sealing stages as lines on stderr ("layer 1: 40%"), at most one per 10% per task. */
final class StderrProgress implements ProgressSink {
    private final PrintStream err;
    private final boolean enabled;
    private final Map<String, Integer> lastDecile = new HashMap<>();

    StderrProgress(PrintStream err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    @Override
    public synchronized void progress(String task, long done, long total) {
        if (!enabled || total <= 0) {
            return;
        }
        int decile = (int) (done * 10 / total);
        Integer last = lastDecile.get(task);
        if (last == null || decile > last) {
            lastDecile.put(task, decile);
            err.println(task + ": " + decile * 10 + "%");
            err.flush();
        }
    }

    @Override
    public void stage(String name) {
        if (enabled) {
            err.println(name + " ...");
            err.flush();
        }
    }
}
