package io.filprover.proofs.tree;

import io.filprover.api.SectorSize;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * File sizes of the stored trees. Expected values: merkletree's get_merkle_tree_len /
 * get_merkle_tree_cache_size (src/merkle.rs) — the whole tree minus the leaves and rows_to_discard
 * rows — computed here by an independent summation; rows_to_discard per size from
 * docs/spec/filecoin-porep-post.md §4.1.
 */
class OctTreeLayoutTest {
    private static long sumRows(long leaves, int skipRows) {
        long n = 0;
        int r = 0;
        for (long w = leaves; w >= 1; w /= 8, r++) {
            if (r >= skipRows) {
                n += w;
            }
        }
        return n * 32;
    }

    @Test
    void fileSizesFollowMerkletree() {
        for (SectorSize s : SectorSize.values()) {
            long leaves = s.leavesPerBaseTree();
            assertEquals(sumRows(leaves, 0), new OctTreeLayout(leaves, 0).fileBytes(), s.label());
            assertEquals(sumRows(leaves, 1 + s.rowsToDiscard()),
                    OctTreeLayout.levelCache(leaves, s.rowsToDiscard()).fileBytes(), s.label());
            assertEquals(s.rowsToDiscard(), OctTreeLayout.defaultRowsToDiscard(leaves), s.label());
        }
        // 32 GiB base tree (2^27 leaves), rows_to_discard 2: rows 2^18 .. 1 = 299593 nodes
        assertEquals(299593L * 32, OctTreeLayout.levelCache(1L << 27, 2).fileBytes());
        OctTreeLayout l = OctTreeLayout.levelCache(1L << 27, 2);
        assertEquals(0, l.rowOffset(3));
        assertEquals((1L << 18) * 32, l.rowOffset(4));
        assertEquals(l.fileBytes() - 32, l.rootOffset());
        assertThrows(IllegalArgumentException.class, () -> l.rowOffset(2));
        assertThrows(IllegalArgumentException.class, () -> new OctTreeLayout(16, 0));
    }
}
