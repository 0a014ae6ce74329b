package io.filprover.proofs.groth16.params;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A read-only memory-mapped file of any size: mapped in windows of 1 GiB that overlap by one G2
 * point, so every point lies wholly inside one window. Absolute reads only, hence thread-safe.
 */
final class MappedFile implements ByteSource {
    private static final long DEFAULT_WINDOW = 1L << 30;
    private static final long OVERLAP = PointVectorCodec.G2_BYTES;

    private final MappedByteBuffer[] windows;
    private final long length;
    private final long window;

    MappedFile(Path path) throws IOException {
        this(path, DEFAULT_WINDOW);
    }

    /** With a chosen window size (tests use small windows to cross boundaries). */
    MappedFile(Path path, long window) throws IOException {
        this.window = window;
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            length = ch.size();
            int n = (int) Math.max(1, (length + window - 1) / window);
            windows = new MappedByteBuffer[n];
            for (int i = 0; i < n; i++) {
                long start = i * window;
                long size = Math.min(window + OVERLAP, length - start);
                windows[i] = ch.map(FileChannel.MapMode.READ_ONLY, start, Math.max(0, size));
            }
        }
    }

    @Override
    public void read(long offset, byte[] dst) {
        if (offset < 0 || offset + dst.length > length) {
            throw new IndexOutOfBoundsException("read of " + dst.length + " bytes at " + offset + " in " + length);
        }
        int w = (int) (offset / window);
        long local = offset - w * window;
        if (local + dst.length > windows[w].capacity()) {
            // longer than the overlap (never for points): fall back to byte-wise reads across windows
            for (int i = 0; i < dst.length; i++) {
                long o = offset + i;
                dst[i] = windows[(int) (o / window)].get((int) (o % window));
            }
            return;
        }
        windows[w].get((int) local, dst);
    }

    @Override
    public long length() {
        return length;
    }
}
