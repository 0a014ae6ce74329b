package io.filprover.api;

/** rust-fil-proofs API versions; they change parent ordering and PoSt challenge indexing (docs/spec/filecoin-porep-post.md §4.5). */
public enum ApiVersion {
    V1_0_0("1.0.0"),
    V1_1_0("1.1.0"),
    V1_2_0("1.2.0");

    private final String text;

    ApiVersion(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    /** Parses {@code 1.0}, {@code 1.0.0}, {@code 1.1}, {@code 1.2} and their three-part forms. */
    public static ApiVersion parse(String s) {
        String t = s == null ? "" : s.trim();
        for (ApiVersion v : values()) {
            if (v.text.equals(t) || v.text.equals(t + ".0")) {
                return v;
            }
        }
        throw new InvalidInputException("api-version", "unknown API version '" + s + "'; expected 1.0, 1.1 or 1.2");
    }

    @Override
    public String toString() {
        return text;
    }
}
