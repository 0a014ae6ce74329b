package io.filprover.proofs.hash;

/** Test data of bellman's blake2s.rs tests. */
public final class Blake2sTestData {
    private Blake2sTestData() {
    }

    /** bellman blake2s.rs test_blake2s_256_vars' 256-byte input. */
    public static final String DATA_256 = "be9f9c485e670acce8b1516a378176161b20583637b6f1c536fbc1158a0a3296831df2920e57a442"
            + "d5738f4be4dd6be89dd7913fc8b4d1c0a815646a4d674b77f7caf313bd880bf759fcac27037c48c2b2a20acd2fd5248e3b"
            + "e426c84a341c0a3c63eaf36e0d537d10b8db5c6e4c801832c41eb1a3ed602177acded8b4b803bd34339d99a18b71df3996"
            + "41cc8dfae2ad193fcd74b5913e704551777160d14c78f2e8d5c32716a8599c1080cb89a40ccd6ba596694a8b4a065d9f2d"
            + "0667ef423ed2e418093caff884540858b4f4b62acd47edcea880523e1b1cda8eb225c128c2e9e83f14f6e7448c5733a195"
            + "cac7d79a53dde5083172462c45b2f799e42af1c9";
}
