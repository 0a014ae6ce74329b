package io.filprover.kernels;

import io.filprover.api.kernels.KernelTrees;
import io.filprover.bls12381.poseidon.PoseidonParameters;

/**
 * The host side of whole-tree hashing on a device (tree.cl), written once for every device backend:
 * how a tree is cut into device calls and where each call's levels go.
 *
 * <p>One device call ({@link Job}) uploads a run of leaves once into a buffer that has room for every
 * level above them, hashes the levels one launch each (the level stays on the device) and downloads
 * all the levels at once. A tree whose leaves and levels do not fit one call is cut: the lowest j
 * levels (arity^j leaves per subtree fitting a call) are hashed in runs of whole subtrees, each run's
 * levels scattered to their places in the output, then the levels above are hashed from level j, which
 * now lies in the output, the same way. The runs go to the instance's lanes ({@link DeviceLanes}): run k on
 * lane k mod 2, each lane with its own staging array, so one run's copies overlap the other's levels; the
 * levels above start when every run has ended.
 */
public final class TreeHost {
    private TreeHost() {
    }

    /**
     * One device call: {@code levels} levels above the {@code n} leaves (32-byte nodes) at
     * {@code leaves[leavesByte]}, written packed (level 1 first) to {@code out[outByte]}. {@code p} is
     * null for SHA-256 ({@code sha256_tree_level}), else the Poseidon parameters
     * ({@code poseidon_tree_a<arity>}). The arrays are {@code byte[]} (SHA) or {@code long[]} (Poseidon).
     */
    public record Job(PoseidonParameters p, int arity, Object leaves, long leavesByte, int n, int levels, Object out,
                      long outByte) {
        /** The kernel of one level. */
        public String kernel() {
            return p == null ? "sha256_tree_level" : "poseidon_tree_a" + arity;
        }

        /** Nodes of the device buffer: the leaves, then every level. */
        public long bufferNodes() {
            return n + KernelTrees.nodesAbove(arity, n, levels);
        }

        /** Bytes downloaded: the levels. */
        public long outBytes() {
            return 32 * KernelTrees.nodesAbove(arity, n, levels);
        }
    }

    /** A backend's launch of one level: {@code count} parents from node {@code inNode} to node {@code outNode}. */
    @FunctionalInterface
    public interface LevelLauncher {
        void level(long inNode, long outNode, int count);
    }

    /** The launches of one job, in order (each reads what the one before wrote). */
    public static void levels(Job job, LevelLauncher launcher) {
        for (int k = 1; k <= job.levels(); k++) {
            long in = KernelTrees.levelStart(job.arity(), job.n(), k - 1);
            long out = KernelTrees.levelStart(job.arity(), job.n(), k);
            launcher.level(in, out, (int) (job.n() / pow(job.arity(), k)));
        }
    }

    /** A backend's device call on one of its lanes. */
    @FunctionalInterface
    public interface Device {
        void run(int lane, Job job);
    }

    /**
     * The whole tree (arguments checked) in device calls of at most {@code maxBufferNodes} nodes.
     * {@code unit} is array elements per node: 32 for byte[], 4 for long[].
     */
    static void run(PoseidonParameters p, int arity, Object leaves, int leavesOff, int leafCount, int levels, Object out,
                    int outOff, int unit, long maxBufferNodes, Device device) {
        // the leaves a call may take: n + n/(arity - 1) nodes bound the buffer
        long maxLeaves = Math.max(arity, maxBufferNodes * (arity - 1) / arity);
        int j = 0;
        while (j < levels && pow(arity, j + 1) <= maxLeaves) {
            j++;
        }
        j = Math.max(1, j);
        long subtree = pow(arity, j);
        long per = Math.max(subtree, maxLeaves / subtree * subtree);
        long esz = unit == 32 ? 1 : 8; // bytes per array element
        if (per >= leafCount) {
            device.run(0, new Job(p, arity, leaves, esz * leavesOff, leafCount, j, out, esz * outOff));
        } else {
            int jj = j;
            long runs = (leafCount + per - 1) / per;
            int lanes = (int) Math.min(DeviceLanes.LANES, runs);
            DeviceLanes.run(lanes, (lane, stop) -> {
                Object staged = unit == 32 ? new byte[(int) (32 * KernelTrees.nodesAbove(arity, per, jj))]
                        : new long[(int) (4 * KernelTrees.nodesAbove(arity, per, jj))];
                for (long r = lane; r < runs && !stop.get(); r += lanes) {
                    long lo = r * per;
                    int n = (int) Math.min(per, leafCount - lo);
                    device.run(lane, new Job(p, arity, leaves, esz * (leavesOff + unit * lo), n, jj, staged, 0));
                    // level k of this run goes after the levels below it, at its first parent lo / arity^k
                    long from = 0;
                    for (int k = 1; k <= jj; k++) {
                        long nodes = n / pow(arity, k);
                        long to = outOff + unit * (KernelTrees.nodesAbove(arity, leafCount, k - 1) + lo / pow(arity, k));
                        System.arraycopy(staged, (int) (unit * from), out, (int) to, (int) (unit * nodes));
                        from += nodes;
                    }
                }
            });
        }
        if (j < levels) {
            int levelJ = outOff + unit * (int) KernelTrees.nodesAbove(arity, leafCount, j - 1);
            int above = outOff + unit * (int) KernelTrees.nodesAbove(arity, leafCount, j);
            run(p, arity, out, levelJ, (int) (leafCount / subtree), levels - j, out, above, unit, maxBufferNodes, device);
        }
    }

    static long pow(int arity, int k) {
        long r = 1;
        for (int i = 0; i < k; i++) {
            r *= arity;
        }
        return r;
    }
}
