package io.filprover.api;

import java.util.Locale;

/**
 * The sector sizes Filecoin supports (production and test sizes), with the per-size constants of
 * the spec (docs/spec/filecoin-porep-post.md §4.1–§4.3). Sizes are padded byte counts.
 */
public enum SectorSize {
    SIZE_2KIB("2KiB", 2048L, 2, new TreeShape(8, 0, 0), 1, 2, true),
    SIZE_4KIB("4KiB", 4096L, 2, new TreeShape(8, 2, 0), 1, 2, false),
    SIZE_16KIB("16KiB", 16384L, 2, new TreeShape(8, 8, 0), 1, 2, false),
    SIZE_32KIB("32KiB", 32768L, 2, new TreeShape(8, 8, 2), 1, 2, false),
    SIZE_8MIB("8MiB", 8L << 20, 2, new TreeShape(8, 0, 0), 2, 2, true),
    SIZE_16MIB("16MiB", 16L << 20, 2, new TreeShape(8, 2, 0), 2, 2, false),
    SIZE_512MIB("512MiB", 512L << 20, 2, new TreeShape(8, 0, 0), 2, 2, true),
    SIZE_1GIB("1GiB", 1L << 30, 2, new TreeShape(8, 2, 0), 2, 2, false),
    SIZE_32GIB("32GiB", 32L << 30, 11, new TreeShape(8, 8, 0), 2, 2349, true),
    SIZE_64GIB("64GiB", 64L << 30, 11, new TreeShape(8, 8, 2), 2, 2300, true);

    /** Bytes per tree node (one Fr element). */
    public static final int NODE_SIZE = 32;

    private final String label;
    private final long bytes;
    private final int layers;
    private final TreeShape shape;
    private final int rowsToDiscard;
    private final int windowPostSectorsPerPartition;
    private final boolean published;

    SectorSize(String label, long bytes, int layers, TreeShape shape, int rowsToDiscard,
               int windowPostSectorsPerPartition, boolean published) {
        this.label = label;
        this.bytes = bytes;
        this.layers = layers;
        this.shape = shape;
        this.rowsToDiscard = rowsToDiscard;
        this.windowPostSectorsPerPartition = windowPostSectorsPerPartition;
        this.published = published;
    }

    /** Padded size in bytes. */
    public long bytes() {
        return bytes;
    }

    /** Unpadded capacity: bytes × 127 / 128. */
    public long unpaddedBytes() {
        return bytes / 128 * 127;
    }

    /** Number of 32-byte nodes. */
    public long nodes() {
        return bytes / NODE_SIZE;
    }

    /** log2 of the node count: the height of tree_d. */
    public int log2Nodes() {
        return Long.numberOfTrailingZeros(nodes());
    }

    /** SDR layers as upstream configures them for this size. */
    public int layers() {
        return layers;
    }

    public TreeShape shape() {
        return shape;
    }

    public int baseTreeCount() {
        return shape.baseTreeCount();
    }

    public long leavesPerBaseTree() {
        return nodes() / baseTreeCount();
    }

    /** Rows of an 8-ary base tree: log8(leaves) + 1. */
    public int baseTreeRows() {
        return Long.numberOfTrailingZeros(leavesPerBaseTree()) / 3 + 1;
    }

    /** Default rows_to_discard for tree_r_last. */
    public int rowsToDiscard() {
        return rowsToDiscard;
    }

    /** True for sizes with published Groth16 parameters (production sizes). */
    public boolean published() {
        return published;
    }

    private boolean large() {
        return bytes >= (32L << 30);
    }

    /** PoRep partitions for the given feature (docs/spec/filecoin-porep-post.md §4.2). */
    public int porepPartitions(PoRepFeature feature) {
        if (feature == PoRepFeature.NON_INTERACTIVE) {
            return large() ? 126 : 13;
        }
        return large() ? 10 : 1;
    }

    /** Minimum PoRep challenges for the given feature (docs/spec/filecoin-porep-post.md §4.2). */
    public int porepMinimumChallenges(PoRepFeature feature) {
        if (feature == PoRepFeature.NON_INTERACTIVE) {
            return large() ? 2253 : 26;
        }
        return large() ? 176 : 2;
    }

    /** Challenges per partition: ceil(minimum / partitions). */
    public int porepChallengesPerPartition(PoRepFeature feature) {
        int p = porepPartitions(feature);
        return (porepMinimumChallenges(feature) + p - 1) / p;
    }

    public int porepTotalChallenges(PoRepFeature feature) {
        return porepChallengesPerPartition(feature) * porepPartitions(feature);
    }

    /** Synthetic PoRep challenge count: min(N, 2^18). */
    public long syntheticChallenges() {
        return Math.min(nodes(), 1L << 18);
    }

    public int windowPostSectorsPerPartition() {
        return windowPostSectorsPerPartition;
    }

    public int windowPostChallengesPerSector() {
        return 10;
    }

    public int winningPostSectors() {
        return 1;
    }

    public int winningPostChallenges() {
        return 66;
    }

    /** The canonical label, e.g. {@code 32GiB}. */
    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }

    /** The size with exactly this many padded bytes. */
    public static SectorSize ofBytes(long bytes) {
        for (SectorSize s : values()) {
            if (s.bytes == bytes) {
                return s;
            }
        }
        throw new InvalidInputException("sector-size", "unsupported sector size " + bytes
                + " bytes; supported: " + supportedList());
    }

    /** Parses {@code 2KiB}, {@code 2kib}, {@code 2 KiB} or a byte count like {@code 2048}. */
    public static SectorSize parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("sector-size", "empty sector size; supported: " + supportedList());
        }
        String t = text.trim().replace(" ", "");
        if (t.chars().allMatch(Character::isDigit)) {
            try {
                return ofBytes(Long.parseLong(t));
            } catch (NumberFormatException e) {
                throw new InvalidInputException("sector-size", "unsupported sector size '" + text
                        + "'; supported: " + supportedList());
            }
        }
        String lower = t.toLowerCase(Locale.ROOT);
        for (SectorSize s : values()) {
            if (s.label.toLowerCase(Locale.ROOT).equals(lower)) {
                return s;
            }
        }
        throw new InvalidInputException("sector-size", "unsupported sector size '" + text
                + "'; supported: " + supportedList());
    }

    static String supportedList() {
        StringBuilder sb = new StringBuilder();
        for (SectorSize s : values()) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(s.label);
        }
        return sb.toString();
    }
}
