package io.filprover.proofs.groth16.cs;

import java.util.stream.IntStream;

/** Runs an element-wise loop over [0, n) in parallel chunks (serially when n is small). */
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

    public static void forEach(int n, Range body) {
        if (n <= CHUNK) {
            if (n > 0) {
                body.run(0, n);
            }
            return;
        }
        int chunks = (n + CHUNK - 1) / CHUNK;
        IntStream.range(0, chunks).parallel().forEach(c -> body.run(c * CHUNK, Math.min(n, (c + 1) * CHUNK)));
    }
}
