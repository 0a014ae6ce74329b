package io.filprover.cli;

import io.filprover.proofs.commitment.StreamingTreeHasher;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;

/**
 * A progress bar on stderr for inputs over {@link #THRESHOLD}; for a stream of unknown length the
 * bar appears once that much has been read. Never writes to stdout, so results stay parseable.
 */
final class ProgressReporter implements StreamingTreeHasher.Progress, AutoCloseable {
    static final long THRESHOLD = 64L << 20;

    private final String task;
    private final long total;
    private final PrintStream err;
    private final boolean enabled;
    private ProgressBar bar;

    /** @param total input size in bytes, or -1 when unknown (stdin) */
    ProgressReporter(String task, long total, PrintStream err, boolean enabled) {
        this.task = task;
        this.total = total;
        this.err = err;
        this.enabled = enabled;
    }

    @Override
    public void consumed(long bytesSoFar) {
        if (!enabled) {
            return;
        }
        if (bar == null) {
            if (total >= 0 ? total <= THRESHOLD : bytesSoFar <= THRESHOLD) {
                return;
            }
            bar = new ProgressBarBuilder()
                    .setTaskName(task)
                    .setInitialMax(total >= 0 ? total : -1)
                    .setUnit(" MiB", 1L << 20)
                    .setStyle(ProgressBarStyle.ASCII)
                    .showSpeed()
                    .setConsumer(new ConsoleProgressBarConsumer(err))
                    .build();
        }
        bar.stepTo(bytesSoFar);
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
