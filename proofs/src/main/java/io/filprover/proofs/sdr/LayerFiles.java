package io.filprover.proofs.sdr;

import java.nio.file.Path;

/** Upstream cache-directory names of the label layers (docs/spec/filecoin-porep-post.md §7, {@code CacheKey::label_layer}). */
public final class LayerFiles {
    private LayerFiles() {
    }

    /** {@code sc-02-data-layer-<layer>.dat}, layers numbered from 1. */
    public static String name(int layer) {
        if (layer < 1) {
            throw new IllegalArgumentException("layers are numbered from 1");
        }
        return "sc-02-data-layer-" + layer + ".dat";
    }

    public static Path path(Path cacheDir, int layer) {
        return cacheDir.resolve(name(layer));
    }
}
