package io.filprover.api;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RegisteredProofTest {
    @Test
    void sealProofIdsAndPorepIds() {
        // docs/spec/filecoin-porep-post.md §4.4: id = 5*group + size index; porep_id = u64_LE(id) || u64_LE(0) || 16
        // zero bytes
        assertEquals(20, RegisteredSealProof.values().length);
        for (RegisteredSealProof p : RegisteredSealProof.values()) {
            assertEquals(p, RegisteredSealProof.ofId(p.id()));
            assertEquals(p, RegisteredSealProof.parse(p.upstreamName()));
            assertEquals(p, RegisteredSealProof.parse(Integer.toString(p.id())));
            byte[] id = new byte[32];
            id[0] = (byte) p.id();
            assertArrayEquals(id, p.porepId());
        }
        RegisteredSealProof p8 = RegisteredSealProof.ofId(8);
        assertEquals("StackedDrg32GiBV1_1", p8.upstreamName());
        assertEquals(SectorSize.SIZE_32GIB, p8.sectorSize());
        assertEquals(ApiVersion.V1_1_0, p8.apiVersion());
        assertEquals(10, p8.partitions());
        RegisteredSealProof synth = RegisteredSealProof.ofId(13);
        assertEquals("StackedDrg32GiBV1_1_Feat_SyntheticPoRep", synth.upstreamName());
        assertEquals(ApiVersion.V1_2_0, synth.apiVersion()); // the name says 1_1, the version is 1.2.0
        assertEquals(PoRepFeature.SYNTHETIC, synth.feature());
        RegisteredSealProof ni = RegisteredSealProof.ofId(19);
        assertEquals("StackedDrg64GiBV1_2_Feat_NonInteractivePoRep", ni.upstreamName());
        assertEquals(126, ni.partitions());
        assertEquals(13, RegisteredSealProof.ofId(15).partitions());
        assertEquals(ApiVersion.V1_0_0, RegisteredSealProof.ofId(2).apiVersion());
        assertEquals(RegisteredSealProof.STACKED_DRG_512MIB_V1_1,
                RegisteredSealProof.of(SectorSize.SIZE_512MIB, ApiVersion.V1_1_0, PoRepFeature.NONE));
        assertArrayEquals(new byte[] {0x39, 0x30, 0, 0, 0, 0, 0, 0}, java.util.Arrays.copyOf(RegisteredSealProof.porepIdOf(12345), 8));
    }

    @Test
    void postProofs() {
        assertEquals(15, RegisteredPoStProof.values().length);
        RegisteredPoStProof w = RegisteredPoStProof.ofId(8);
        // TV-POST-GOLDEN: PoStProof 8 = StackedDrgWindow32GiBV1
        assertEquals("StackedDrgWindow32GiBV1", w.upstreamName());
        assertEquals(RegisteredPoStProof.Kind.WINDOW, w.kind());
        assertEquals(2349, w.sectorCount());
        assertEquals(10, w.challengeCount());
        RegisteredPoStProof win = RegisteredPoStProof.ofId(0);
        assertEquals("StackedDrgWinning2KiBV1", win.upstreamName());
        assertEquals(66, win.challengeCount());
        assertEquals(1, win.sectorCount());
        assertEquals(ApiVersion.V1_2_0, RegisteredPoStProof.ofId(13).apiVersion());
        for (RegisteredPoStProof p : RegisteredPoStProof.values()) {
            assertEquals(p, RegisteredPoStProof.parse(p.upstreamName()));
        }
    }

    @Test
    void unknownIdsAreRejected() {
        assertEquals("porep-id", assertThrows(InvalidInputException.class, () -> RegisteredSealProof.ofId(20)).field());
        assertThrows(InvalidInputException.class, () -> RegisteredSealProof.parse("StackedDrg3GiBV1"));
        assertThrows(InvalidInputException.class, () -> RegisteredPoStProof.ofId(-1));
        assertThrows(InvalidInputException.class, () -> ApiVersion.parse("2.0"));
        assertEquals(ApiVersion.V1_1_0, ApiVersion.parse("1.1"));
    }

    @Test
    void pieceSizes() {
        assertEquals(128, new UnpaddedPieceSize(127).padded().bytes());
        assertEquals(34091302912L, new PaddedPieceSize(32L << 30).unpadded().bytes());
        assertEquals(254, UnpaddedPieceSize.atLeast(128).bytes());
        assertEquals(127, UnpaddedPieceSize.atLeast(1).bytes());
        assertEquals(127L << 20, UnpaddedPieceSize.atLeast(127L << 20).bytes());
        for (long bad : new long[] {0, 126, 128, 381, 127 * 3}) {
            assertThrows(InvalidInputException.class, () -> new UnpaddedPieceSize(bad), Long.toString(bad));
        }
        for (long bad : new long[] {0, 64, 127, 384, 1000}) {
            assertThrows(InvalidInputException.class, () -> new PaddedPieceSize(bad), Long.toString(bad));
        }
    }
}
