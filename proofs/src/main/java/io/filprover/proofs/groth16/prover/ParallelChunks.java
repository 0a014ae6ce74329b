package io.filprover.proofs.groth16.prover;

import io.filprover.api.job.WorkerPool;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Runs an element-wise loop over [0, n) in parallel chunks on a job's pool (serially when n is small). */
public final class ParallelChunks {
    /** Below this many elements a loop runs on the calling thread. */
    public static final int CHUNK = 1 << 14;

    /** The body of one chunk: elements [from, to). */
    @FunctionalInterface
    public interface Range {
        void run(int from, int to);
    }

    private ParallelChunks() {
    }

    public static void forEach(WorkerPool pool, int n, Range body) {
        if (n <= CHUNK) {
            if (n > 0) {
                body.run(0, n);
            }
            return;
        }
        int chunks = (n + CHUNK - 1) / CHUNK;
        try {
            pool.forEach(chunks, c -> body.run((int) c * CHUNK, (int) Math.min(n, (c + 1) * CHUNK)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
