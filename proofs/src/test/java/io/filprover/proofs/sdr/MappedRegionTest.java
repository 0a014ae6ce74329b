package io.filprover.proofs.sdr;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The labeler's fast paths of {@link MappedRegion} (32-byte copies as longs, record reads,
 * touches) against plain positioned channel I/O, for power-of-two chunks (layers)
 * and record-sized chunks (the parent cache), including offsets beyond 2^31 on a sparse file.
 */
class MappedRegionTest {
    @TempDir
    Path dir;

    @Test
    void nodeCopiesMatchChannelReadsAcrossChunks() throws IOException {
        long seed = new Random().nextLong();
        Random rnd = new Random(seed);
        for (long chunk : new long[] {64, 96, 1 << 12}) { // 96: not a power of two (division path)
            Path file = dir.resolve("nodes-" + chunk);
            byte[] content = new byte[32 * 1000];
            rnd.nextBytes(content);
            write(file, 0, content);
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                MappedRegion region = new MappedRegion(ch, FileChannel.MapMode.READ_WRITE, content.length, chunk);
                for (int i = 0; i < 500; i++) {
                    int node = rnd.nextInt(1000);
                    byte[] expected = Arrays.copyOfRange(content, node * 32, node * 32 + 32);
                    // one node copied into the middle of a label message; nothing else written
                    byte[] dst = new byte[1248];
                    int slot = 64 + 32 * rnd.nextInt(37);
                    region.get32(node * 32L, dst, slot);
                    assertArrayEquals(expected, Arrays.copyOfRange(dst, slot, slot + 32), "seed " + seed + " chunk " + chunk);
                    for (int o = 0; o < dst.length; o++) {
                        if (o < slot || o >= slot + 32) {
                            assertEquals(0, dst[o], "seed " + seed + ": byte written outside the slot");
                        }
                    }
                    assertEquals(ByteBuffer.wrap(expected).order(ByteOrder.LITTLE_ENDIAN).getLong(0),
                            region.touch(node * 32L), "seed " + seed);
                }
                byte[] label = new byte[32];
                rnd.nextBytes(label);
                int node = rnd.nextInt(1000);
                region.put32(node * 32L, label, 0);
                region.force();
                assertArrayEquals(label, read(file, node * 32L, 32), "seed " + seed + " chunk " + chunk);
            }
        }
    }

    @Test
    void recordIntsMatchWithRecordSizedChunks() throws IOException {
        long seed = new Random().nextLong();
        Random rnd = new Random(seed);
        int records = 300;
        byte[] content = new byte[56 * records];
        rnd.nextBytes(content);
        Path file = dir.resolve("records");
        write(file, 0, content);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            MappedRegion region = new MappedRegion(ch, FileChannel.MapMode.READ_ONLY, content.length, 56 * 7);
            ByteBuffer all = ByteBuffer.wrap(content).order(ByteOrder.LITTLE_ENDIAN);
            int[] got = new int[20];
            for (int r = 0; r < records; r++) {
                region.getInts(56L * r, got, 3, 14);
                for (int i = 0; i < 14; i++) {
                    assertEquals(all.getInt(56 * r + 4 * i), got[3 + i], "seed " + seed + " record " + r);
                    assertEquals(all.getInt(56 * r + 4 * i), region.getInt(56L * r + 4 * i), "seed " + seed);
                }
            }
        }
    }

    @Test
    void offsetsBeyondTwoGibOnASparseFile() throws IOException {
        long seed = new Random().nextLong();
        Random rnd = new Random(seed);
        Path file = dir.resolve("sparse");
        long length = (3L << 30) + 4096;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            MappedRegion region = new MappedRegion(ch, FileChannel.MapMode.READ_WRITE, length, 1L << 30);
            long[] offsets = {(1L << 31) - 32, 1L << 31, (1L << 31) + 32L * rnd.nextInt(1 << 20), length - 32};
            for (long off : offsets) {
                byte[] label = new byte[32];
                rnd.nextBytes(label);
                region.put32(off, label, 0);
                byte[] back = new byte[32];
                region.get32(off, back, 0);
                assertArrayEquals(label, back, "seed " + seed + " offset " + off);
                region.force();
                assertArrayEquals(label, read(file, off, 32), "seed " + seed + " offset " + off);
            }
        }
    }

    private static void write(Path file, long pos, byte[] bytes) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(bytes), pos);
        }
    }

    private static byte[] read(Path file, long pos, int len) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(len);
            while (b.hasRemaining()) {
                ch.read(b, pos + b.position());
            }
            return b.array();
        }
    }
}
