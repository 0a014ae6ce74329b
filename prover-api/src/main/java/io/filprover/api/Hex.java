package io.filprover.api;

/** Lower-case hex in memory order, with parsing that names the field on error. */
public final class Hex {
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex() {
    }

    public static String encode(byte[] b) {
        return encode(b, 0, b.length);
    }

    public static String encode(byte[] b, int off, int len) {
        char[] c = new char[2 * len];
        for (int i = 0; i < len; i++) {
            int v = b[off + i] & 0xff;
            c[2 * i] = DIGITS[v >>> 4];
            c[2 * i + 1] = DIGITS[v & 15];
        }
        return new String(c);
    }

    /** Decodes hex (an optional 0x prefix is accepted); throws {@link InvalidInputException} naming {@code field}. */
    public static byte[] decode(String s, String field) {
        String t = s == null ? "" : s.trim();
        if (t.startsWith("0x") || t.startsWith("0X")) {
            t = t.substring(2);
        }
        if (t.length() % 2 != 0) {
            throw new InvalidInputException(field, "hex has an odd number of digits (" + t.length() + ")");
        }
        byte[] out = new byte[t.length() / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = Character.digit(t.charAt(2 * i), 16);
            int lo = Character.digit(t.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) {
                throw new InvalidInputException(field, "not hex: '" + abbreviate(s) + "'");
            }
            out[i] = (byte) (hi << 4 | lo);
        }
        return out;
    }

    /** Decodes exactly {@code len} bytes of hex. */
    public static byte[] decode(String s, int len, String field) {
        byte[] b = decode(s, field);
        if (b.length != len) {
            throw new InvalidInputException(field, "expected " + len + " bytes (" + 2 * len + " hex digits), got " + b.length);
        }
        return b;
    }

    static String abbreviate(String s) {
        return s == null ? "" : s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
