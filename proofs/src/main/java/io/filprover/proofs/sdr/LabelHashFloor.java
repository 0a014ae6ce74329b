package io.filprover.proofs.sdr;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Random;

/**
 * The floor PC1 labeling is measured against: the JDK's SHA-256 ({@link MessageDigest}, which uses
 * the CPU's SHA extensions where it has them) over one message of a label's length, 1,248 bytes
 * for a layer with expander parents (20 compressions), on the calling thread.
 */
public final class LabelHashFloor {
    /** A label's message in layers 2 and up: the 64-byte prefix and 37 parent labels. */
    public static final int MESSAGE_BYTES = 1248;

    private LabelHashFloor() {
    }

    /** Nanoseconds per message of {@code bytes}, over {@code count} messages after a quarter as many to warm up. */
    public static double nanosPerMessage(int bytes, int count) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
        byte[] msg = new byte[bytes];
        new Random(1).nextBytes(msg);
        byte[] out = new byte[32];
        hash(md, msg, out, count / 4);
        long t = System.nanoTime();
        hash(md, msg, out, count);
        return (System.nanoTime() - t) / (double) count;
    }

    private static void hash(MessageDigest md, byte[] msg, byte[] out, int count) {
        try {
            for (int i = 0; i < count; i++) {
                md.update(msg, 0, msg.length);
                md.digest(out, 0, 32);
                msg[0] = out[0]; // each message depends on the previous digest, like a label chain
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
