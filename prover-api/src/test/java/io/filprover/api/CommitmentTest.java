package io.filprover.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommitmentTest {
    @ParameterizedTest(name = "{0}")
    @CsvFileSource(resources = "/vectors/tv-cid.csv", numLinesToSkip = 1)
    void upstreamCids(String name, Commitment.Kind kind, String cid, String hex) {
        Commitment c = Commitment.parse(cid, kind, "cid");
        assertEquals(cid, c.toCid(kind));
        if (hex != null) {
            assertEquals(hex, c.hex());
            assertEquals(c, Commitment.parse(hex, kind, "hex"));
        }
    }

    @Test
    void cidPrefixes() {
        // The multicodec prefixes every Filecoin tool prints (issue text and Lotus output).
        byte[] b = new byte[32];
        new Random().nextBytes(b);
        b[31] &= 0x3f;
        assertTrue(Commitment.of(b).toCid(Commitment.Kind.UNSEALED).startsWith("baga6ea4seaq"));
        assertTrue(Commitment.of(b).toCid(Commitment.Kind.SEALED).startsWith("bagboea4b5abc"));
    }

    @Test
    void randomRoundTrips() {
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        for (int i = 0; i < 1000; i++) {
            byte[] b = new byte[32];
            rnd.nextBytes(b);
            b[31] &= 0x3f;
            Commitment c = Commitment.of(b);
            for (Commitment.Kind k : Commitment.Kind.values()) {
                assertEquals(c, Commitment.parse(c.toCid(k), k, "x"), "seed " + seed);
            }
            assertEquals(c, Commitment.parse(c.hex(), Commitment.Kind.UNSEALED, "x"), "seed " + seed);
            assertEquals(c, Commitment.parse("0x" + c.hex().toUpperCase(), Commitment.Kind.SEALED, "x"), "seed " + seed);
        }
    }

    @Test
    void malformedInputIsRejectedNamingTheField() {
        String good = "baga6ea4seaqao7s73y24kcutaosvacpdjgfe5pw76ooefnyqw4ynr3d2y6x2mpq";
        String sealed = "bagboea4b5abcbx3jccdohrttzfneleehcpkmle4oltwuh4q3rcf5tpdodaoj6mtl";
        String[] bad = {
            "", "xyz", "00", good.substring(0, 40), good + "aa", good.replace('q', '1'),
            sealed, // sealed CID where a piece commitment is expected
            "ff".repeat(32), // top bits set: not a fr32-trimmed commitment
            "zz".repeat(32),
        };
        for (String s : bad) {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> Commitment.parse(s, Commitment.Kind.UNSEALED, "piece"), s);
            assertEquals("piece", e.field(), s);
        }
        assertThrows(InvalidInputException.class, () -> Commitment.parse(good, Commitment.Kind.SEALED, "comm-r"));
    }
}
