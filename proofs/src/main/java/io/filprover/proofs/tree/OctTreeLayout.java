package io.filprover.proofs.tree;

/**
 * Row geometry of one 8-ary base tree as merkletree stores it: rows bottom-up (row 0 = leaves),
 * each row's nodes consecutive, the stored rows {@code [firstStoredRow, rows)} concatenated. tree_c
 * stores every row (first stored row 0); tree_r_last ("LevelCacheStore") leaves out the leaves and
 * {@code rows_to_discard} rows above them (first stored row 1 + rows_to_discard).
 */
public final class OctTreeLayout {
    public static final int ARITY = 8;

    private final long leaves;
    private final int rows;
    private final int firstStoredRow;

    public OctTreeLayout(long leaves, int firstStoredRow) {
        if (leaves < ARITY || Long.bitCount(leaves) != 1 || Long.numberOfTrailingZeros(leaves) % 3 != 0) {
            throw new IllegalArgumentException("an 8-ary base tree needs a power of 8 leaves (>= 8): " + leaves);
        }
        this.leaves = leaves;
        this.rows = Long.numberOfTrailingZeros(leaves) / 3 + 1;
        if (firstStoredRow < 0 || firstStoredRow >= rows) {
            throw new IllegalArgumentException("first stored row " + firstStoredRow + " of " + rows + " rows");
        }
        this.firstStoredRow = firstStoredRow;
    }

    /** tree_r_last's layout: rows_to_discard rows above the (unstored) leaves are dropped (docs/spec/filecoin-porep-post.md §8.6). */
    public static OctTreeLayout levelCache(long leaves, int rowsToDiscard) {
        return new OctTreeLayout(leaves, 1 + rowsToDiscard);
    }

    /**
     * Upstream's default rows_to_discard for an 8-ary tree: 0 for ≤ 2 rows, 1 for 3 rows, else
     * min(rows − 2, 2) (merkletree {@code StoreConfig::default_rows_to_discard}).
     */
    public static int defaultRowsToDiscard(long leaves) {
        int r = Long.numberOfTrailingZeros(leaves) / 3 + 1;
        if (r <= 2) {
            return 0;
        }
        return r == 3 ? 1 : Math.min(r - 2, 2);
    }

    public long leaves() {
        return leaves;
    }

    public int rows() {
        return rows;
    }

    public int firstStoredRow() {
        return firstStoredRow;
    }

    /** Nodes in row {@code r}. */
    public long rowWidth(int r) {
        return leaves >>> (3 * r);
    }

    /** Byte offset of row {@code r}'s first node in the file (only for stored rows). */
    public long rowOffset(int r) {
        if (r < firstStoredRow || r >= rows) {
            throw new IllegalArgumentException("row " + r + " is not stored");
        }
        long nodes = 0;
        for (int i = firstStoredRow; i < r; i++) {
            nodes += rowWidth(i);
        }
        return nodes * 32;
    }

    /** The file's size in bytes. */
    public long fileBytes() {
        long nodes = 0;
        for (int i = firstStoredRow; i < rows; i++) {
            nodes += rowWidth(i);
        }
        return nodes * 32;
    }

    /** Offset of the root node. */
    public long rootOffset() {
        return rowOffset(rows - 1);
    }
}
