package io.filprover.cli;

import io.filprover.api.ApiVersion;
import io.filprover.api.Hex;
import io.filprover.api.InvalidInputException;
import io.filprover.api.PoRepFeature;

import java.util.Set;

/** Parsing of the seal command's id arguments (porep id, api version, u64 numbers). */
final class SealIds {
    /** Layer counts whose column hash has a Poseidon arity every backend supports. */
    static final Set<Integer> SUPPORTED_LAYERS = Set.of(2, 4, 8, 11, 16, 24, 36);

    private SealIds() {
    }

    /** A porep id: its 32 bytes and the registered proof number in its first 8 bytes (0..19). */
    record PorepId(byte[] bytes, long number) {
        ApiVersion defaultApiVersion() {
            return number < 5 ? ApiVersion.V1_0_0 : number < 10 ? ApiVersion.V1_1_0 : ApiVersion.V1_2_0;
        }

        PoRepFeature feature() {
            return number >= 15 ? PoRepFeature.NON_INTERACTIVE : number >= 10 ? PoRepFeature.SYNTHETIC : PoRepFeature.NONE;
        }
    }

    static PorepId parsePorepId(String s) {
        String t = s.trim();
        byte[] bytes;
        if (t.length() == 64) {
            bytes = Hex.decode(t, 32, "porep-id");
        } else if (!t.isEmpty() && t.chars().allMatch(Character::isDigit)) {
            bytes = u64Le32(parseU64(t, "porep-id"));
        } else {
            throw new InvalidInputException("porep-id", "expected a number or 64 hex digits, got '" + s + "'");
        }
        long number = 0;
        for (int i = 7; i >= 0; i--) {
            number = number << 8 | (bytes[i] & 0xff);
        }
        if (number < 0 || number > 19) {
            throw new InvalidInputException("porep-id", "unknown porep id " + Long.toUnsignedString(number)
                    + " (registered seal proofs are 0..19)");
        }
        return new PorepId(bytes, number);
    }

    static ApiVersion parseApiVersion(String s) {
        switch (s.trim()) {
            case "1.0": case "1.0.0": return ApiVersion.V1_0_0;
            case "1.1": case "1.1.0": return ApiVersion.V1_1_0;
            case "1.2": case "1.2.0": return ApiVersion.V1_2_0;
            default: throw new InvalidInputException("api-version", "expected 1.0, 1.1 or 1.2, got '" + s + "'");
        }
    }

    static long parseU64(String s, String field) {
        try {
            return Long.parseUnsignedLong(s.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, "not an unsigned 64-bit number: '" + s + "'");
        }
    }

    static byte[] u64Le32(long v) {
        byte[] out = new byte[32];
        for (int i = 0; i < 8; i++) {
            out[i] = (byte) (v >>> (8 * i));
        }
        return out;
    }
}
