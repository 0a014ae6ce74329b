package io.filprover.proofs.porep;

import io.filprover.api.InvalidInputException;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The little JSON the C1 output files need: objects, arrays, strings without escapes beyond
 * {@code \" \\ \/}, integers, true/false/null. Parsing yields Map / List / String / Long / Boolean
 * (null for JSON null). With {@code packBytes} a non-empty array of integers 0..255 becomes a
 * {@code byte[]}: serde writes every 32-byte value as such an array, and boxing each number would
 * cost gigabytes on a 32 GiB sector's output. Errors name the position and the JSON path reached.
 */
final class MiniJson {
    private final String s;
    private final boolean packBytes;
    private final Deque<Object> path = new ArrayDeque<>();
    private int pos;

    private MiniJson(String s, boolean packBytes) {
        this.s = s;
        this.packBytes = packBytes;
    }

    static Object parse(String text) {
        return parse(text, false);
    }

    static Object parse(String text, boolean packBytes) {
        MiniJson p = new MiniJson(text, packBytes);
        Object v = p.value();
        p.ws();
        if (p.pos != p.s.length()) {
            throw p.bad("trailing characters");
        }
        return v;
    }

    private Object value() {
        ws();
        if (pos >= s.length()) {
            throw bad("unexpected end");
        }
        char c = s.charAt(pos);
        switch (c) {
            case '{':
                return object();
            case '[':
                return array();
            case '"':
                return string();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", null);
            default:
                return number();
        }
    }

    private Map<String, Object> object() {
        Map<String, Object> m = new LinkedHashMap<>();
        pos++;
        ws();
        if (peek() == '}') {
            pos++;
            return m;
        }
        while (true) {
            ws();
            String k = string();
            ws();
            expect(':');
            path.push(k);
            if (m.containsKey(k)) {
                throw bad("duplicate field `" + k + "`");
            }
            m.put(k, value());
            path.pop();
            ws();
            if (peek() == ',') {
                pos++;
            } else {
                expect('}');
                return m;
            }
        }
    }

    private Object array() {
        List<Object> l = new ArrayList<>();
        pos++;
        ws();
        if (peek() == ']') {
            pos++;
            return l;
        }
        if (packBytes) {
            byte[] packed = bytes();
            if (packed != null) {
                return packed;
            }
        }
        while (true) {
            path.push(l.size());
            l.add(value());
            path.pop();
            ws();
            if (peek() == ',') {
                pos++;
            } else {
                expect(']');
                return l;
            }
        }
    }

    /** The rest of an array if it holds only integers 0..255 (then consumed), else null (nothing consumed). */
    private byte[] bytes() {
        int start = pos;
        byte[] buf = new byte[32];
        int n = 0;
        while (true) {
            ws();
            int v = smallInt();
            if (v < 0) {
                pos = start;
                return null;
            }
            if (n == buf.length) {
                buf = Arrays.copyOf(buf, n * 2);
            }
            buf[n++] = (byte) v;
            ws();
            if (peek() == ',') {
                pos++;
            } else if (peek() == ']') {
                pos++;
                return Arrays.copyOf(buf, n);
            } else {
                pos = start;
                return null;
            }
        }
    }

    /** A plain integer 0..255 at pos (consumed), or -1 (nothing consumed). */
    private int smallInt() {
        int p = pos;
        int v = 0;
        while (p < s.length() && p - pos < 4 && Character.isDigit(s.charAt(p))) {
            v = v * 10 + (s.charAt(p++) - '0');
        }
        int digits = p - pos;
        boolean more = p < s.length() && (Character.isDigit(s.charAt(p)) || ".eE".indexOf(s.charAt(p)) >= 0);
        if (digits == 0 || digits > 3 || v > 255 || more || (digits > 1 && s.charAt(pos) == '0')) {
            return -1;
        }
        pos = p;
        return v;
    }

    private String string() {
        expect('"');
        StringBuilder b = new StringBuilder();
        while (pos < s.length() && s.charAt(pos) != '"') {
            char c = s.charAt(pos++);
            if (c == '\\') {
                if (pos >= s.length()) {
                    throw bad("bad escape");
                }
                char e = s.charAt(pos++);
                if (e != '"' && e != '\\' && e != '/') {
                    throw bad("unsupported escape \\" + e);
                }
                c = e;
            }
            b.append(c);
        }
        expect('"');
        return b.toString();
    }

    private Long number() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
            pos++;
        }
        if (start == pos) {
            throw bad(pos < s.length() ? "unexpected character '" + s.charAt(pos) + "'" : "unexpected end");
        }
        if (pos < s.length() && ".eE".indexOf(s.charAt(pos)) >= 0) {
            throw bad("a number with a fraction or exponent where an integer is expected");
        }
        try {
            return Long.parseLong(s.substring(start, pos));
        } catch (NumberFormatException e) {
            throw bad("number out of range");
        }
    }

    private Object literal(String word, Object v) {
        if (!s.startsWith(word, pos)) {
            throw bad("unexpected token");
        }
        pos += word.length();
        return v;
    }

    private char peek() {
        return pos < s.length() ? s.charAt(pos) : '\0';
    }

    private void expect(char c) {
        if (peek() != c) {
            throw bad("expected '" + c + "'");
        }
        pos++;
    }

    private void ws() {
        while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
            pos++;
        }
    }

    private InvalidInputException bad(String what) {
        return new InvalidInputException(path.isEmpty() ? "c1-output" : pathText(),
                "malformed JSON at character " + pos + ": " + what);
    }

    /** The path reached, as {@code a.b[3].c}. */
    private String pathText() {
        StringBuilder b = new StringBuilder();
        Iterator<Object> it = path.descendingIterator();
        while (it.hasNext()) {
            Object e = it.next();
            if (e instanceof Integer) {
                b.append('[').append(e).append(']');
            } else {
                b.append(b.length() == 0 ? "" : ".").append(e);
            }
        }
        return b.toString();
    }
}
