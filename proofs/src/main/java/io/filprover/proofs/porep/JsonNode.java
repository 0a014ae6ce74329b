package io.filprover.proofs.porep;

import io.filprover.api.InvalidInputException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A parsed JSON value ({@link MiniJson} with packed byte arrays) and its path from the top, so every
 * complaint names the field, e.g. {@code vanilla_proofs.StackedDrg2KiBV1[0][3].comm_d_proofs.data.Single.root}.
 */
final class JsonNode {
    final Object value;
    final String path;

    JsonNode(Object value, String path) {
        this.value = value;
        this.path = path;
    }

    InvalidInputException bad(String problem) {
        return new InvalidInputException(path.isEmpty() ? "c1-output" : path, problem);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> object() {
        if (!(value instanceof Map)) {
            throw bad("must be a JSON object, not " + kind());
        }
        return (Map<String, Object>) value;
    }

    /** A required field (serde rejects a missing one). */
    JsonNode field(String name) {
        Map<String, Object> m = object();
        String p = path.isEmpty() ? name : path + "." + name;
        if (!m.containsKey(name)) {
            throw new InvalidInputException(p, "missing field");
        }
        return new JsonNode(m.get(name), p);
    }

    /** An externally tagged enum value: an object with exactly one key, the variant. */
    String variant() {
        Map<String, Object> m = object();
        if (m.size() != 1) {
            throw bad("must be an object with one key (the enum variant), has " + m.size());
        }
        return m.keySet().iterator().next();
    }

    List<JsonNode> list() {
        if (value instanceof byte[] && ((byte[]) value).length > 0) {
            throw bad("must be an array of objects or arrays, not of numbers");
        }
        if (!(value instanceof List)) {
            throw bad("must be a JSON array, not " + kind());
        }
        List<?> l = (List<?>) value;
        List<JsonNode> out = new ArrayList<>(l.size());
        for (int i = 0; i < l.size(); i++) {
            out.add(new JsonNode(l.get(i), path + "[" + i + "]"));
        }
        return out;
    }

    /** A list whose length the registered proof fixes. */
    List<JsonNode> list(int expected, String why) {
        List<JsonNode> l = list();
        if (l.size() != expected) {
            throw bad("has " + l.size() + " entries, expected " + expected + " (" + why + ")");
        }
        return l;
    }

    /** A 32-byte value: serde's {@code [u8; 32]}, an array of 32 numbers 0..255. */
    byte[] domain() {
        if (!(value instanceof byte[]) || ((byte[]) value).length != 32) {
            throw bad("must be an array of 32 numbers 0..255 (a 32-byte value), not " + kind());
        }
        return (byte[]) value;
    }

    List<byte[]> domains() {
        List<byte[]> out = new ArrayList<>();
        for (JsonNode n : list()) {
            out.add(n.domain());
        }
        return out;
    }

    /** A non-negative integer up to {@code max}. */
    long integer(long max) {
        Object v = value instanceof byte[] ? null : value;
        if (!(v instanceof Long) || (Long) v < 0 || (Long) v > max) {
            throw bad("must be an integer 0.." + max + ", not " + kind());
        }
        return (Long) v;
    }

    String string() {
        if (!(value instanceof String)) {
            throw bad("must be a string, not " + kind());
        }
        return (String) value;
    }

    String kind() {
        if (value == null) {
            return "null";
        }
        if (value instanceof byte[]) {
            return "an array of " + ((byte[]) value).length + " numbers";
        }
        if (value instanceof List) {
            return "an array of " + ((List<?>) value).size();
        }
        if (value instanceof Map) {
            return "an object";
        }
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Long) {
            return "the number " + value;
        }
        return String.valueOf(value);
    }
}
