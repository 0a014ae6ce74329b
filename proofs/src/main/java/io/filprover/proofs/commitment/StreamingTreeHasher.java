package io.filprover.proofs.commitment;

import io.filprover.api.InvalidInputException;
import io.filprover.api.UnpaddedPieceSize;
import io.filprover.api.kernels.Kernels;
import io.filprover.proofs.fr32.Fr32;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Computes the root of a binary SHA-256 tree (docs/spec/filecoin-porep-post.md §2.1) over a stream in constant
 * memory: the input
 * is cut into chunks of equal subtrees, worker threads pad (for raw pieces) and reduce each chunk,
 * and the chunk roots are joined at the end. Memory is (threads + 2) chunk buffers plus 32 bytes
 * per chunk, whatever the input size (a 32 GiB input has 32,768 chunks of 1 MiB).
 */
public final class StreamingTreeHasher {
    /** Default chunk: 1 MiB of padded data, a subtree of 2^15 leaves. */
    public static final int DEFAULT_CHUNK_PADDED = 1 << 20;

    /** Told how many input bytes have been consumed so far; called from the reading thread. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = bytes -> { };

        void consumed(long bytesSoFar);
    }

    /** A tree root with the padded size it covers and the input bytes that were read. */
    public record Result(byte[] root, long paddedSize, long bytesRead) {
    }

    private final Kernels kernels;
    private final int threads;
    private final int chunkPadded;
    private final ZeroCommitments zeros;

    public StreamingTreeHasher(Kernels kernels, int threads) {
        this(kernels, threads, DEFAULT_CHUNK_PADDED);
    }

    public StreamingTreeHasher(Kernels kernels, int threads, int chunkPadded) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1");
        }
        if (chunkPadded < 128 || Integer.bitCount(chunkPadded) != 1) {
            throw new IllegalArgumentException("chunk size must be a power of two >= 128");
        }
        this.kernels = kernels;
        this.threads = threads;
        this.chunkPadded = chunkPadded;
        this.zeros = new ZeroCommitments(kernels);
    }

    public ZeroCommitments zeros() {
        return zeros;
    }

    /**
     * comm_p of a raw piece read to its end: the input is zero-filled to the next 127·2^k bytes (as
     * Lotus' pad reader does), Fr32-padded and hashed. An empty input is rejected.
     */
    public Result pieceRoot(InputStream raw, Progress progress) throws IOException {
        return run(raw, true, -1, progress);
    }

    /** Root of exactly {@code paddedSize} already padded bytes (a power of two ≥ 32), e.g. tree_d. */
    public Result paddedRoot(InputStream padded, long paddedSize, Progress progress) throws IOException {
        if (paddedSize < 32 || Long.bitCount(paddedSize) != 1) {
            throw new IllegalArgumentException("padded size must be a power of two >= 32: " + paddedSize);
        }
        return run(padded, false, paddedSize, progress);
    }

    private static final class Slot {
        final byte[] in;
        final byte[] out;
        final byte[] scratch = new byte[136];

        Slot(int inSize, int outSize) {
            in = new byte[inSize];
            out = outSize > 0 ? new byte[outSize] : null;
        }
    }

    private Result run(InputStream input, boolean pad, long paddedSize, Progress progress) throws IOException {
        int chunkIn = pad ? chunkPadded / 128 * 127 : chunkPadded;
        if (!pad && paddedSize < chunkPadded) {
            chunkIn = (int) paddedSize; // a small tree is a single chunk of its own size
        }
        int slots = threads + 2;
        BlockingQueue<Slot> free = new ArrayBlockingQueue<>(slots);
        for (int i = 0; i < slots; i++) {
            free.add(new Slot(pad ? chunkIn + 1 : chunkIn, pad ? chunkPadded : 0));
        }
        List<Future<byte[]>> roots = new ArrayList<>();
        AtomicInteger ids = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "tree-hasher-" + ids.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        long total = 0;
        try {
            while (true) {
                Slot slot = take(free);
                int r = input.readNBytes(slot.in, 0, chunkIn);
                total += r;
                progress.consumed(total);
                if (r == chunkIn) {
                    if (!pad && total == paddedSize) {
                        roots.add(pool.submit(hashChunk(slot, free, false, 0, chunkIn / 32)));
                        break;
                    }
                    roots.add(pool.submit(hashChunk(slot, free, pad, chunkIn / 127, chunkPadded / 32)));
                    continue;
                }
                // end of input
                if (!pad) {
                    free.add(slot);
                    throw new InvalidInputException("input", "input ended after " + total + " of " + paddedSize + " bytes");
                }
                if (total == 0) {
                    free.add(slot);
                    throw new InvalidInputException("input", "input is empty");
                }
                UnpaddedPieceSize piece = UnpaddedPieceSize.atLeast(total);
                long piecePadded = piece.padded().bytes();
                paddedSize = piecePadded;
                if (r == 0) {
                    free.add(slot);
                } else {
                    Arrays.fill(slot.in, r, slot.in.length, (byte) 0);
                    long leaves = Math.min(chunkPadded, piecePadded) / 32;
                    roots.add(pool.submit(hashChunk(slot, free, true, (int) (leaves * 32 / 128), (int) leaves)));
                }
                break;
            }
            return new Result(join(roots, paddedSize), paddedSize, total);
        } finally {
            pool.shutdownNow();
        }
    }

    private java.util.concurrent.Callable<byte[]> hashChunk(Slot slot, BlockingQueue<Slot> free, boolean pad,
                                                            int rawBlocks, int leaves) {
        return () -> {
            try {
                byte[] buf = slot.in;
                if (pad) {
                    Fr32.padBlocks(slot.in, 0, slot.out, 0, rawBlocks, slot.scratch);
                    buf = slot.out;
                }
                BinaryTrees.reduceInPlace(kernels, buf, 0, leaves);
                return Arrays.copyOf(buf, 32);
            } finally {
                free.add(slot);
            }
        };
    }

    private byte[] join(List<Future<byte[]>> futures, long paddedSize) throws IOException {
        long chunkCount = Math.max(1, paddedSize / chunkPadded);
        if (chunkCount > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("input too large: " + paddedSize);
        }
        byte[][] roots = new byte[(int) chunkCount][];
        for (int i = 0; i < futures.size(); i++) {
            try {
                roots[i] = futures.get(i).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                if (c instanceof RuntimeException) {
                    throw (RuntimeException) c;
                }
                throw new IOException(c);
            }
        }
        if (futures.size() < chunkCount) {
            byte[] zero = zeros.bytesAt(Integer.numberOfTrailingZeros(chunkPadded / 32));
            for (int i = futures.size(); i < chunkCount; i++) {
                roots[i] = zero;
            }
        }
        return roots.length == 1 ? roots[0] : BinaryTrees.rootOf(kernels, roots);
    }

    private static Slot take(BlockingQueue<Slot> free) throws IOException {
        try {
            return free.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
