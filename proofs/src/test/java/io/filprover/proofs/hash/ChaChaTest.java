package io.filprover.proofs.hash;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.filprover.api.Hex;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChaChaTest {
    private static final byte[] KEY_00_1F = new byte[32];

    static {
        for (int i = 0; i < 32; i++) {
            KEY_00_1F[i] = (byte) i;
        }
    }

    @Test
    void rfc8439Section232_blockFunction() {
        // RFC 8439 §2.3.2: key 00..1f, nonce 000000090000004a00000000, block counter 1
        String expected = "10f1e7e4d13b5915500fdd1fa32071c4c7d1f4c733c068030422aa9ac3d46c4e"
                + "d2826446079faa0914c2d705d98b02a2b5129cd1de164eb9cbd083e8a2503c4e";
        byte[] out = new byte[64];
        new ChaCha20(KEY_00_1F, Hex.decode("000000090000004a00000000", "nonce")).keystream(64, out, 0, 64);
        assertEquals(expected, Hex.encode(out));
    }

    @Test
    void rfc8439Section242_encryption() {
        // RFC 8439 §2.4.2: key 00..1f, nonce 000000000000004a00000000, initial counter 1, "sunscreen" plaintext
        String plain = "Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future,"
                + " sunscreen would be it.";
        String expected = "6e2e359a2568f98041ba0728dd0d6981e97e7aec1d4360c20a27afccfd9fae0b"
                + "f91b65c5524733ab8f593dabcd62b3571639d624e65152ab8f530c359f0861d8"
                + "07ca0dbf500d6a6156a38e088a22b65e52bc514d16ccf806818ce91ab7793736"
                + "5af90bbf74a35be6b40b8eedf2785e42874d";
        byte[] data = plain.getBytes(StandardCharsets.US_ASCII);
        ChaCha20 c = new ChaCha20(KEY_00_1F, Hex.decode("000000000000004a00000000", "nonce"));
        c.apply(64, data, 0, data.length);
        assertEquals(expected, Hex.encode(data));
        c.apply(64, data, 0, data.length);
        assertEquals(plain, new String(data, StandardCharsets.US_ASCII));
    }

    @Test
    void rfc8439AppendixA1_vector1() {
        // RFC 8439 Appendix A.1, test vector #1: zero key, zero nonce, block counter 0
        String expected = "76b8e0ada0f13d90405d6ae55386bd28bdd219b8a08ded1aa836efcc8b770dc7"
                + "da41597c5157488d7724e03fb8d84a376a43b8f41518a11cc387b669b2ee6586";
        byte[] out = new byte[64];
        new ChaCha20(new byte[32], new byte[12]).keystream(0, out, 0, 64);
        assertEquals(expected, Hex.encode(out));
    }

    @Test
    void chacha20SeekEqualsSequential() {
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        byte[] key = new byte[32];
        byte[] nonce = new byte[12];
        rnd.nextBytes(key);
        rnd.nextBytes(nonce);
        ChaCha20 c = new ChaCha20(key, nonce);
        byte[] all = new byte[1000];
        c.keystream(0, all, 0, all.length);
        for (int i = 0; i < 100; i++) {
            int start = rnd.nextInt(900);
            int len = rnd.nextInt(100);
            byte[] part = new byte[len];
            c.keystream(start, part, 0, len);
            byte[] expected = new byte[len];
            System.arraycopy(all, start, expected, 0, len);
            assertArrayEquals(expected, part, "seed " + seed + " start " + start + " len " + len);
        }
    }

    @Test
    void chacha8RngZeroSeedMatchesStrombergsonTc1() {
        // draft-strombergson-chacha-test-vectors-00 §3, TC1 (all-zero 256-bit key and 64-bit IV), 8 rounds:
        // the first 128 keystream bytes (blocks 0 and 1, so this also checks the 64-bit counter layout)
        String expected = "3e00ef2f895f40d67f5bb8e81f09a5a12c840ec3ce9a7f3b181be188ef711a1e"
                + "984ce172b9216f419f445367456d5619314a42a3da86b001387bfdb80e0cfe42"
                + "d2aefa0deaa5c151bf0adb6c01f2a5adc0fd581259f9a2aadcf20f8fd566a26b"
                + "5032ec38bbc5da98ee0c6f568b872a65a08abf251deb21bb4b56e5d8821e68aa";
        ChaCha8Rng rng = new ChaCha8Rng(new byte[32]);
        byte[] out = new byte[128];
        for (int i = 0; i < 16; i++) {
            long v = rng.nextLong();
            for (int j = 0; j < 8; j++) {
                out[8 * i + j] = (byte) (v >>> (8 * j));
            }
        }
        assertEquals(expected, Hex.encode(out));
    }

    @Test
    void chacha8RngU64SpansBlocksLikeU32Stream() {
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        byte[] key = new byte[32];
        rnd.nextBytes(key);
        ChaCha8Rng a = new ChaCha8Rng(key);
        ChaCha8Rng b = new ChaCha8Rng(key);
        a.nextInt(); // shift by one word so that u64 draws straddle block boundaries
        b.nextInt();
        for (int i = 0; i < 100; i++) {
            long lo = b.nextInt() & 0xffffffffL;
            long hi = b.nextInt() & 0xffffffffL;
            assertEquals(lo | hi << 32, a.nextLong(), "seed " + seed + " i " + i);
        }
        // reseeding restarts the stream
        ChaCha8Rng c = new ChaCha8Rng(new byte[32]);
        c.nextLong();
        c.reseed(key);
        ChaCha8Rng d = new ChaCha8Rng(key);
        assertEquals(d.nextLong(), c.nextLong(), "seed " + seed);
    }

    @Test
    void chacha8WithZeroStreamEqualsIetfLayoutAt8Rounds() {
        // docs/spec/filecoin-porep-post.md §3.4: with stream id 0, rand_chacha's layout equals IETF ChaCha (32-bit
        // counter, zero nonce)
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        byte[] key = new byte[32];
        rnd.nextBytes(key);
        ChaCha8Rng rng = new ChaCha8Rng(key);
        int[] kw = ChaChaBlock.keyWords(key, 0);
        int[] block = new int[16];
        for (int blk = 0; blk < 4; blk++) {
            ChaChaBlock.block(kw, blk, 0, 0, 0, 8, block);
            for (int w = 0; w < 16; w++) {
                assertEquals(block[w], rng.nextInt(), "seed " + seed);
            }
        }
    }
}
