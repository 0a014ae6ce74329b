package io.filprover.proofs.hash;

/**
 * Test helper: rand_xorshift's {@code XorShiftRng} (Marsaglia's xorshift128 on four u32 words,
 * seeded from 16 little-endian bytes), so tests can regenerate the inputs of upstream tests that
 * draw from {@code XorShiftRng::from_seed}. Only {@code next_u32} is provided.
 */
public final class XorShiftRng {
    private int x;
    private int y;
    private int z;
    private int w;

    public XorShiftRng(byte[] seed) {
        if (seed.length != 16) {
            throw new IllegalArgumentException("seed is 16 bytes");
        }
        x = le32(seed, 0);
        y = le32(seed, 4);
        z = le32(seed, 8);
        w = le32(seed, 12);
        if ((x | y | z | w) == 0) {
            throw new IllegalArgumentException("all-zero seed");
        }
    }

    /** bellman's gadget tests' seed 0x59, 0x62, 0xbe, 0x5d, 0x76, 0x3d, 0x31, 0x8d, 0x17, 0xdb, 0x37, 0x32, 0x54, 0x06, 0xbc, 0xe5. */
    public static XorShiftRng bellmanGadgetSeed() {
        return new XorShiftRng(new byte[] {0x59, 0x62, (byte) 0xbe, 0x5d, 0x76, 0x3d, 0x31, (byte) 0x8d, 0x17,
            (byte) 0xdb, 0x37, 0x32, 0x54, 0x06, (byte) 0xbc, (byte) 0xe5});
    }

    public int nextU32() {
        int t = x ^ (x << 11);
        x = y;
        y = z;
        z = w;
        w = w ^ (w >>> 19) ^ (t ^ (t >>> 8));
        return w;
    }

    private static int le32(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff) << 16 | (b[off + 3] & 0xff) << 24;
    }
}
