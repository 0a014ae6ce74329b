package io.filprover.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.filprover.api.InvalidInputException;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Strict reading of the JSON files the commands take ({@code post --sectors},
 * {@code verify-vanilla-post --public}). Integers are integral JSON numbers or strings of decimal
 * digits, in range: {@code 1.9}, {@code "abc"}, {@code true} or {@code -5} for a sector number are
 * errors, never converted. Every error names the option and the field
 * ({@code --sectors: sector 1: "position" must be ...}).
 */
final class JsonFields {
    static final BigInteger U64_LIMIT = BigInteger.ONE.shiftLeft(64);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]{1,40}");

    private JsonFields() {
    }

    /** The JSON document in {@code file}; a missing file, a directory or malformed JSON is an error of {@code option}. */
    static JsonNode read(Path file, String option) throws IOException {
        UserPaths.inputFile(file, option);
        try {
            JsonNode root = MAPPER.readTree(Files.readAllBytes(file));
            if (root == null || root.isMissingNode()) {
                throw new InvalidInputException(option, file + " is empty, not JSON");
            }
            return root;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")";
            throw new InvalidInputException(option, "malformed JSON in " + file + where + ": "
                    + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
    }

    /** {@code n}, which must be present and not null; {@code path} names it in the error. */
    static JsonNode required(JsonNode n, String path, String option) {
        if (n == null || n.isMissingNode() || n.isNull()) {
            throw new InvalidInputException(option, path + " is missing");
        }
        return n;
    }

    /** A JSON string field. */
    static String text(JsonNode n, String path, String option) {
        JsonNode v = required(n, path, option);
        if (!v.isTextual()) {
            throw new InvalidInputException(option, path + " must be a string, got " + shown(v));
        }
        return v.textValue();
    }

    /** An unsigned 64-bit integer (returned as its two's-complement bits: compare with Long.compareUnsigned). */
    static long u64(JsonNode n, String path, String option) {
        BigInteger v = integer(n, path, option, "an unsigned 64-bit integer");
        if (v.signum() < 0 || v.compareTo(U64_LIMIT) >= 0) {
            throw new InvalidInputException(option, path + " must be an unsigned 64-bit integer, got " + shown(n));
        }
        return v.longValue();
    }

    /** An integer in {@code min..max}. */
    static long integer(JsonNode n, String path, String option, long min, long max) {
        String what = max == Long.MAX_VALUE && min == 0 ? "a non-negative integer"
                : "an integer from " + min + " to " + max;
        BigInteger v = integer(n, path, option, what);
        if (v.compareTo(BigInteger.valueOf(min)) < 0 || v.compareTo(BigInteger.valueOf(max)) > 0) {
            throw new InvalidInputException(option, path + " must be " + what + ", got " + shown(n));
        }
        return v.longValue();
    }

    /** {@code parent.name} as a non-negative integer, or null when absent (an explicit null is an error). */
    static Long optionalIndex(JsonNode parent, String name, String option, String where) {
        JsonNode n = parent.get(name);
        return n == null ? null : integer(n, where + "\"" + name + "\"", option, 0, Long.MAX_VALUE);
    }

    private static BigInteger integer(JsonNode n, String path, String option, String what) {
        JsonNode v = required(n, path, option);
        if (v.isIntegralNumber()) {
            return v.bigIntegerValue();
        }
        if (v.isTextual() && DECIMAL.matcher(v.textValue()).matches()) {
            return new BigInteger(v.textValue());
        }
        throw new InvalidInputException(option, path + " must be " + what + ", got " + shown(v));
    }

    private static String shown(JsonNode n) {
        String s = n == null ? "nothing" : n.toString();
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }
}
