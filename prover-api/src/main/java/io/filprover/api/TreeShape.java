package io.filprover.api;

/**
 * Arity of the base, sub and top levels of tree_c and tree_r_last (tree_d is always binary).
 * A zero sub or top arity means that level is absent: 8-0-0, 8-2-0, 8-8-0, 8-8-2.
 */
public record TreeShape(int baseArity, int subArity, int topArity) {
    public TreeShape {
        if (baseArity != 8) {
            throw new IllegalArgumentException("base arity must be 8, got " + baseArity);
        }
        if (subArity < 0 || topArity < 0 || (subArity == 0 && topArity != 0)) {
            throw new IllegalArgumentException("bad tree shape " + baseArity + "-" + subArity + "-" + topArity);
        }
    }

    /** Number of base trees: sub × top, or 1 when there is no sub level. */
    public int baseTreeCount() {
        if (subArity == 0) {
            return 1;
        }
        return topArity == 0 ? subArity : subArity * topArity;
    }

    @Override
    public String toString() {
        return baseArity + "-" + subArity + "-" + topArity;
    }
}
