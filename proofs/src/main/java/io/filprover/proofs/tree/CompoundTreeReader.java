package io.filprover.proofs.tree;

import io.filprover.api.SectorSize;
import io.filprover.api.TreeShape;
import io.filprover.api.kernels.KernelTrees;
import io.filprover.api.kernels.Kernels;
import io.filprover.proofs.merkle.MerkleProof;
import io.filprover.proofs.merkle.PathElement;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Inclusion proofs (docs/spec/filecoin-porep-post.md §8.5) from the stored base-tree files of tree_c or tree_r_last.
 * Rows that
 * are not stored (tree_r_last's leaves and discarded rows) are recomputed from the replica: the
 * 8^firstStoredRow leaves below the first stored node on the path are re-hashed per proof.
 * Thread-safe.
 */
public final class CompoundTreeReader {
    private final TreeShape shape;
    private final OctTreeLayout layout;
    private final MappedFile[] bases;
    private final MappedFile replica;
    private final Kernels kernels;
    private final byte[][] baseRoots;
    private final byte[] root;

    private CompoundTreeReader(TreeShape shape, OctTreeLayout layout, MappedFile[] bases, MappedFile replica,
                               Kernels kernels) {
        this.shape = shape;
        this.layout = layout;
        this.bases = bases;
        this.replica = replica;
        this.kernels = kernels;
        this.baseRoots = new byte[bases.length][];
        for (int b = 0; b < bases.length; b++) {
            baseRoots[b] = bases[b].get(layout.rootOffset(), 32);
        }
        this.root = CompoundRoots.root(shape, baseRoots);
    }

    /** tree_c of a sector: {@code sc-02-data-tree-c[-b].dat}, every row stored. */
    public static CompoundTreeReader openTreeC(Path cacheDir, SectorSize size, Kernels kernels) throws IOException {
        OctTreeLayout layout = new OctTreeLayout(size.leavesPerBaseTree(), 0);
        return new CompoundTreeReader(size.shape(), layout, openBases(cacheDir, size, layout, false), null, kernels);
    }

    /** tree_r_last of a sector: {@code sc-02-data-tree-r-last[-b].dat} (level cache) + the replica file. */
    public static CompoundTreeReader openTreeRLast(Path cacheDir, Path replicaPath, SectorSize size, int rowsToDiscard,
                                                   Kernels kernels) throws IOException {
        OctTreeLayout layout = OctTreeLayout.levelCache(size.leavesPerBaseTree(), rowsToDiscard);
        MappedFile replica = MappedFile.openRead(replicaPath, size.bytes());
        return new CompoundTreeReader(size.shape(), layout, openBases(cacheDir, size, layout, true), replica, kernels);
    }

    /** As {@link #openTreeRLast} with the rows_to_discard read off the file size (any upstream setting). */
    public static CompoundTreeReader openTreeRLast(Path cacheDir, Path replicaPath, SectorSize size, Kernels kernels)
            throws IOException {
        Path first = cacheDir.resolve(CacheFiles.treeRLast(0, size.baseTreeCount()));
        if (!Files.isRegularFile(first)) {
            throw new SectorFilesException("cache directory " + cacheDir + " has no " + first.getFileName());
        }
        long bytes = Files.size(first);
        for (int d = 0; d + 1 < new OctTreeLayout(size.leavesPerBaseTree(), 0).rows(); d++) {
            if (OctTreeLayout.levelCache(size.leavesPerBaseTree(), d).fileBytes() == bytes) {
                return openTreeRLast(cacheDir, replicaPath, size, d, kernels);
            }
        }
        throw new SectorFilesException(first + " has " + bytes + " bytes, which fits no rows_to_discard for " + size);
    }

    private static MappedFile[] openBases(Path dir, SectorSize size, OctTreeLayout layout, boolean rLast)
            throws IOException {
        int count = size.baseTreeCount();
        MappedFile[] files = new MappedFile[count];
        for (int b = 0; b < count; b++) {
            Path p = dir.resolve(rLast ? CacheFiles.treeRLast(b, count) : CacheFiles.treeC(b, count));
            if (!Files.isRegularFile(p)) {
                throw new SectorFilesException("cache directory " + dir + " has no " + p.getFileName());
            }
            files[b] = MappedFile.openRead(p, layout.fileBytes());
        }
        return files;
    }

    public byte[] root() {
        return root.clone();
    }

    public long leaves() {
        return layout.leaves() * bases.length;
    }

    /** The leaf value (column hash for tree_c, replica node for tree_r_last). */
    public byte[] leaf(long c) {
        checkLeaf(c);
        if (layout.firstStoredRow() == 0) {
            int b = (int) (c / layout.leaves());
            return bases[b].get((c % layout.leaves()) * 32, 32);
        }
        return replica.get(c * 32, 32);
    }

    public MerkleProof prove(long c) {
        checkLeaf(c);
        int b = (int) (c / layout.leaves());
        long x = c % layout.leaves();
        int d = layout.firstStoredRow();
        byte[][] recomputed = d > 0 ? recomputeBelow(c - x, x, d) : null;
        List<PathElement> base = new ArrayList<>();
        for (int r = 0; r + 1 < layout.rows(); r++) {
            long group = x >>> (3 * (r + 1));
            int pos = (int) ((x >>> (3 * r)) & 7);
            byte[] nodes;
            if (r < d) {
                long local = (group << 3) - ((x >>> (3 * d)) << (3 * (d - r)));
                nodes = Arrays.copyOfRange(recomputed[r], (int) (local * 32), (int) (local * 32 + 256));
            } else {
                nodes = bases[b].get(layout.rowOffset(r) + group * 256, 256);
            }
            base.add(element(nodes, pos));
        }
        byte[] leaf = leaf(c);
        if (shape.subArity() == 0) {
            return new MerkleProof(MerkleProof.Kind.SINGLE, base, List.of(), List.of(), root, leaf);
        }
        int sub = shape.subArity();
        int subGroup = b / sub;
        List<byte[]> subSiblings = new ArrayList<>();
        for (int i = 0; i < sub; i++) {
            if (i != b % sub) {
                subSiblings.add(baseRoots[subGroup * sub + i]);
            }
        }
        List<PathElement> subPath = List.of(new PathElement(subSiblings, b % sub));
        if (shape.topArity() == 0) {
            return new MerkleProof(MerkleProof.Kind.SUB, base, subPath, List.of(), root, leaf);
        }
        byte[][] subRoots = CompoundRoots.subRoots(shape, baseRoots);
        List<byte[]> topSiblings = new ArrayList<>();
        for (int i = 0; i < subRoots.length; i++) {
            if (i != subGroup) {
                topSiblings.add(subRoots[i]);
            }
        }
        return new MerkleProof(MerkleProof.Kind.TOP, base, subPath, List.of(new PathElement(topSiblings, subGroup)),
                root, leaf);
    }

    /** Rows 0 .. d−1 of the 8^d-leaf subtree holding local leaf x of the base tree starting at baseStart. */
    private byte[][] recomputeBelow(long baseStart, long x, int d) {
        int n = 1 << (3 * d);
        long start = (x >>> (3 * d)) << (3 * d);
        byte[][] rows = new byte[d][];
        rows[0] = replica.get((baseStart + start) * 32, 32 * n);
        if (d == 1) {
            return rows;
        }
        long[] limbs = new long[4 * n];
        FrLimbs.toMontgomery(rows[0], 0, limbs, 0, n);
        // rows 1 .. d−1 in one call, one after another
        long[] levels = new long[4 * (int) KernelTrees.nodesAbove(8, n, d - 1)];
        kernels.poseidonTree(8, limbs, 0, n, d - 1, levels, 0);
        long[] scratch = new long[4];
        int at = 0;
        for (int r = 1; r < d; r++) {
            n /= 8;
            rows[r] = new byte[32 * n];
            FrLimbs.toBytes(levels, at, rows[r], 0, n, scratch);
            at += 4 * n;
        }
        return rows;
    }

    private static PathElement element(byte[] group, int pos) {
        List<byte[]> siblings = new ArrayList<>(7);
        for (int i = 0; i < 8; i++) {
            if (i != pos) {
                siblings.add(Arrays.copyOfRange(group, 32 * i, 32 * i + 32));
            }
        }
        return new PathElement(siblings, pos);
    }

    private void checkLeaf(long c) {
        if (c < 0 || c >= leaves()) {
            throw new IllegalArgumentException("leaf " + c + " outside [0, " + leaves() + ")");
        }
    }
}
