package io.filprover.proofs.porep;

import io.filprover.api.InvalidInputException;
import io.filprover.api.RegisteredSealProof;
import io.filprover.api.SectorSize;
import io.filprover.api.TreeShape;
import io.filprover.proofs.merkle.MerkleProof;
import io.filprover.proofs.merkle.PathElement;
import io.filprover.proofs.sdr.SdrGraph;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads filecoin-proofs-api's {@code SealCommitPhase1Output} serde JSON (the format
 * {@link Phase1OutputJson} writes) into a {@link Commit1.Output}. Beyond what serde checks (every
 * field present, the types) the lengths must be those of the registered proof's sector: partitions,
 * challenges, path lengths and arities, layers, parent counts. Every error is an
 * {@link InvalidInputException} whose field is the JSON path. The challenge of each proof is its
 * {@code c_x} column index; comm_c and comm_r_last are the roots of the first proof's tree_c and
 * tree_r_last openings, as upstream C2 takes them.
 */
public final class Phase1OutputReader {
    private static final long U32_MAX = 0xffffffffL;

    private final RegisteredSealProof proof;
    private final SectorSize size;
    private final int layers;

    private Phase1OutputReader(RegisteredSealProof proof, SectorSize size) {
        this.proof = proof;
        this.size = size;
        this.layers = size.layers();
    }

    /** Parses the JSON text; the prover id and sector id it does not carry stay null. */
    public static Commit1.Output decode(String json) {
        return decode(new JsonNode(MiniJson.parse(json, true), ""));
    }

    static Commit1.Output decode(JsonNode top) {
        top.object();
        JsonNode rp = top.field("registered_proof");
        RegisteredSealProof p = registered(rp);
        return new Phase1OutputReader(p, p.sectorSize()).output(top);
    }

    /**
     * Tests only: reads as if {@code proof} had sectors of {@code size}, so the Sub and Top proof
     * shapes of the small test sizes (4 KiB 8-2-0, 32 KiB 8-8-2) go through the codec.
     */
    static Commit1.Output decodeAs(String json, RegisteredSealProof proof, SectorSize size) {
        return new Phase1OutputReader(proof, size).output(new JsonNode(MiniJson.parse(json, true), ""));
    }

    private static RegisteredSealProof registered(JsonNode n) {
        String name = n.string();
        for (RegisteredSealProof p : RegisteredSealProof.values()) {
            if (p.upstreamName().equals(name)) {
                return p;
            }
        }
        throw n.bad("unknown registered seal proof '" + name + "'");
    }

    private Commit1.Output output(JsonNode top) {
        JsonNode vp = top.field("vanilla_proofs");
        String variant = vp.variant();
        String expected = Phase1OutputJson.variant(size);
        if (!expected.equals(variant)) {
            throw new InvalidInputException(vp.path + "." + variant, "variant " + variant + " is not that of "
                    + proof.upstreamName() + " (" + expected + "): the proofs are for another sector size");
        }
        int cpp = size.porepChallengesPerPartition(proof.feature());
        List<List<ChallengeProof>> parts = new ArrayList<>();
        for (JsonNode part : vp.field(variant).list(proof.partitions(), "partitions of " + proof.upstreamName())) {
            List<ChallengeProof> ps = new ArrayList<>();
            for (JsonNode c : part.list(cpp, "challenges per partition of " + proof.upstreamName())) {
                ps.add(challenge(c));
            }
            parts.add(ps);
        }
        byte[] commR = top.field("comm_r").domain();
        byte[] commD = top.field("comm_d").domain();
        byte[] replicaId = top.field("replica_id").domain();
        byte[] seed = top.field("seed").domain();
        byte[] ticket = top.field("ticket").domain();
        ChallengeProof first = parts.get(0).get(0);
        return new Commit1.Output(size, layers, proof.porepId(), proof.apiVersion(), proof.feature(), null, null,
                ticket, seed, replicaId, commD, first.column().treeCProof().root(), first.commRLastProof().root(),
                commR, parts);
    }

    private ChallengeProof challenge(JsonNode n) {
        MerkleProof commD = merkle(n.field("comm_d_proofs"), 2, 0, 0, size.log2Nodes());
        MerkleProof commRLast = merkle(n.field("comm_r_last_proof"), baseLevels());
        JsonNode rcp = n.field("replica_column_proofs");
        ColumnProof cx = column(rcp.field("c_x"));
        List<ColumnProof> drg = new ArrayList<>();
        for (JsonNode c : rcp.field("drg_parents").list(SdrGraph.BASE_DEGREE, "DRG parents")) {
            drg.add(column(c));
        }
        List<ColumnProof> exp = new ArrayList<>();
        for (JsonNode c : rcp.field("exp_parents").list(SdrGraph.EXP_DEGREE, "expander parents")) {
            exp.add(column(c));
        }
        List<LabelingProof> labeling = new ArrayList<>();
        for (JsonNode l : n.field("labeling_proofs").list(layers, "layers of " + proof.upstreamName())) {
            labeling.add(labeling(l));
        }
        LabelingProof encoding = labeling(n.field("encoding_proof"));
        return new ChallengeProof(cx.index(), commD, cx, drg, exp, commRLast, labeling, encoding);
    }

    /** Levels of an 8-ary base tree: log8(leaves per base tree). */
    private int baseLevels() {
        return Long.numberOfTrailingZeros(size.leavesPerBaseTree()) / 3;
    }

    private ColumnProof column(JsonNode n) {
        JsonNode col = n.field("column");
        long index = col.field("index").integer(U32_MAX);
        List<byte[]> rows = col.field("rows").domains();
        if (rows.size() != layers) {
            throw col.field("rows").bad("has " + rows.size() + " entries, expected " + layers + " (layers of "
                    + proof.upstreamName() + ")");
        }
        JsonNode h = col.field("_h");
        if (h.value != null) {
            throw h.bad("must be null (serde's PhantomData), not " + h.kind());
        }
        return new ColumnProof(index, rows, merkle(n.field("inclusion_proof"), baseLevels()));
    }

    private LabelingProof labeling(JsonNode n) {
        JsonNode parents = n.field("parents");
        List<byte[]> values = parents.domains();
        if (values.size() != LabelFunction.TOTAL_PARENTS) {
            throw parents.bad("has " + values.size() + " entries, expected " + LabelFunction.TOTAL_PARENTS);
        }
        int layer = (int) n.field("layer_index").integer(U32_MAX);
        return new LabelingProof(layer, n.field("node").integer(Long.MAX_VALUE), values);
    }

    /** An opening of tree_c or tree_r_last: the sector's tree shape. */
    private MerkleProof merkle(JsonNode n, int baseLevels) {
        TreeShape s = size.shape();
        return merkle(n, s.baseArity(), s.subArity(), s.topArity(), baseLevels);
    }

    /** {data: {Single|Sub|Top: ...}}: the variant the tree shape has, paths of its arities and length. */
    private MerkleProof merkle(JsonNode n, int baseArity, int subArity, int topArity, int baseLevels) {
        JsonNode data = n.field("data");
        String variant = data.variant();
        String expected = topArity > 0 ? "Top" : subArity > 0 ? "Sub" : "Single";
        JsonNode v = data.field(variant);
        if (!expected.equals(variant)) {
            throw v.bad("a " + variant + " proof where the " + size.label() + " tree has a " + expected + " proof");
        }
        MerkleProof.Kind kind;
        List<PathElement> sub = List.of();
        List<PathElement> top = List.of();
        List<PathElement> base;
        if (variant.equals("Single")) {
            kind = MerkleProof.Kind.SINGLE;
            base = path(v.field("path"), baseArity, baseLevels);
        } else {
            base = path(v.field("base_proof"), baseArity, baseLevels);
            sub = path(v.field("sub_proof"), subArity, 1);
            kind = MerkleProof.Kind.SUB;
            if (variant.equals("Top")) {
                top = path(v.field("top_proof"), topArity, 1);
                kind = MerkleProof.Kind.TOP;
            }
        }
        return new MerkleProof(kind, base, sub, top, v.field("root").domain(), v.field("leaf").domain());
    }

    /** InclusionPath {path: [PathElement {hashes, index}]}. */
    private List<PathElement> path(JsonNode n, int arity, int levels) {
        List<PathElement> out = new ArrayList<>();
        for (JsonNode e : n.field("path").list(levels, "levels of the " + size.label() + " tree")) {
            JsonNode hashes = e.field("hashes");
            List<byte[]> siblings = hashes.domains();
            if (siblings.size() != arity - 1) {
                throw hashes.bad("has " + siblings.size() + " siblings, expected " + (arity - 1) + " (arity " + arity + ")");
            }
            out.add(new PathElement(siblings, e.field("index").integer(arity - 1)));
        }
        return out;
    }
}
