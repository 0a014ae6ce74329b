package io.filprover.proofs.hash;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.filprover.api.Hex;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Blake2bTest {

    @Test
    void rfc7693AppendixA_abc() {
        // RFC 7693 Appendix A: BLAKE2b-512("abc")
        String expected = "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1"
                + "7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923";
        assertEquals(expected, Hex.encode(Blake2b.hash512("abc".getBytes(StandardCharsets.US_ASCII))));
    }

    /** RFC 7693 Appendix E self-test: output lengths 20/32/48/64, inputs 0..1024 bytes, keyed and unkeyed. */
    @Test
    void rfc7693AppendixE_selfTest() {
        // RFC 7693 Appendix E, blake2b_res (the BLAKE2b-256 of all the test digests)
        String expected = "c23a7800d98123bd10f506c61e29da5603d763b8bbad2e737f5e765a7bccd475";
        int[] mdLen = {20, 32, 48, 64};
        int[] inLen = {0, 3, 128, 129, 255, 1024};
        Blake2b grand = new Blake2b(32);
        for (int outLen : mdLen) {
            for (int n : inLen) {
                byte[] in = selftestSeq(n, n);
                grand.update(new Blake2b(outLen).update(in).digest());
                byte[] key = selftestSeq(outLen, outLen);
                grand.update(Blake2b.keyed(outLen, key, in));
            }
        }
        assertEquals(expected, Hex.encode(grand.digest()));
    }

    // RFC 7693 Appendix E, selftest_seq: a Fibonacci-like byte generator
    private static byte[] selftestSeq(int len, int seed) {
        byte[] out = new byte[len];
        int a = 0xDEAD4BAD * seed;
        int b = 1;
        for (int i = 0; i < len; i++) {
            int t = a + b;
            a = b;
            b = t;
            out[i] = (byte) (t >>> 24);
        }
        return out;
    }

    @Test
    void matchesPythonHashlibVectors() throws Exception {
        // test resource hash/blake2b-hashlib.txt: computed with CPython hashlib.blake2b (independent implementation)
        int count = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                getClass().getResourceAsStream("/hash/blake2b-hashlib.txt"), StandardCharsets.US_ASCII))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] f = line.trim().split(" ");
                int outLen = Integer.parseInt(f[0]);
                byte[] key = f[1].equals("-") ? new byte[0] : Hex.decode(f[1], "key");
                byte[] msg = f[2].equals("-") ? new byte[0] : Hex.decode(f[2], "msg");
                assertEquals(f[3], Hex.encode(Blake2b.keyed(outLen, key, msg)), line);
                count++;
            }
        }
        assertEquals(40, count);
    }

    @Test
    void streamingEqualsOneShotOnRandomSplits() {
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        for (int iter = 0; iter < 200; iter++) {
            byte[] msg = new byte[rnd.nextInt(600)];
            rnd.nextBytes(msg);
            byte[] key = new byte[rnd.nextInt(65)];
            rnd.nextBytes(key);
            int outLen = 1 + rnd.nextInt(64);
            byte[] oneShot = Blake2b.keyed(outLen, key, msg);
            Blake2b h = new Blake2b(outLen, key);
            int pos = 0;
            while (pos < msg.length) {
                int n = Math.min(msg.length - pos, rnd.nextInt(200));
                h.update(msg, pos, n);
                pos += n;
            }
            assertArrayEquals(oneShot, h.digest(), "seed " + seed + " iter " + iter);
        }
    }

    @Test
    void feistelFastPathEqualsGeneralHash() {
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        Blake2b.FeistelScratch s = new Blake2b.FeistelScratch();
        for (int iter = 0; iter < 500; iter++) {
            long a = iter < 3 ? iter : rnd.nextLong();
            long b = rnd.nextLong();
            byte[] msg = new byte[16];
            for (int i = 0; i < 8; i++) {
                msg[i] = (byte) (a >>> (56 - 8 * i));
                msg[8 + i] = (byte) (b >>> (56 - 8 * i));
            }
            byte[] d = Blake2b.hash512(msg);
            long expected = 0;
            for (int i = 0; i < 8; i++) {
                expected = expected << 8 | (d[i] & 0xff);
            }
            assertEquals(expected, Blake2b.feistelRound(a, b, s), "seed " + seed + " a=" + a + " b=" + b);
        }
    }

    @Test
    void rejectsBadParameters() {
        assertThrows(IllegalArgumentException.class, () -> new Blake2b(0));
        assertThrows(IllegalArgumentException.class, () -> new Blake2b(65));
        assertThrows(IllegalArgumentException.class, () -> new Blake2b(32, new byte[65]));
        Blake2b h = new Blake2b(32);
        h.digest();
        assertThrows(IllegalStateException.class, h::digest);
    }
}
