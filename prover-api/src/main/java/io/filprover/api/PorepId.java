package io.filprover.api;

import java.util.Arrays;

/**
 * A 32-byte porep_id as the SDR graph takes it: from a registered seal proof id N (u64
 * little-endian, zero-filled) or given as 64 hex digits. Tests and upstream vectors use ids outside
 * the registry, so any value is accepted; the API version defaults from the registered id.
 */
public final class PorepId {
    private final byte[] bytes;

    private PorepId(byte[] bytes) {
        this.bytes = bytes;
    }

    public static PorepId of(byte[] bytes) {
        if (bytes.length != 32) {
            throw new InvalidInputException("porep-id", "a porep id is 32 bytes, got " + bytes.length);
        }
        return new PorepId(bytes.clone());
    }

    /** A decimal registered id (0 ≤ N < 2^64) or 64 hex digits. */
    public static PorepId parse(String text) {
        String t = text == null ? "" : text.trim();
        if (!t.isEmpty() && t.length() <= 20 && t.chars().allMatch(Character::isDigit)) {
            try {
                return new PorepId(RegisteredSealProof.porepIdOf(Long.parseUnsignedLong(t)));
            } catch (NumberFormatException e) {
                throw new InvalidInputException("porep-id", "porep id number out of range: " + t);
            }
        }
        if (t.length() != 64 && !(t.startsWith("0x") && t.length() == 66)) {
            throw new InvalidInputException("porep-id", "expected a registered proof id (e.g. 8) or 64 hex digits, got '"
                    + Hex.abbreviate(t) + "'");
        }
        return new PorepId(Hex.decode(t, 32, "porep-id"));
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    /** The first 8 bytes as u64: the registered seal proof id for registry porep ids. */
    public long registeredId() {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (bytes[i] & 0xff);
        }
        return v;
    }

    /**
     * The API version upstream uses for this id: 0..4 → 1.0, 5..9 → 1.1, 10..19 → 1.2. Other ids have
     * no default and need an explicit version.
     */
    public ApiVersion defaultApiVersion() {
        long id = registeredId();
        if (id < 0 || id >= RegisteredSealProof.values().length) {
            throw new InvalidInputException("porep-id", "unknown porep id " + Long.toUnsignedString(id)
                    + " (registered ids are 0..19); give --api-version explicitly");
        }
        return RegisteredSealProof.ofId(id).apiVersion();
    }

    /** The registered seal proof this id names; ids outside 0..19 are rejected. */
    public RegisteredSealProof registered() {
        long id = registeredId();
        if (id < 0 || id >= RegisteredSealProof.values().length) {
            throw new InvalidInputException("porep-id", "unknown porep id " + Long.toUnsignedString(id)
                    + " (registered seal proofs are 0..19)");
        }
        return RegisteredSealProof.ofId(id);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PorepId && Arrays.equals(bytes, ((PorepId) o).bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return Hex.encode(bytes);
    }
}
