package io.filprover.api;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * A 32-byte commitment (comm_p, comm_d, comm_r, ...) in memory order, as Filecoin stores it, with
 * its CIDv1 forms: unsealed (comm_p/comm_d: codec 0xf101 fil-commitment-unsealed, multihash 0x1012
 * sha2-256-trunc254-padded) and sealed (comm_r: codec 0xf102 fil-commitment-sealed, multihash 0xb401
 * poseidon-bls12_381-a2-fc1). Immutable.
 */
public final class Commitment {
    public static final int SIZE = 32;

    /** The two commitment CID kinds. */
    public enum Kind {
        UNSEALED(0xf101, 0x1012),
        SEALED(0xf102, 0xb401);

        final int codec;
        final int multihash;

        Kind(int codec, int multihash) {
            this.codec = codec;
            this.multihash = multihash;
        }
    }

    private final byte[] bytes;

    private Commitment(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Wraps a copy of exactly 32 bytes. */
    public static Commitment of(byte[] b) {
        if (b == null || b.length != SIZE) {
            throw new InvalidInputException("commitment", "a commitment is 32 bytes, got " + (b == null ? 0 : b.length));
        }
        return new Commitment(b.clone());
    }

    public static Commitment of(byte[] b, int off) {
        return new Commitment(Arrays.copyOfRange(b, off, off + SIZE));
    }

    public static Commitment fromHex(String hex, String field) {
        return new Commitment(Hex.decode(hex, SIZE, field));
    }

    /**
     * Parses 64 hex digits or a commitment CID (base32 {@code b...}) of the expected kind; a CID of
     * the other kind, a wrong multihash or length, or a value that is not a field element is rejected.
     */
    public static Commitment parse(String text, Kind expected, String field) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) {
            throw new InvalidInputException(field, "empty commitment");
        }
        Commitment c;
        if (t.startsWith("0x") || t.length() == 64 && t.chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
            c = fromHex(t, field);
        } else if (t.charAt(0) == 'b' || t.charAt(0) == 'B') {
            c = fromCid(t, expected, field);
        } else {
            throw new InvalidInputException(field, "not a commitment (64 hex digits or a CID): '" + Hex.abbreviate(t) + "'");
        }
        if (expected == Kind.UNSEALED && (c.bytes[31] & 0xC0) != 0) {
            throw new InvalidInputException(field, "not a valid piece/data commitment: its two top bits are set");
        }
        return c;
    }

    private static Commitment fromCid(String text, Kind expected, String field) {
        byte[] raw;
        try {
            raw = Base32.decodeLower(text.substring(1).toLowerCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field, "malformed CID '" + Hex.abbreviate(text) + "': " + e.getMessage());
        }
        int[] pos = {0};
        long version = readVarint(raw, pos, field);
        long codec = readVarint(raw, pos, field);
        long mh = readVarint(raw, pos, field);
        long len = readVarint(raw, pos, field);
        if (version != 1) {
            throw new InvalidInputException(field, "not a CIDv1 (version " + version + ")");
        }
        if (codec != expected.codec || mh != expected.multihash) {
            throw new InvalidInputException(field, "CID codec 0x" + Long.toHexString(codec) + "/multihash 0x"
                    + Long.toHexString(mh) + " is not a " + (expected == Kind.UNSEALED ? "piece/data (unsealed)" : "sealed")
                    + " commitment (expected 0x" + Integer.toHexString(expected.codec) + "/0x"
                    + Integer.toHexString(expected.multihash) + ")");
        }
        if (len != SIZE || raw.length - pos[0] != SIZE) {
            throw new InvalidInputException(field, "CID digest must be 32 bytes, got " + (raw.length - pos[0]));
        }
        return of(raw, pos[0]);
    }

    private static long readVarint(byte[] b, int[] pos, String field) {
        long v = 0;
        for (int shift = 0; shift < 63; shift += 7) {
            if (pos[0] >= b.length) {
                throw new InvalidInputException(field, "truncated CID");
            }
            int x = b[pos[0]++] & 0xff;
            v |= (long) (x & 0x7f) << shift;
            if ((x & 0x80) == 0) {
                return v;
            }
        }
        throw new InvalidInputException(field, "malformed CID varint");
    }

    private static void writeVarint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7fL) != 0) {
            out.write((int) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    /** A copy of the 32 bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    public byte byteAt(int i) {
        return bytes[i];
    }

    public String hex() {
        return Hex.encode(bytes);
    }

    /** The CIDv1 in base32 (multibase prefix 'b'). */
    public String toCid(Kind kind) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(40);
        writeVarint(out, 1);
        writeVarint(out, kind.codec);
        writeVarint(out, kind.multihash);
        writeVarint(out, SIZE);
        out.writeBytes(bytes);
        return "b" + Base32.encodeLower(out.toByteArray());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Commitment && Arrays.equals(bytes, ((Commitment) o).bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}
