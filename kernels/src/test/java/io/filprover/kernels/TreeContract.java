package io.filprover.kernels;

import io.filprover.api.job.WorkerPool;
import io.filprover.api.kernels.KernelTrees;
import io.filprover.api.kernels.Kernels;
import io.filprover.bls12381.field.Fr;
import io.filprover.cpu.CpuKernels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.Random;

import static io.filprover.kernels.KernelsContractTest.frLimbs;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole-tree part of the contract (mixed into {@link KernelsContractTest}): poseidonTree of every
 * arity the device hashes (and 16 on the cpu path) and sha256Tree over fresh random leaves, single
 * trees and rows of subtrees, at random offsets with sentinels around the output, against the default
 * path (one batch call per level) on the cpu backend; the edge leaves 0 and r − 1; and the refusals.
 */
public interface TreeContract {
    Kernels kernels();

    WorkerPool pool();

    String why(String test);

    Random rnd(String test);

    private static long[] randomLeaves(Random r, int n, int off) {
        long[] a = new long[off + 4 * n + 3];
        for (int i = 0; i < n; i++) {
            Fr.random(r).toMontgomeryLimbs(a, off + 4 * i);
        }
        return a;
    }

    /** One Poseidon tree against the default path on the cpu backend, with sentinels around the output. */
    private void checkPoseidon(String test, int arity, long[] leaves, int leavesOff, int leafCount, int levels, Random r) {
        int nodes = (int) KernelTrees.nodesAbove(arity, leafCount, levels);
        long[] want = new long[4 * nodes];
        try (CpuKernels cpu = new CpuKernels(pool())) {
            KernelTrees.poseidonByLevels(cpu, arity, leaves, leavesOff, leafCount, levels, want, 0);
        }
        int outOff = r.nextInt(9);
        long[] got = new long[outOff + 4 * nodes + 2];
        Arrays.fill(got, 0x5a5aL);
        long[] before = leaves.clone();
        kernels().poseidonTree(arity, leaves, leavesOff, leafCount, levels, got, outOff);
        String why = why(test + ": arity " + arity + ", " + leafCount + " leaves, " + levels + " levels");
        assertArrayEquals(want, Arrays.copyOfRange(got, outOff, outOff + 4 * nodes), why);
        for (int i : new int[] {0, outOff - 1, outOff + 4 * nodes, outOff + 4 * nodes + 1}) {
            if (i >= 0 && (i < outOff || i >= outOff + 4 * nodes)) {
                assertEquals(0x5a5aL, got[i], why + ": nothing written outside the levels");
            }
        }
        assertArrayEquals(before, leaves, why + ": the leaves are left as they were");
    }

    @ParameterizedTest(name = "arity {0}")
    @ValueSource(ints = {2, 4, 8, 11, 16})
    default void poseidonTreeMatchesOneBatchPerLevel(int arity) {
        Random r = rnd("poseidonTree " + arity);
        int maxLevels = arity == 2 ? 10 : arity == 4 ? 6 : arity == 8 ? 4 : arity == 11 ? 3 : 2;
        for (int levels = 1; levels <= maxLevels; levels++) {
            int subtree = (int) Math.pow(arity, levels);
            // one tree, then a row of several subtrees
            for (int leafCount : new int[] {subtree, subtree * (1 + r.nextInt(3))}) {
                int off = 4 * r.nextInt(5);
                checkPoseidon("poseidonTree", arity, randomLeaves(r, leafCount, off), off, leafCount, levels, r);
            }
        }
    }

    @Test
    default void poseidonTreeOfEdgeLeaves() {
        Random r = rnd("poseidonTree edges");
        long[] minusOne = frLimbs(Fr.MODULUS.subtract(java.math.BigInteger.ONE));
        for (int arity : new int[] {2, 8, 11}) {
            int n = arity * arity;
            long[] zeros = new long[4 * n];
            long[] tops = new long[4 * n];
            for (int i = 0; i < n; i++) {
                System.arraycopy(minusOne, 0, tops, 4 * i, 4); // r − 1 as the raw limbs (a reduced element)
            }
            checkPoseidon("poseidonTree zero leaves", arity, zeros, 0, n, 2, r);
            checkPoseidon("poseidonTree r - 1 leaves", arity, tops, 0, n, 2, r);
        }
    }

    @Test
    default void poseidonTreeLevelsMayFollowTheLeavesInTheSameArray() {
        Random r = rnd("poseidonTree same array");
        int n = 512;
        long[] a = randomLeaves(r, n, 0);
        a = Arrays.copyOf(a, 4 * n + 4 * 73);
        long[] want = new long[4 * 73];
        try (CpuKernels cpu = new CpuKernels(pool())) {
            KernelTrees.poseidonByLevels(cpu, 8, a, 0, n, 3, want, 0);
        }
        kernels().poseidonTree(8, a, 0, n, 3, a, 4 * n);
        assertArrayEquals(want, Arrays.copyOfRange(a, 4 * n, a.length), why("poseidonTree same array"));
    }

    @ParameterizedTest(name = "2^{0} leaves")
    @ValueSource(ints = {1, 2, 5, 10, 16})
    default void sha256TreeMatchesOneBatchPerLevel(int log) {
        Random r = rnd("sha256Tree " + log);
        for (int levels : new int[] {1, log}) {
            for (int leafCount : new int[] {1 << log, (1 << log) * (1 + r.nextInt(3))}) {
                int off = r.nextInt(40);
                byte[] leaves = new byte[off + 32 * leafCount + 5];
                r.nextBytes(leaves);
                int nodes = (int) KernelTrees.nodesAbove(2, leafCount, levels);
                byte[] want = new byte[32 * nodes];
                try (CpuKernels cpu = new CpuKernels(pool())) {
                    KernelTrees.sha256ByLevels(cpu, leaves, off, leafCount, levels, want, 0);
                }
                int outOff = r.nextInt(40);
                byte[] got = new byte[outOff + 32 * nodes + 1];
                got[got.length - 1] = 0x5a;
                byte[] before = leaves.clone();
                kernels().sha256Tree(leaves, off, leafCount, levels, got, outOff);
                String why = why("sha256Tree of " + leafCount + " leaves, " + levels + " levels");
                assertArrayEquals(want, Arrays.copyOfRange(got, outOff, outOff + 32 * nodes), why);
                assertEquals(0x5a, got[got.length - 1], why + ": nothing written past the levels");
                assertArrayEquals(before, leaves, why + ": the leaves are left as they were");
            }
        }
    }

    @Test
    default void sha256TreeOfTheZeroLeavesGivesTheZeroCommitments() {
        byte[] out = new byte[32 * 7];
        kernels().sha256Tree(new byte[32 * 8], 0, 8, 3, out, 0);
        // TV-ZERO level 1 (as sha256OfTheZeroPairIsTheFirstZeroCommitment), then each level the pair of the one below
        byte[] pair = new byte[64];
        byte[] level = new byte[32];
        kernels().sha256Trunc254Pairs(pair, 0, level, 0, 1);
        for (int k = 0; k < 3; k++) {
            int start = k == 0 ? 0 : k == 1 ? 4 : 6;
            for (int i = 0; i < (4 >> k); i++) {
                assertArrayEquals(level, Arrays.copyOfRange(out, 32 * (start + i), 32 * (start + i + 1)), why("zero tree level " + (k + 1)));
            }
            System.arraycopy(level, 0, pair, 0, 32);
            System.arraycopy(level, 0, pair, 32, 32);
            kernels().sha256Trunc254Pairs(pair, 0, level, 0, 1);
        }
    }

    @Test
    default void treesRefuseBadShapesOverlapsAndRangesBeforeAnyWork() {
        Kernels k = kernels();
        long[] leaves = randomLeaves(rnd("tree refusals"), 72, 0);
        long[] out = new long[4 * 80];
        // not whole subtrees, no levels, no leaves, arity 1, overlapping ranges, an unreduced leaf
        assertThrows(IllegalArgumentException.class, () -> k.poseidonTree(8, leaves, 0, 72, 2, out, 0));
        assertThrows(IllegalArgumentException.class, () -> k.poseidonTree(8, leaves, 0, 12, 1, out, 0));
        assertThrows(IllegalArgumentException.class, () -> k.poseidonTree(8, leaves, 0, 64, 0, out, 0));
        assertThrows(IllegalArgumentException.class, () -> k.poseidonTree(8, leaves, 0, 0, 1, out, 0));
        assertThrows(IllegalArgumentException.class, () -> k.poseidonTree(1, leaves, 0, 9, 2, out, 0));
        assertThrows(IllegalArgumentException.class, () -> k.poseidonTree(8, leaves, 0, 64, 2, leaves, 4 * 60));
        long[] unreduced = leaves.clone();
        System.arraycopy(frLimbs(Fr.MODULUS), 0, unreduced, 4 * 63, 4);
        assertThrows(IllegalArgumentException.class, () -> k.poseidonTree(8, unreduced, 0, 64, 2, out, 0));
        // ranges outside the arrays
        assertThrows(IndexOutOfBoundsException.class, () -> k.poseidonTree(8, leaves, 4 * 9, 64, 2, out, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> k.poseidonTree(8, leaves, -4, 64, 2, out, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> k.poseidonTree(8, leaves, 0, 64, 2, out, 4 * 72 + 1));
        assertThrows(IndexOutOfBoundsException.class, () -> k.poseidonTree(8, leaves, 0, 64, 2, new long[4 * 8], 0));
        assertArrayEquals(new long[out.length], out, "nothing written for a refused tree");

        byte[] sl = new byte[32 * 12];
        byte[] so = new byte[32 * 12];
        assertThrows(IllegalArgumentException.class, () -> k.sha256Tree(sl, 0, 12, 3, so, 0));
        assertThrows(IllegalArgumentException.class, () -> k.sha256Tree(sl, 0, 3, 1, so, 0));
        assertThrows(IllegalArgumentException.class, () -> k.sha256Tree(sl, 0, 8, 0, so, 0));
        assertThrows(IllegalArgumentException.class, () -> k.sha256Tree(sl, 0, 8, 3, sl, 32 * 5));
        assertThrows(IndexOutOfBoundsException.class, () -> k.sha256Tree(sl, 32 * 5, 8, 3, so, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> k.sha256Tree(sl, 0, 8, 3, so, 32 * 6));
        assertArrayEquals(new byte[so.length], so, "nothing written for a refused tree");
        assertTrue(KernelTrees.nodesAbove(8, 64, 2) == 9 && KernelTrees.nodesAbove(2, 12, 2) == 9);
    }
}
