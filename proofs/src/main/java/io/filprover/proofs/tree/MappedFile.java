package io.filprover.proofs.tree;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A whole file mapped as a series of 1 GiB {@link MappedByteBuffer}s, addressed with {@code long}
 * offsets so files beyond 2 GiB (tree_d of a 32 GiB sector is 64 GiB) never pass through the heap
 * and never overflow an {@code int}. Accesses may straddle chunk boundaries. Absolute reads and
 * writes of disjoint ranges are safe from many threads.
 */
public final class MappedFile {
    static final long DEFAULT_CHUNK = 1L << 30;

    private final Path path;
    private final MappedByteBuffer[] chunks;
    private final long chunkBytes;
    private final long length;

    private MappedFile(Path path, FileChannel ch, FileChannel.MapMode mode, long length, long chunkBytes)
            throws IOException {
        this.path = path;
        this.length = length;
        this.chunkBytes = chunkBytes;
        int n = (int) ((length + chunkBytes - 1) / chunkBytes);
        chunks = new MappedByteBuffer[n];
        for (int i = 0; i < n; i++) {
            long pos = i * chunkBytes;
            chunks[i] = ch.map(mode, pos, Math.min(chunkBytes, length - pos));
            chunks[i].order(ByteOrder.LITTLE_ENDIAN);
        }
    }

    /** Maps an existing file read-only; its size must be {@code expectedLength} (or any when negative). */
    public static MappedFile openRead(Path path, long expectedLength) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            if (expectedLength >= 0 && size != expectedLength) {
                throw new SectorFilesException(path + " has " + size + " bytes, expected " + expectedLength);
            }
            return new MappedFile(path, ch, FileChannel.MapMode.READ_ONLY, size, DEFAULT_CHUNK);
        }
    }

    /** Creates (or truncates) {@code path} with {@code length} zero bytes and maps it read-write. */
    public static MappedFile create(Path path, long length) throws IOException {
        return create(path, length, DEFAULT_CHUNK);
    }

    /** As {@link #create(Path, long)} with a given chunk size (tests use small chunks to cross boundaries). */
    static MappedFile create(Path path, long length, long chunkBytes) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.truncate(0);
            return new MappedFile(path, ch, FileChannel.MapMode.READ_WRITE, length, chunkBytes);
        }
    }

    /** Maps an existing file read-write without changing it. */
    public static MappedFile openWrite(Path path) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            return new MappedFile(path, ch, FileChannel.MapMode.READ_WRITE, ch.size(), DEFAULT_CHUNK);
        }
    }

    public Path path() {
        return path;
    }

    public long length() {
        return length;
    }

    public void get(long offset, byte[] dst, int off, int len) {
        check(offset, len);
        while (len > 0) {
            int c = (int) (offset / chunkBytes);
            int pos = (int) (offset % chunkBytes);
            int n = (int) Math.min(len, chunkBytes - pos);
            chunks[c].get(pos, dst, off, n);
            offset += n;
            off += n;
            len -= n;
        }
    }

    public byte[] get(long offset, int len) {
        byte[] b = new byte[len];
        get(offset, b, 0, len);
        return b;
    }

    public void put(long offset, byte[] src, int off, int len) {
        check(offset, len);
        while (len > 0) {
            int c = (int) (offset / chunkBytes);
            int pos = (int) (offset % chunkBytes);
            int n = (int) Math.min(len, chunkBytes - pos);
            chunks[c].put(pos, src, off, n);
            offset += n;
            off += n;
            len -= n;
        }
    }

    private void check(long offset, int len) {
        if (offset < 0 || len < 0 || offset > length - len) {
            throw new IndexOutOfBoundsException("range [" + offset + ", +" + len + ") outside " + path
                    + " of " + length + " bytes");
        }
    }

    /** Flushes written pages to the file. */
    public void force() {
        for (MappedByteBuffer c : chunks) {
            c.force();
        }
    }
}
