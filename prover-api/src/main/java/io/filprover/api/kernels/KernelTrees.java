package io.filprover.api.kernels;

/**
 * The shape, the checks and the default (one batch call per level) implementation of
 * {@link Kernels#poseidonTree} and {@link Kernels#sha256Tree}, shared by every backend so they refuse
 * the same arguments the same way.
 */
public final class KernelTrees {
    private KernelTrees() {
    }

    /**
     * Nodes written for {@code levels} levels above {@code leafCount} leaves: Σ_{k=1..levels}
     * leafCount / arity^k (the arguments checked).
     */
    public static long nodesAbove(int arity, long leafCount, int levels) {
        long total = 0;
        long n = leafCount;
        for (int k = 0; k < levels; k++) {
            n /= arity;
            total += n;
        }
        return total;
    }

    /** The first node of level k (level 0 the leaves) when the leaves and the levels above lie one after another. */
    public static long levelStart(int arity, long leafCount, int k) {
        return k == 0 ? 0 : leafCount + nodesAbove(arity, leafCount, k - 1);
    }

    /**
     * The checks both trees share: levels ≥ 1, leafCount a positive multiple of arity^levels, the
     * ranges inside their arrays ({@code unit} array elements per node) and disjoint when the arrays
     * are the same.
     */
    static void check(String op, int arity, Object leaves, int leavesLength, int leavesOff, int leafCount, int levels,
                      Object out, int outLength, int outOff, int unit) {
        if (levels < 1 || levels > 62) {
            throw new IllegalArgumentException(op + ": levels must be at least 1: " + levels);
        }
        long subtree = 1;
        for (int k = 0; k < levels && subtree <= leafCount; k++) {
            subtree *= arity;
        }
        if (leafCount < subtree || leafCount % subtree != 0) {
            throw new IllegalArgumentException(op + ": " + leafCount + " leaves are not a positive multiple of " + arity + "^"
                    + levels + " (whole subtrees of " + levels + " levels)");
        }
        long outUnits = (long) unit * nodesAbove(arity, leafCount, levels);
        long leafUnits = (long) unit * leafCount;
        if (leavesOff < 0 || leavesOff + leafUnits > leavesLength || outOff < 0 || outOff + outUnits > outLength) {
            throw new IndexOutOfBoundsException(op + ": " + leafCount + " leaves or their " + levels
                    + " levels do not fit the arrays");
        }
        if (leaves == out && outOff < leavesOff + leafUnits && leavesOff < outOff + outUnits) {
            throw new IllegalArgumentException(op + ": the levels must not overlap the leaves");
        }
    }

    /** Checks a Poseidon tree's arguments (not the arity, not the leaves' values: the batch call checks those). */
    public static void checkPoseidon(int arity, long[] leaves, int leavesOff, int leafCount, int levels, long[] out, int outOff) {
        if (arity < 2) {
            throw new IllegalArgumentException("poseidonTree: unsupported arity " + arity);
        }
        check("poseidonTree", arity, leaves, leaves.length, leavesOff, leafCount, levels, out, out.length, outOff, 4);
    }

    public static void checkSha256(byte[] leaves, int leavesOff, int leafCount, int levels, byte[] out, int outOff) {
        check("sha256Tree", 2, leaves, leaves.length, leavesOff, leafCount, levels, out, out.length, outOff, 32);
    }

    /** {@link Kernels#poseidonTree} by one {@link Kernels#poseidonHashBatch} per level. */
    public static void poseidonByLevels(Kernels k, int arity, long[] leaves, int leavesOff, int leafCount, int levels,
                                        long[] out, int outOff) {
        checkPoseidon(arity, leaves, leavesOff, leafCount, levels, out, outOff);
        long[] src = leaves;
        int from = leavesOff;
        int n = leafCount;
        int to = outOff;
        for (int level = 1; level <= levels; level++) {
            n /= arity;
            k.poseidonHashBatch(arity, src, from, out, to, n);
            src = out;
            from = to;
            to += 4 * n;
        }
    }

    /** {@link Kernels#sha256Tree} by one {@link Kernels#sha256Trunc254Pairs} per level. */
    public static void sha256ByLevels(Kernels k, byte[] leaves, int leavesOff, int leafCount, int levels, byte[] out, int outOff) {
        checkSha256(leaves, leavesOff, leafCount, levels, out, outOff);
        byte[] src = leaves;
        int from = leavesOff;
        int n = leafCount;
        int to = outOff;
        for (int level = 1; level <= levels; level++) {
            n /= 2;
            k.sha256Trunc254Pairs(src, from, out, to, n);
            src = out;
            from = to;
            to += 32 * n;
        }
    }
}
