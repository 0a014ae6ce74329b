package io.filprover.proofs.porep;

import io.filprover.api.PoRepFeature;
import io.filprover.proofs.hash.Blake2b;
import io.filprover.proofs.hash.ChaCha20;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * PoRep challenge derivation (docs/spec/filecoin-porep-post.md §9): interactive (seed), Synthetic PoRep (ChaCha20
 * streams keyed
 * by BLAKE2b) and Non-interactive PoRep. Every challenge is in [1, N−1].
 */
public final class PoRepChallenges {
    static final byte[] SYNTH_NONCE = "synth-porep\0".getBytes(StandardCharsets.US_ASCII);
    static final byte[] SYNTH_GEN_KEY = "filecoin.io|PoRep|1|Synthetic|1|Generation".getBytes(StandardCharsets.US_ASCII);
    static final byte[] SYNTH_SEL_KEY = "filecoin.io|PoRep|1|Synthetic|1|Selection".getBytes(StandardCharsets.US_ASCII);
    static final byte[] NI_TAG = "filecoin.io|PoRep|1|NonInteractive|1".getBytes(StandardCharsets.US_ASCII);

    private PoRepChallenges() {
    }

    /** to_challenge(big) = (big mod (N − 1)) + 1, big read as an unsigned little-endian integer. */
    static long toChallenge(byte[] le, int off, int len, long nodes) {
        byte[] be = new byte[len + 1];
        for (int i = 0; i < len; i++) {
            be[len - i] = le[off + i];
        }
        return new BigInteger(be).mod(BigInteger.valueOf(nodes - 1)).longValueExact() + 1;
    }

    /** docs/spec/filecoin-porep-post.md §9.1: c = to_challenge(SHA256(replica_id || seed || u32_LE(cpp·k + i))). */
    public static long[] interactive(byte[] replicaId, byte[] seed, long nodes, int cpp, int partition) {
        long[] out = new long[cpp];
        for (int i = 0; i < cpp; i++) {
            MessageDigest md = sha256();
            md.update(replicaId);
            md.update(seed);
            md.update(le32(cpp * partition + i));
            byte[] h = md.digest();
            out[i] = toChallenge(h, 0, 32, nodes);
        }
        return out;
    }

    /** docs/spec/filecoin-porep-post.md §9.3: c = to_challenge(SHA256(tag || replica_id || comm_r || u32_LE(cpp·k + i))). */
    public static long[] nonInteractive(byte[] replicaId, byte[] commR, long nodes, int cpp, int partition) {
        long[] out = new long[cpp];
        for (int i = 0; i < cpp; i++) {
            MessageDigest md = sha256();
            md.update(NI_TAG);
            md.update(replicaId);
            md.update(commR);
            md.update(le32(cpp * partition + i));
            out[i] = toChallenge(md.digest(), 0, 32, nodes);
        }
        return out;
    }

    /** docs/spec/filecoin-porep-post.md §9.2: the synthetic challenges {@code first .. first+count} of a sector. */
    public static long[] synthetic(byte[] replicaId, byte[] commR, long nodes, long first, int count) {
        ChaCha20 gen = new ChaCha20(Blake2b.keyed(32, SYNTH_GEN_KEY, concat(replicaId, commR)), SYNTH_NONCE);
        byte[] ks = new byte[32 * count];
        gen.keystream(32 * first, ks, 0, ks.length);
        long[] out = new long[count];
        for (int i = 0; i < count; i++) {
            out[i] = toChallenge(ks, 32 * i, 32, nodes);
        }
        return out;
    }

    /** docs/spec/filecoin-porep-post.md §9.2: the indexes (into the synthetic challenges) selected for partition k. */
    public static long[] syntheticSelection(byte[] replicaId, byte[] seed, long numSynth, int cpp, int partition) {
        ChaCha20 sel = new ChaCha20(Blake2b.keyed(32, SYNTH_SEL_KEY, concat(replicaId, seed)), SYNTH_NONCE);
        byte[] ks = new byte[4 * cpp];
        sel.keystream(4L * cpp * partition, ks, 0, ks.length);
        long[] out = new long[cpp];
        for (int i = 0; i < cpp; i++) {
            long v = (ks[4 * i] & 0xffL) | (ks[4 * i + 1] & 0xffL) << 8 | (ks[4 * i + 2] & 0xffL) << 16
                    | (ks[4 * i + 3] & 0xffL) << 24;
            out[i] = v % numSynth;
        }
        return out;
    }

    /** docs/spec/filecoin-porep-post.md §9.2: the PoRep challenges of partition k under Synthetic PoRep. */
    public static long[] syntheticPorep(byte[] replicaId, byte[] commR, byte[] seed, long nodes, long numSynth, int cpp,
                                        int partition) {
        long[] idx = syntheticSelection(replicaId, seed, numSynth, cpp, partition);
        long[] out = new long[cpp];
        for (int i = 0; i < cpp; i++) {
            out[i] = synthetic(replicaId, commR, nodes, idx[i], 1)[0];
        }
        return out;
    }

    /** The challenges of partition k for a registered proof's feature. */
    public static long[] forPartition(PoRepFeature feature, byte[] replicaId, byte[] commR, byte[] seed, long nodes,
                                      int cpp, int partition) {
        switch (feature) {
            case SYNTHETIC:
                return syntheticPorep(replicaId, commR, seed, nodes, Math.min(nodes, 1L << 18), cpp, partition);
            case NON_INTERACTIVE:
                return nonInteractive(replicaId, commR, nodes, cpp, partition);
            default:
                return interactive(replicaId, seed, nodes, cpp, partition);
        }
    }

    private static byte[] le32(int v) {
        return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static MessageDigest sha256() {
        return io.filprover.proofs.hash.Sha256.newDigest();
    }
}
