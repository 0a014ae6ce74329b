package io.filprover.proofs.tree;

import java.nio.file.Path;

/**
 * Upstream cache-directory file names (docs/spec/filecoin-porep-post.md §8.6, rust-fil-proofs {@code CacheKey} and
 * {@code StoreConfig::data_path}): {@code sc-02-data-<id>.dat}, with a {@code -<b>} suffix on the
 * tree_c and tree_r_last files when the tree has more than one base tree.
 */
public final class CacheFiles {
    public static final String TREE_D = "sc-02-data-tree-d.dat";
    public static final String P_AUX = "p_aux";
    public static final String SYNTHETIC_PROOFS = "syn-porep-vanilla-proofs.dat";

    private CacheFiles() {
    }

    public static String treeC(int base, int baseTrees) {
        return "sc-02-data-tree-c" + suffix(base, baseTrees) + ".dat";
    }

    public static String treeRLast(int base, int baseTrees) {
        return "sc-02-data-tree-r-last" + suffix(base, baseTrees) + ".dat";
    }

    public static Path treeD(Path cacheDir) {
        return cacheDir.resolve(TREE_D);
    }

    public static Path pAux(Path cacheDir) {
        return cacheDir.resolve(P_AUX);
    }

    /** The temporary name a file is written under until it is complete. */
    public static Path temp(Path file) {
        return file.resolveSibling(file.getFileName() + ".tmp");
    }

    private static String suffix(int base, int baseTrees) {
        if (base < 0 || base >= baseTrees) {
            throw new IllegalArgumentException("base tree " + base + " of " + baseTrees);
        }
        return baseTrees == 1 ? "" : "-" + base;
    }
}
