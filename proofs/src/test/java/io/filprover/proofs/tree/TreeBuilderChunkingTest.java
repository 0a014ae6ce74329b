package io.filprover.proofs.tree;

import io.filprover.proofs.TestJobs;
import io.filprover.api.kernels.Kernels;
import io.filprover.bls12381.field.Fr;
import io.filprover.proofs.merkle.PoseidonMerkleHasher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * The chunked, multi-threaded builders write the same files whatever the chunk size (so the rows
 * above the chunk roots are exercised on small trees), and the rows equal a naive row-by-row
 * recomputation with the reference node hashers.
 */
class TreeBuilderChunkingTest {
    private static final Kernels CPU = TestJobs.CPU;

    @TempDir
    Path dir;

    @Test
    void octTreeRowsIndependentOfChunking() throws IOException {
        long seed = new Random().nextLong();
        Random rnd = new Random(seed);
        int leaves = 512;
        byte[] data = new byte[32 * leaves];
        for (int i = 0; i < leaves; i++) {
            Fr.random(rnd).toBytesLE(data, 32 * i);
        }
        LeafSource src = (first, count, out, off) -> FrLimbs.toMontgomery(data, (int) first * 32, out, off, count);
        OctTreeLayout full = new OctTreeLayout(leaves, 0);
        byte[] reference = naiveOctRows(data);
        for (int chunkRows = 1; chunkRows <= 3; chunkRows++) {
            Path f = dir.resolve("oct-" + chunkRows);
            byte[] root = new OctTreeBuilder(CPU, TestJobs.pool(2), chunkRows).build(src, 0, full, MappedFile.create(f, full.fileBytes()));
            assertArrayEquals(reference, Files.readAllBytes(f), "seed " + seed + ", chunk rows " + chunkRows);
            assertArrayEquals(Arrays.copyOfRange(reference, reference.length - 32, reference.length), root);
            Path g = dir.resolve("cached-" + chunkRows);
            OctTreeLayout cached = OctTreeLayout.levelCache(leaves, 1);
            new OctTreeBuilder(CPU, TestJobs.pool(2), chunkRows).build(src, 0, cached, MappedFile.create(g, cached.fileBytes()));
            assertArrayEquals(Arrays.copyOfRange(reference, (int) full.rowOffset(2), reference.length),
                    Files.readAllBytes(g), "seed " + seed);
        }
    }

    @Test
    void binaryTreeRowsIndependentOfChunking() throws IOException {
        long seed = new Random().nextLong();
        Random rnd = new Random(seed);
        int leaves = 256;
        byte[] data = new byte[32 * leaves];
        rnd.nextBytes(data);
        byte[] reference = naiveBinaryRows(data);
        for (int chunkLog = 1; chunkLog <= 8; chunkLog += 3) {
            Path f = dir.resolve("bin-" + chunkLog);
            MappedFile m = MappedFile.create(f, BinaryTreeBuilder.fileBytes(leaves));
            m.put(0, data, 0, data.length);
            byte[] root = new BinaryTreeBuilder(CPU, TestJobs.pool(2), chunkLog).build(m, leaves);
            assertArrayEquals(reference, Files.readAllBytes(f), "seed " + seed + ", chunk log " + chunkLog);
            assertArrayEquals(Arrays.copyOfRange(reference, reference.length - 32, reference.length), root);
        }
    }

    private static byte[] naiveOctRows(byte[] leaves) {
        byte[] all = leaves.clone();
        byte[] row = leaves;
        while (row.length > 32) {
            byte[] next = new byte[row.length / 8];
            for (int p = 0; p < next.length / 32; p++) {
                byte[][] kids = new byte[8][];
                for (int k = 0; k < 8; k++) {
                    kids[k] = Arrays.copyOfRange(row, 32 * (8 * p + k), 32 * (8 * p + k) + 32);
                }
                System.arraycopy(PoseidonMerkleHasher.INSTANCE.hash(kids), 0, next, 32 * p, 32);
            }
            all = concat(all, next);
            row = next;
        }
        return all;
    }

    private static byte[] naiveBinaryRows(byte[] leaves) {
        byte[] all = leaves.clone();
        byte[] row = leaves;
        while (row.length > 32) {
            byte[] next = new byte[row.length / 2];
            for (int p = 0; p < next.length / 32; p++) {
                byte[] h = ShaMerkleHasher.INSTANCE.hash(new byte[][] {
                    Arrays.copyOfRange(row, 64 * p, 64 * p + 32), Arrays.copyOfRange(row, 64 * p + 32, 64 * p + 64)});
                System.arraycopy(h, 0, next, 32 * p, 32);
            }
            all = concat(all, next);
            row = next;
        }
        return all;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
