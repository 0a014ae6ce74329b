package io.filprover.proofs.porep;

import io.filprover.api.SectorSize;
import io.filprover.api.kernels.Kernels;
import io.filprover.proofs.merkle.PoseidonMerkleHasher;
import io.filprover.proofs.sdr.LayerFiles;
import io.filprover.proofs.tree.BinaryTreeReader;
import io.filprover.proofs.tree.CacheFiles;
import io.filprover.proofs.tree.CompoundTreeReader;
import io.filprover.proofs.tree.MappedFile;
import io.filprover.proofs.tree.SectorFilesException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Read access to everything a sealed sector's cache directory and replica hold for C1: label
 * layers, tree_d, tree_c, tree_r_last and p_aux, checked against each other when opened.
 */
public final class SealedSector {
    private final SectorSize size;
    private final MappedFile[] labels;
    private final BinaryTreeReader treeD;
    private final CompoundTreeReader treeC;
    private final CompoundTreeReader treeRLast;

    private SealedSector(SectorSize size, MappedFile[] labels, BinaryTreeReader treeD, CompoundTreeReader treeC,
                         CompoundTreeReader treeRLast) {
        this.size = size;
        this.labels = labels;
        this.treeD = treeD;
        this.treeC = treeC;
        this.treeRLast = treeRLast;
    }

    /** Opens the files; throws IOException naming a missing or inconsistent file. */
    public static SealedSector open(SectorSize size, int layers, Path cacheDir, Path replica, Kernels kernels)
            throws IOException {
        MappedFile[] labels = new MappedFile[layers];
        for (int l = 1; l <= layers; l++) {
            labels[l - 1] = MappedFile.openRead(existing(cacheDir, LayerFiles.name(l)), size.nodes() * 32);
        }
        BinaryTreeReader treeD = BinaryTreeReader.open(existing(cacheDir, CacheFiles.TREE_D), size.nodes());
        CompoundTreeReader treeC = CompoundTreeReader.openTreeC(cacheDir, size, kernels);
        if (!Files.isRegularFile(replica)) {
            throw new SectorFilesException("replica " + replica + " does not exist");
        }
        CompoundTreeReader treeR = CompoundTreeReader.openTreeRLast(cacheDir, replica, size, kernels);
        byte[] pAux = Files.readAllBytes(existing(cacheDir, CacheFiles.P_AUX));
        if (pAux.length != 64 || !Arrays.equals(Arrays.copyOfRange(pAux, 0, 32), treeC.root())
                || !Arrays.equals(Arrays.copyOfRange(pAux, 32, 64), treeR.root())) {
            throw new SectorFilesException("p_aux in " + cacheDir + " does not match the tree_c / tree_r_last files");
        }
        return new SealedSector(size, labels, treeD, treeC, treeR);
    }

    static Path existing(Path dir, String name) throws IOException {
        Path p = dir.resolve(name);
        if (!Files.isRegularFile(p)) {
            throw new SectorFilesException("cache directory " + dir + " has no " + name);
        }
        return p;
    }

    public SectorSize size() {
        return size;
    }

    public int layers() {
        return labels.length;
    }

    public byte[] commD() {
        return treeD.root();
    }

    public byte[] commC() {
        return treeC.root();
    }

    public byte[] commRLast() {
        return treeRLast.root();
    }

    public byte[] commR() {
        return PoseidonMerkleHasher.commR(commC(), commRLast());
    }

    public byte[] label(int layer, long node) {
        return labels[layer - 1].get(node * 32, 32);
    }

    public BinaryTreeReader treeD() {
        return treeD;
    }

    public CompoundTreeReader treeC() {
        return treeC;
    }

    public CompoundTreeReader treeRLast() {
        return treeRLast;
    }

    public ColumnProof column(long node) {
        List<byte[]> rows = new ArrayList<>(labels.length);
        for (int l = 1; l <= labels.length; l++) {
            rows.add(label(l, node));
        }
        return new ColumnProof(node, rows, treeC.prove(node));
    }
}
