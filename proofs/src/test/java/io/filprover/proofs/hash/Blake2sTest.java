package io.filprover.proofs.hash;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.filprover.api.Hex;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** BLAKE2s against RFC 7693 and the digests bellman's blake2s.rs tests assert (blake2s_simd's). */
class Blake2sTest {
    static final byte[] PERSONAL_12345678 = "12345678".getBytes(StandardCharsets.US_ASCII);


    @Test
    void rfc7693AppendixB_abc() {
        assertEquals("508c5e8c327c14e2e1a72ba34eeb452f37458b209ed63a294d999b4c86675982",
                Hex.encode(Blake2s.hash256("abc".getBytes(StandardCharsets.US_ASCII))));
    }

    // bellman blake2s.rs test_blank_hash (python hashlib.blake2s(digest_size=32, person=b'12345678'))
    @Test
    void personalizedEmpty() {
        assertEquals("c59f682376d137f3f255e671e207d1f2374ebe504e9314208a52d9f88d69e8c8",
                Hex.encode(new Blake2s(32, PERSONAL_12345678).digest()));
    }

    // bellman blake2s.rs test_blake2s_256_vars
    @Test
    void bellman256Bytes() {
        assertEquals("0af5695115ced92c8a0341e43869209636e9aa6472e4576f0f2b996cf812b30e",
                Hex.encode(new Blake2s(32, PERSONAL_12345678).update(Hex.decode(Blake2sTestData.DATA_256, "data")).digest()));
    }

    // bellman blake2s.rs test_blake2s_test_vectors: two 1024-byte inputs drawn from XorShiftRng
    @Test
    void bellmanXorShiftVectors() {
        XorShiftRng rng = XorShiftRng.bellmanGadgetSeed();
        String[] expected = {
            "a1309e334376c8f36a736a4ab0e691ef931ee3ebdb9ea96187127136fea622a1",
            "82fefff60f265cea255252f7c194a7f93965dffee0609ef74eb67f0d76cd41c6",
        };
        for (String e : expected) {
            byte[] data = new byte[1024];
            for (int i = 0; i < data.length; i++) {
                data[i] = (byte) rng.nextU32();
            }
            assertEquals(e, Hex.encode(new Blake2s(32, PERSONAL_12345678).update(data).digest()));
        }
    }

    @Test
    void streamingEqualsOneShot() {
        long seed = new Random().nextLong();
        Random rnd = new Random(seed);
        for (int len : new int[] {0, 1, 63, 64, 65, 128, 129, 300}) {
            byte[] data = new byte[len];
            rnd.nextBytes(data);
            int cut = len == 0 ? 0 : rnd.nextInt(len + 1);
            Blake2s s = new Blake2s(32);
            s.update(data, 0, cut);
            s.update(data, cut, len - cut);
            assertArrayEquals(Blake2s.hash256(data), s.digest(), "seed " + seed + " len " + len);
        }
    }
}
