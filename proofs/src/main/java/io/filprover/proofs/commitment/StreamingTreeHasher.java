package io.filprover.proofs.commitment;

import io.filprover.api.InvalidInputException;
import io.filprover.api.UnpaddedPieceSize;
import io.filprover.api.job.WorkerPool;
import io.filprover.api.kernels.Kernels;
import io.filprover.proofs.fr32.Fr32;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Computes the root of a binary SHA-256 tree (docs/spec/filecoin-porep-post.md §2.1) over a stream in constant
 * memory: the input
 * is cut into chunks of equal subtrees, worker threads pad (for raw pieces) and reduce each chunk,
 * and the chunk roots are joined at the end. Memory is one chunk buffer per thread plus 32 bytes
 * per chunk, whatever the input size (a 32 GiB input has 32,768 chunks of 1 MiB).
 */
public final class StreamingTreeHasher {
    /** Default chunk: 1 MiB of padded data, a subtree of 2^15 leaves. */
    public static final int DEFAULT_CHUNK_PADDED = 1 << 20;

    /** Told how many input bytes have been consumed so far; called by one reading thread at a time. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = bytes -> { };

        void consumed(long bytesSoFar);
    }

    /** A tree root with the padded size it covers and the input bytes that were read. */
    public record Result(byte[] root, long paddedSize, long bytesRead) {
    }

    private final Kernels kernels;
    private final WorkerPool pool;
    private final int chunkPadded;
    private final ZeroCommitments zeros;

    public StreamingTreeHasher(Kernels kernels, WorkerPool pool) {
        this(kernels, pool, DEFAULT_CHUNK_PADDED);
    }

    public StreamingTreeHasher(Kernels kernels, WorkerPool pool, int chunkPadded) {
        if (chunkPadded < 128 || Integer.bitCount(chunkPadded) != 1) {
            throw new IllegalArgumentException("chunk size must be a power of two >= 128");
        }
        this.kernels = kernels;
        this.pool = pool;
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
        /** The levels above a chunk's leaves (one sha256Tree call per chunk). */
        final byte[] levels;

        Slot(int inSize, int outSize, int leaves) {
            in = new byte[inSize];
            out = outSize > 0 ? new byte[outSize] : null;
            levels = new byte[32 * Math.max(0, leaves - 1)];
        }
    }

    /** The shared read position: chunks are read one at a time, in order, under its lock. */
    private static final class Reader {
        long total;
        int chunks;
        boolean ended;
        long paddedSize;
    }

    /** A chunk that was read and is to be hashed by the thread that read it. */
    private record Chunk(int index, boolean pad, int rawBlocks, int leaves) {
    }

    private Result run(InputStream input, boolean pad, long paddedSize, Progress progress) throws IOException {
        int chunkIn0 = pad ? chunkPadded / 128 * 127 : chunkPadded;
        if (!pad && paddedSize < chunkPadded) {
            chunkIn0 = (int) paddedSize; // a small tree is a single chunk of its own size
        }
        final int chunkIn = chunkIn0;
        Reader reader = new Reader();
        reader.paddedSize = paddedSize;
        Map<Integer, byte[]> roots = new ConcurrentHashMap<>();
        // each thread reads the next chunk under the lock, then pads and hashes it outside: with one
        // thread that is read-then-hash on the caller, with more the reading overlaps the hashing
        pool.forEach(pool.threads(), worker -> {
            Slot slot = new Slot(pad ? chunkIn + 1 : chunkIn, pad ? chunkPadded : 0, pad ? chunkPadded / 32 : chunkIn / 32);
            for (Chunk c; (c = next(input, reader, slot, chunkIn, pad, progress)) != null; ) {
                byte[] buf = slot.in;
                if (c.pad()) {
                    Fr32.padBlocks(slot.in, 0, slot.out, 0, c.rawBlocks(), slot.scratch);
                    buf = slot.out;
                }
                BinaryTrees.reduceInPlace(kernels, buf, 0, c.leaves(), slot.levels);
                roots.put(c.index(), Arrays.copyOf(buf, 32));
            }
        });
        return new Result(join(roots, reader.chunks, reader.paddedSize), reader.paddedSize, reader.total);
    }

    /** Reads the next chunk into {@code slot}; null when the input has ended. */
    private Chunk next(InputStream input, Reader reader, Slot slot, int chunkIn, boolean pad, Progress progress)
            throws IOException {
        synchronized (reader) {
            if (reader.ended) {
                return null;
            }
            int r = input.readNBytes(slot.in, 0, chunkIn);
            reader.total += r;
            progress.consumed(reader.total);
            if (r == chunkIn) {
                if (!pad && reader.total == reader.paddedSize) {
                    reader.ended = true;
                    return new Chunk(reader.chunks++, false, 0, chunkIn / 32);
                }
                return new Chunk(reader.chunks++, pad, chunkIn / 127, chunkPadded / 32);
            }
            reader.ended = true;
            if (!pad) {
                throw new InvalidInputException("input", "input ended after " + reader.total + " of "
                        + reader.paddedSize + " bytes");
            }
            if (reader.total == 0) {
                throw new InvalidInputException("input", "input is empty");
            }
            long piecePadded = UnpaddedPieceSize.atLeast(reader.total).padded().bytes();
            reader.paddedSize = piecePadded;
            if (r == 0) {
                return null;
            }
            Arrays.fill(slot.in, r, slot.in.length, (byte) 0);
            long leaves = Math.min(chunkPadded, piecePadded) / 32;
            return new Chunk(reader.chunks++, true, (int) (leaves * 32 / 128), (int) leaves);
        }
    }

    private byte[] join(Map<Integer, byte[]> read, int readChunks, long paddedSize) {
        long chunkCount = Math.max(1, paddedSize / chunkPadded);
        if (chunkCount > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("input too large: " + paddedSize);
        }
        byte[][] roots = new byte[(int) chunkCount][];
        for (int i = 0; i < readChunks; i++) {
            roots[i] = read.get(i);
        }
        if (readChunks < chunkCount) {
            byte[] zero = zeros.bytesAt(Integer.numberOfTrailingZeros(chunkPadded / 32));
            for (int i = readChunks; i < chunkCount; i++) {
                roots[i] = zero;
            }
        }
        return roots.length == 1 ? roots[0] : BinaryTrees.rootOf(kernels, roots);
    }
}
