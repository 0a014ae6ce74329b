package io.filprover.api;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PorepIdTest {
    @Test
    void numbersAndHexAgree() {
        // docs/spec/filecoin-porep-post.md §4.4: porep_id = u64_LE(id) || u64_LE(0) || 16 zero bytes
        PorepId eight = PorepId.parse("8");
        assertEquals(PorepId.parse("08" + "00".repeat(31)), eight);
        assertArrayEquals(RegisteredSealProof.ofId(8).porepId(), eight.bytes());
        assertEquals(ApiVersion.V1_1_0, eight.defaultApiVersion());
        assertEquals(ApiVersion.V1_0_0, PorepId.parse("3").defaultApiVersion());
        assertEquals(ApiVersion.V1_2_0, PorepId.parse("13").defaultApiVersion());
        assertEquals(ApiVersion.V1_2_0, PorepId.parse("19").defaultApiVersion());
        PorepId max = PorepId.parse("18446744073709551615");
        assertEquals(-1L, max.registeredId());
    }

    @Test
    void badIdsAreRejected() {
        for (String s : new String[] {"", "-1", "18446744073709551616", "abc", "0x08", "08".repeat(31), "zz".repeat(32)}) {
            assertEquals("porep-id", assertThrows(InvalidInputException.class, () -> PorepId.parse(s), s).field());
        }
        // upstream vectors use ids outside the registry: accepted, but they need an explicit API version
        PorepId unknown = PorepId.parse("99");
        assertThrows(InvalidInputException.class, unknown::defaultApiVersion);
        assertThrows(InvalidInputException.class, () -> PorepId.parse("ff".repeat(32)).defaultApiVersion());
    }
}
