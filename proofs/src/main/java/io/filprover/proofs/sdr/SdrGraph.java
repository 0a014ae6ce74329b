package io.filprover.proofs.sdr;

import io.filprover.api.ApiVersion;
import io.filprover.api.RegisteredSealProof;

/**
 * The stacked SDR graph of a sector (docs/spec/filecoin-porep-post.md §6): 14 parents per node, 6 DRG parents then 8
 * expander
 * parents (docs/spec/filecoin-porep-post.md §6.4). Determined by node count, porep_id and ApiVersion (1.0.0 changes
 * the predecessor
 * position and truncates expander parents, docs/spec/filecoin-porep-post.md §4.5). Immutable and thread-safe; parent
 * lookups go
 * through a per-thread {@link Sampler}.
 */
public final class SdrGraph {
    public static final int BASE_DEGREE = BucketGraph.DEGREE;
    public static final int EXP_DEGREE = FeistelExpander.DEGREE;
    public static final int DEGREE = BASE_DEGREE + EXP_DEGREE;

    private final long nodes;
    private final byte[] porepId;
    private final ApiVersion apiVersion;
    private final long[] feistelKeys;
    private final BucketGraph base;
    private final FeistelExpander expander;

    public SdrGraph(long nodes, byte[] porepId, ApiVersion apiVersion) {
        if (nodes < 2 || Long.bitCount(nodes) != 1 || nodes > (1L << 31)) {
            throw new IllegalArgumentException("node count must be a power of two in [2, 2^31]: " + nodes);
        }
        this.nodes = nodes;
        this.porepId = GraphSeeds.checkPorepId(porepId).clone();
        this.apiVersion = apiVersion;
        this.feistelKeys = GraphSeeds.feistelKeys(porepId);
        boolean legacy = apiVersion == ApiVersion.V1_0_0;
        this.base = new BucketGraph(nodes, GraphSeeds.drgSeed(porepId), legacy);
        this.expander = new FeistelExpander(nodes, feistelKeys, legacy);
    }

    /** The graph a registered seal proof uses (its sector size, porep_id and api version). */
    public static SdrGraph of(RegisteredSealProof proof) {
        return new SdrGraph(proof.sectorSize().nodes(), proof.porepId(), proof.apiVersion());
    }

    public long nodes() {
        return nodes;
    }

    public byte[] porepId() {
        return porepId.clone();
    }

    public ApiVersion apiVersion() {
        return apiVersion;
    }

    public long[] feistelKeys() {
        return feistelKeys.clone();
    }

    public BucketGraph baseGraph() {
        return base;
    }

    public FeistelExpander expander() {
        return expander;
    }

    public Sampler sampler() {
        return new Sampler();
    }

    /** Convenience (allocating): the 14 parents of {@code v}. */
    public int[] parents(long v) {
        int[] out = new int[DEGREE];
        sampler().parents(v, out, 0);
        return out;
    }

    /** Not thread-safe; one per thread. */
    public final class Sampler {
        private final BucketGraph.Sampler drg = base.sampler();
        private final FeistelExpander.Sampler exp = expander.sampler();

        /** Writes the 14 parents of node {@code v} to {@code out[off..off+14)}. */
        public void parents(long v, int[] out, int off) {
            drg.parents(v, out, off);
            exp.parents(v, out, off + BASE_DEGREE);
        }
    }
}
