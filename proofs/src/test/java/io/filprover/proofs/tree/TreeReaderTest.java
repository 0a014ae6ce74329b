package io.filprover.proofs.tree;

import io.filprover.proofs.TestJobs;
import io.filprover.api.SectorSize;
import io.filprover.api.kernels.Kernels;
import io.filprover.bls12381.field.Fr;
import io.filprover.proofs.merkle.MerkleProof;
import io.filprover.proofs.merkle.PathElement;
import io.filprover.proofs.merkle.PoseidonMerkleHasher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * tree_r_last openings with discarded rows recomputed from the replica equal the openings of the
 * same tree stored in full; long offsets on sparse 32 GiB files.
 */
class TreeReaderTest {
    private static final Kernels CPU = TestJobs.CPU;

    @TempDir
    Path dir;

    @Test
    void discardedRowsAreRecomputedExactly() throws IOException {
        long seed = new Random().nextLong();
        Random rnd = new Random(seed);
        SectorSize size = SectorSize.SIZE_8MIB; // one base tree of 8^6 leaves: 7 rows, default rows_to_discard 2
        long n = size.nodes();
        MappedFile replica = MappedFile.create(dir.resolve("sealed"), n * 32);
        byte[] node = new byte[32 * 4096];
        for (long i = 0; i < n; i += 4096) {
            for (int k = 0; k < 4096; k++) {
                Fr.random(rnd).toBytesLE(node, 32 * k);
            }
            replica.put(i * 32, node, 0, node.length);
        }
        LeafSource fromReplica = (first, count, out, off) -> {
            byte[] b = replica.get(first * 32, 32 * count);
            FrLimbs.toMontgomery(b, 0, out, off, count);
        };
        OctTreeBuilder builder = new OctTreeBuilder(CPU, TestJobs.pool(2));
        // the full tree stored as tree_c (every row), the level-cached one as tree_r_last
        OctTreeLayout full = new OctTreeLayout(n, 0);
        byte[] rootFull = builder.build(fromReplica, 0, full,
                MappedFile.create(dir.resolve(CacheFiles.treeC(0, 1)), full.fileBytes()));
        MappedFile fullFile = MappedFile.openRead(dir.resolve(CacheFiles.treeC(0, 1)), full.fileBytes());
        // the builder's own level-cache output for the default rows_to_discard ...
        OctTreeLayout def = OctTreeLayout.levelCache(n, 2);
        byte[] root2 = builder.build(fromReplica, 0, def, MappedFile.create(dir.resolve("built-r-last"), def.fileBytes()));
        assertArrayEquals(rootFull, root2, "seed " + seed);
        // ... is the tail of the full tree from row 3 on
        assertArrayEquals(fullFile.get(full.rowOffset(3), (int) def.fileBytes()),
                Files.readAllBytes(dir.resolve("built-r-last")), "seed " + seed);
        for (int discard : new int[] {0, 1, 2, 3}) {
            OctTreeLayout cached = OctTreeLayout.levelCache(n, discard);
            Path rl = dir.resolve(CacheFiles.treeRLast(0, 1));
            // tree_r_last file = rows discard+1 .. of the full tree (merkletree LevelCacheStore layout)
            Files.write(rl, fullFile.get(full.rowOffset(discard + 1), (int) cached.fileBytes()));
            CompoundTreeReader c = CompoundTreeReader.openTreeC(dir, size, CPU);
            CompoundTreeReader r = CompoundTreeReader.openTreeRLast(dir, dir.resolve("sealed"), size, CPU);
            for (int t = 0; t < 20; t++) {
                long leaf = Math.floorMod(rnd.nextLong(), n);
                MerkleProof a = c.prove(leaf);
                MerkleProof b = r.prove(leaf);
                assertEquals(leaf, b.leafIndex());
                assertTrue(b.verify(PoseidonMerkleHasher.INSTANCE), "seed " + seed + " leaf " + leaf);
                assertArrayEquals(a.leaf(), b.leaf());
                for (int k = 0; k < a.base().size(); k++) {
                    assertEquals(a.base().get(k).index(), b.base().get(k).index());
                    for (int s = 0; s < 7; s++) {
                        assertArrayEquals(a.base().get(k).siblings().get(s), b.base().get(k).siblings().get(s),
                                "seed " + seed + " discard " + discard + " leaf " + leaf + " level " + k);
                    }
                }
            }
        }
        assertEquals(OctTreeLayout.defaultRowsToDiscard(n), size.rowsToDiscard());
    }

    @Test
    void offsetsBeyondTwoGibOnSparseFiles() throws IOException {
        long seed = new Random().nextLong();
        Random rnd = new Random(seed);
        SectorSize size = SectorSize.SIZE_32GIB; // 8 base trees of 2^27 leaves; replica 32 GiB, sparse
        MappedFile replica = MappedFile.create(dir.resolve("sealed"), size.bytes());
        OctTreeLayout layout = OctTreeLayout.levelCache(size.leavesPerBaseTree(), 2);
        for (int b = 0; b < 8; b++) {
            MappedFile.create(dir.resolve(CacheFiles.treeRLast(b, 8)), layout.fileBytes());
        }
        // a leaf in base tree 6, byte offset ~ 27 GiB: far beyond int range
        long leaf = 6 * size.leavesPerBaseTree() + 123_456_789L;
        long groupStart = leaf & ~511L;
        byte[] group = new byte[512 * 32];
        for (int k = 0; k < 512; k++) {
            Fr.random(rnd).toBytesLE(group, 32 * k);
        }
        replica.put(groupStart * 32, group, 0, group.length);
        CompoundTreeReader r = CompoundTreeReader.openTreeRLast(dir, dir.resolve("sealed"), size, CPU);
        MerkleProof p = r.prove(leaf);
        assertEquals(leaf, p.leafIndex(), "seed " + seed);
        int in = (int) (leaf - groupStart);
        assertArrayEquals(Arrays.copyOfRange(group, 32 * in, 32 * in + 32), p.leaf());
        PathElement first = p.base().get(0);
        int pos = in & 7;
        int s = 0;
        for (int k = 0; k < 8; k++) {
            if (k != pos) {
                int idx = (in & ~7) + k;
                assertArrayEquals(Arrays.copyOfRange(group, 32 * idx, 32 * idx + 32), first.siblings().get(s++));
            }
        }
        // level 1 siblings are Poseidon_8 of the written groups (independent hash of the same bytes)
        PathElement second = p.base().get(1);
        int g1 = (in >>> 3) & 7;
        s = 0;
        for (int k = 0; k < 8; k++) {
            if (k != g1) {
                int gi = ((in >>> 6) << 3) + k;
                byte[][] kids = new byte[8][];
                for (int j = 0; j < 8; j++) {
                    kids[j] = Arrays.copyOfRange(group, 32 * (8 * gi + j), 32 * (8 * gi + j) + 32);
                }
                assertArrayEquals(PoseidonMerkleHasher.INSTANCE.hash(kids), second.siblings().get(s++));
            }
        }
        assertTrue(Files.size(dir.resolve("sealed")) > (1L << 31));
    }

    @Test
    void mappedFileStraddlesChunks() throws IOException {
        MappedFile f = MappedFile.create(dir.resolve("x"), 1000, 64);
        byte[] data = new byte[300];
        new Random(1).nextBytes(data);
        f.put(50, data, 0, data.length);
        assertArrayEquals(data, f.get(50, 300));
    }
}
