package io.filprover.proofs.sdr;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Read-only, memory-mapped access to the label layer files a {@link SdrLabeler} wrote into a cache
 * directory (for column hashes, encoding and column openings). Thread-safe.
 */
public final class LabelLayers {
    private static final long CHUNK_BYTES = 1L << 30;

    private final MappedRegion[] layers;
    private final long nodes;

    private LabelLayers(MappedRegion[] layers, long nodes) {
        this.layers = layers;
        this.nodes = nodes;
    }

    /** Maps {@code sc-02-data-layer-1.dat … -<layers>.dat}; each must hold exactly {@code nodes} labels. */
    public static LabelLayers open(Path cacheDir, int layers, long nodes) throws IOException {
        MappedRegion[] maps = new MappedRegion[layers];
        for (int l = 1; l <= layers; l++) {
            Path p = LayerFiles.path(cacheDir, l);
            try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
                if (ch.size() != nodes * 32) {
                    throw new IOException("layer file " + p + " has " + ch.size() + " bytes, expected " + nodes * 32);
                }
                maps[l - 1] = new MappedRegion(ch, FileChannel.MapMode.READ_ONLY, nodes * 32, CHUNK_BYTES);
            }
        }
        return new LabelLayers(maps, nodes);
    }

    public int layers() {
        return layers.length;
    }

    public long nodes() {
        return nodes;
    }

    /** Copies the label of {@code node} in {@code layer} (1-based) to {@code out[off..off+32)}. */
    public void label(int layer, long node, byte[] out, int off) {
        if (layer < 1 || layer > layers.length || node < 0 || node >= nodes) {
            throw new IllegalArgumentException("no label for layer " + layer + ", node " + node);
        }
        layers[layer - 1].get(node * 32, out, off, 32);
    }

    public byte[] label(int layer, long node) {
        byte[] out = new byte[32];
        label(layer, node, out, 0);
        return out;
    }
}
