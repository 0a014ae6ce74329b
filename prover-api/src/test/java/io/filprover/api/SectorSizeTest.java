package io.filprover.api;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SectorSizeTest {
    @Test
    void parsesLabelsAnyCaseAndByteCounts() {
        assertEquals(SectorSize.SIZE_2KIB, SectorSize.parse("2KiB"));
        assertEquals(SectorSize.SIZE_2KIB, SectorSize.parse("2kib"));
        assertEquals(SectorSize.SIZE_2KIB, SectorSize.parse("2048"));
        assertEquals(SectorSize.SIZE_2KIB, SectorSize.parse(" 2 KiB "));
        assertEquals(SectorSize.SIZE_32GIB, SectorSize.parse("32GIB"));
        assertEquals(SectorSize.SIZE_64GIB, SectorSize.parse("68719476736"));
        for (SectorSize s : SectorSize.values()) {
            assertEquals(s, SectorSize.parse(s.label()));
            assertEquals(s, SectorSize.parse(Long.toString(s.bytes())));
        }
    }

    @Test
    void rejectsUnknownSizes() {
        for (String s : new String[] {"", "3KiB", "1000", "-2048", "2KB?", "99999999999999999999999"}) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> SectorSize.parse(s), s);
            assertEquals("sector-size", e.field());
        }
    }

    @Test
    void tableOfSpecSection41() {
        // docs/spec/filecoin-porep-post.md §4.1: nodes, layers, shape, base trees, leaves per base tree, base rows,
        // rows_to_discard
        Object[][] rows = {
            {SectorSize.SIZE_2KIB, 64L, 2, "8-0-0", 1, 64L, 3, 1},
            {SectorSize.SIZE_4KIB, 128L, 2, "8-2-0", 2, 64L, 3, 1},
            {SectorSize.SIZE_16KIB, 512L, 2, "8-8-0", 8, 64L, 3, 1},
            {SectorSize.SIZE_32KIB, 1024L, 2, "8-8-2", 16, 64L, 3, 1},
            {SectorSize.SIZE_8MIB, 1L << 18, 2, "8-0-0", 1, 1L << 18, 7, 2},
            {SectorSize.SIZE_16MIB, 1L << 19, 2, "8-2-0", 2, 1L << 18, 7, 2},
            {SectorSize.SIZE_512MIB, 1L << 24, 2, "8-0-0", 1, 1L << 24, 9, 2},
            {SectorSize.SIZE_1GIB, 1L << 25, 2, "8-2-0", 2, 1L << 24, 9, 2},
            {SectorSize.SIZE_32GIB, 1L << 30, 11, "8-8-0", 8, 1L << 27, 10, 2},
            {SectorSize.SIZE_64GIB, 1L << 31, 11, "8-8-2", 16, 1L << 27, 10, 2},
        };
        for (Object[] r : rows) {
            SectorSize s = (SectorSize) r[0];
            assertEquals(r[1], s.nodes(), s.label());
            assertEquals(r[2], s.layers(), s.label());
            assertEquals(r[3], s.shape().toString(), s.label());
            assertEquals(r[4], s.baseTreeCount(), s.label());
            assertEquals(r[5], s.leavesPerBaseTree(), s.label());
            assertEquals(r[6], s.baseTreeRows(), s.label());
            assertEquals(r[7], s.rowsToDiscard(), s.label());
        }
        assertEquals(2032, SectorSize.SIZE_2KIB.unpaddedBytes());
        assertEquals(34091302912L, SectorSize.SIZE_32GIB.unpaddedBytes());
    }

    @Test
    void challengeCountsOfSections42And43() {
        // docs/spec/filecoin-porep-post.md §4.2 PoRep partitions / challenges, docs/spec/filecoin-porep-post.md §4.3
        // PoSt parameters
        assertEquals(1, SectorSize.SIZE_2KIB.porepPartitions(PoRepFeature.NONE));
        assertEquals(2, SectorSize.SIZE_2KIB.porepTotalChallenges(PoRepFeature.NONE));
        assertEquals(13, SectorSize.SIZE_512MIB.porepPartitions(PoRepFeature.NON_INTERACTIVE));
        assertEquals(26, SectorSize.SIZE_512MIB.porepTotalChallenges(PoRepFeature.NON_INTERACTIVE));
        assertEquals(10, SectorSize.SIZE_32GIB.porepPartitions(PoRepFeature.SYNTHETIC));
        assertEquals(18, SectorSize.SIZE_32GIB.porepChallengesPerPartition(PoRepFeature.NONE));
        assertEquals(180, SectorSize.SIZE_64GIB.porepTotalChallenges(PoRepFeature.NONE));
        assertEquals(126, SectorSize.SIZE_32GIB.porepPartitions(PoRepFeature.NON_INTERACTIVE));
        assertEquals(2268, SectorSize.SIZE_32GIB.porepTotalChallenges(PoRepFeature.NON_INTERACTIVE));
        assertEquals(64, SectorSize.SIZE_2KIB.syntheticChallenges());
        assertEquals(1L << 18, SectorSize.SIZE_32GIB.syntheticChallenges());
        assertEquals(2349, SectorSize.SIZE_32GIB.windowPostSectorsPerPartition());
        assertEquals(2300, SectorSize.SIZE_64GIB.windowPostSectorsPerPartition());
        assertEquals(2, SectorSize.SIZE_1GIB.windowPostSectorsPerPartition());
        assertEquals(66, SectorSize.SIZE_8MIB.winningPostChallenges());
        assertEquals(10, SectorSize.SIZE_8MIB.windowPostChallengesPerSector());
    }
}
