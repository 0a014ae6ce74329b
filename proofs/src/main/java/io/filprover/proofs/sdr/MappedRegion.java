package io.filprover.proofs.sdr;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A file region of any length (beyond 2 GiB) mapped as a series of {@link MappedByteBuffer}s of
 * {@code chunkBytes} each. Callers pick a chunk size that is a multiple of their record size, so a
 * record never straddles two chunks. Absolute reads are safe from many threads.
 */
final class MappedRegion {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final MappedByteBuffer[] chunks;
    private final long chunkBytes;
    /** log2(chunkBytes) when it is a power of two: the labeler's hot path then avoids a 64-bit division. */
    private final int chunkShift;
    private final long length;

    MappedRegion(FileChannel channel, FileChannel.MapMode mode, long length, long chunkBytes) throws IOException {
        if (chunkBytes <= 0 || chunkBytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("chunk size out of range: " + chunkBytes);
        }
        this.length = length;
        this.chunkBytes = chunkBytes;
        this.chunkShift = Long.bitCount(chunkBytes) == 1 ? Long.numberOfTrailingZeros(chunkBytes) : -1;
        int n = (int) ((length + chunkBytes - 1) / chunkBytes);
        chunks = new MappedByteBuffer[n];
        for (int i = 0; i < n; i++) {
            long pos = i * chunkBytes;
            long size = Math.min(chunkBytes, length - pos);
            chunks[i] = channel.map(mode, pos, size);
            chunks[i].order(ByteOrder.LITTLE_ENDIAN);
        }
    }

    long length() {
        return length;
    }

    private int chunk(long offset) {
        return chunkShift >= 0 ? (int) (offset >>> chunkShift) : (int) (offset / chunkBytes);
    }

    private int within(long offset, int chunk) {
        return (int) (offset - chunk * chunkBytes);
    }

    int getInt(long offset) {
        int c = chunk(offset);
        return chunks[c].getInt(within(offset, c));
    }

    /** Reads {@code count} consecutive little-endian ints that lie in one chunk, as one bulk copy. */
    void getInts(long offset, int[] dst, int off, int count) {
        int c = chunk(offset);
        int pos = within(offset, c);
        chunks[c].slice(pos, 4 * count).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(dst, off, count);
    }

    void get(long offset, byte[] dst, int off, int len) {
        int c = chunk(offset);
        chunks[c].get(within(offset, c), dst, off, len);
    }

    /** Copies one 32-byte node as four longs: cheaper than a bulk get for so few bytes. */
    void get32(long offset, byte[] dst, int off) {
        int c = chunk(offset);
        MappedByteBuffer b = chunks[c];
        int pos = within(offset, c);
        LONGS.set(dst, off, b.getLong(pos));
        LONGS.set(dst, off + 8, b.getLong(pos + 8));
        LONGS.set(dst, off + 16, b.getLong(pos + 16));
        LONGS.set(dst, off + 24, b.getLong(pos + 24));
    }

    /** Reads one long at {@code offset}: used to pull a cache line in before it is needed. */
    long touch(long offset) {
        int c = chunk(offset);
        return chunks[c].getLong(within(offset, c));
    }

    /** Writes one 32-byte node as four longs. */
    void put32(long offset, byte[] src, int off) {
        int c = chunk(offset);
        MappedByteBuffer b = chunks[c];
        int pos = within(offset, c);
        b.putLong(pos, (long) LONGS.get(src, off));
        b.putLong(pos + 8, (long) LONGS.get(src, off + 8));
        b.putLong(pos + 16, (long) LONGS.get(src, off + 16));
        b.putLong(pos + 24, (long) LONGS.get(src, off + 24));
    }

    /** Flushes written pages to the file. */
    void force() {
        for (MappedByteBuffer c : chunks) {
            c.force();
        }
    }
}
