package io.filprover.cli;

import io.filprover.api.InvalidInputException;

import java.util.Set;

/** Parsing of id arguments shared by the commands: unsigned 64-bit numbers, actor ids, layer counts. */
final class IdArguments {
    /** Layer counts whose column hash has a Poseidon arity every backend supports. */
    static final Set<Integer> SUPPORTED_LAYERS = Set.of(2, 4, 8, 11, 16, 24, 36);

    private IdArguments() {
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
