package io.filprover.cli;

import io.filprover.api.InvalidInputException;

import java.util.List;

/** Parsing of id arguments shared by the commands: unsigned 64-bit numbers, actor ids, layer counts, threads. */
final class IdArguments {
    /** Layer counts whose column hash has a Poseidon arity every backend supports, in ascending order. */
    static final List<Integer> SUPPORTED_LAYERS = List.of(2, 4, 8, 11, 16, 24, 36);

    /** The most worker threads a command accepts, as {@code bench} bounds them (KernelBench, LabelBench). */
    static final int MAX_THREADS = 1024;

    private IdArguments() {
    }

    /** A decimal number 0 ≤ n < 2^64 (digits only: no sign, no spaces inside). */
    static long parseU64(String s, String field) {
        String t = s == null ? "" : s.trim();
        if (t.isEmpty() || t.length() > 20 || !t.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new InvalidInputException(field, "not an unsigned 64-bit number: '" + s + "'");
        }
        try {
            return Long.parseUnsignedLong(t);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, "not an unsigned 64-bit number: '" + s + "'");
        }
    }

    /**
     * The prover id of miner actor {@code id} as filecoin-ffi derives it ({@code toProverID} in
     * filecoin-ffi proofs.go): the payload of the ID address, which is the unsigned LEB128 varint of
     * the id (go-address address.go {@code NewIDAddress}), copied into 32 zero bytes. go-address
     * refuses ids of 2^63 and more ("IDs must be less than 2^63"), so toProverID fails for them;
     * they are rejected here too.
     */
    static byte[] minerProverId(String s, String field) {
        long id = parseU64(s, field);
        if (id < 0) {
            throw new InvalidInputException(field, "miner actor ids must be less than 2^63 (as Filecoin ID addresses), got "
                    + Long.toUnsignedString(id));
        }
        byte[] out = new byte[32];
        int i = 0;
        long v = id;
        while ((v & ~0x7fL) != 0) {
            out[i++] = (byte) ((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        out[i] = (byte) v;
        return out;
    }

    /** A worker thread count: {@code requested}, or all processors when null; 1..{@link #MAX_THREADS}. */
    static int threads(Integer requested) {
        if (requested == null) {
            return Math.min(Runtime.getRuntime().availableProcessors(), MAX_THREADS);
        }
        if (requested < 1 || requested > MAX_THREADS) {
            throw new InvalidInputException("threads", "must be between 1 and " + MAX_THREADS + ", got " + requested);
        }
        return requested;
    }
}
