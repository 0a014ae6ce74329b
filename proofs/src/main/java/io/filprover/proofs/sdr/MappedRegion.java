package io.filprover.proofs.sdr;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A file region of any length (beyond 2 GiB) mapped as a series of {@link MappedByteBuffer}s of
 * {@code chunkBytes} each. Callers pick a chunk size that is a multiple of their record size, so a
 * record never straddles two chunks. Absolute reads are safe from many threads.
 */
final class MappedRegion {
    private final MappedByteBuffer[] chunks;
    private final long chunkBytes;
    private final long length;

    MappedRegion(FileChannel channel, FileChannel.MapMode mode, long length, long chunkBytes) throws IOException {
        if (chunkBytes <= 0 || chunkBytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("chunk size out of range: " + chunkBytes);
        }
        this.length = length;
        this.chunkBytes = chunkBytes;
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

    int getInt(long offset) {
        return chunks[(int) (offset / chunkBytes)].getInt((int) (offset % chunkBytes));
    }

    void get(long offset, byte[] dst, int off, int len) {
        chunks[(int) (offset / chunkBytes)].get((int) (offset % chunkBytes), dst, off, len);
    }

    void put(long offset, byte[] src, int off, int len) {
        chunks[(int) (offset / chunkBytes)].put((int) (offset % chunkBytes), src, off, len);
    }

    /** Flushes written pages to the file. */
    void force() {
        for (MappedByteBuffer c : chunks) {
            c.force();
        }
    }
}
