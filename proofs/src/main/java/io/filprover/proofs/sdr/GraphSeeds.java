package io.filprover.proofs.sdr;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The two porep_id-derived seeds of the SDR graph (docs/spec/filecoin-porep-post.md §6.1). */
public final class GraphSeeds {
    private static final byte[] DRG_TAG = "Filecoin_DRSample".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FEISTEL_TAG = "Filecoin_Feistel".getBytes(StandardCharsets.US_ASCII);

    private GraphSeeds() {
    }

    /** {@code SHA256("Filecoin_DRSample" || porep_id)[0..28]}. */
    public static byte[] drgSeed(byte[] porepId) {
        return Arrays.copyOf(sha256(DRG_TAG, checkPorepId(porepId)), 28);
    }

    /** The four u64 LE words of {@code SHA256("Filecoin_Feistel" || porep_id)}; only 0..2 drive the permutation. */
    public static long[] feistelKeys(byte[] porepId) {
        byte[] d = sha256(FEISTEL_TAG, checkPorepId(porepId));
        long[] keys = new long[4];
        for (int i = 0; i < 4; i++) {
            long k = 0;
            for (int j = 7; j >= 0; j--) {
                k = k << 8 | (d[8 * i + j] & 0xff);
            }
            keys[i] = k;
        }
        return keys;
    }

    static byte[] checkPorepId(byte[] porepId) {
        if (porepId == null || porepId.length != 32) {
            throw new IllegalArgumentException("porep_id must be 32 bytes");
        }
        return porepId;
    }

    static MessageDigest newSha256() {
        return io.filprover.proofs.hash.Sha256.newDigest();
    }

    static byte[] sha256(byte[]... parts) {
        MessageDigest md = newSha256();
        for (byte[] p : parts) {
            md.update(p);
        }
        return md.digest();
    }
}
