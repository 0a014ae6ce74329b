package io.filprover.proofs.porep;

import io.filprover.api.ApiVersion;
import io.filprover.api.Hex;
import io.filprover.api.InvalidInputException;
import io.filprover.api.PoRepFeature;
import io.filprover.api.SectorSize;
import io.filprover.proofs.merkle.MerkleProof;
import io.filprover.proofs.merkle.PathElement;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The legacy C1 output format {@value #FORMAT} (docs/c1-output.md, "Legacy format"): commitments, ids
 * and every partition's vanilla challenge proofs as JSON, hashes as lowercase hex in memory order.
 * The upstream format ({@link Phase1OutputJson}) replaced it; {@link Commit1Files} still reads it, and
 * writes it only for sectors no registered seal proof names (test porep ids, other layer counts or API
 * versions), which the upstream format cannot express.
 */
public final class Commit1Json {
    public static final String FORMAT = "filprover-c1/1";

    private Commit1Json() {
    }

    /** Writes {@code out} to {@code file} through a temporary file renamed when complete. */
    public static void write(Commit1.Output out, Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.writeString(tmp, encode(out), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public static Commit1.Output read(Path file) throws IOException {
        return decode(Files.readString(file, StandardCharsets.UTF_8));
    }

    public static String encode(Commit1.Output o) {
        if (o.proverId() == null || o.sectorId() == null) {
            throw new InvalidInputException("c1-output", FORMAT + " needs the prover id and sector id, which this output lacks");
        }
        StringBuilder b = new StringBuilder(1 << 16);
        b.append("{\"format\":\"").append(FORMAT).append('"');
        b.append(",\"sector_size\":").append(o.sectorSize().bytes());
        b.append(",\"layers\":").append(o.layers());
        hex(b, "porep_id", o.porepId());
        b.append(",\"api_version\":\"").append(o.apiVersion().text()).append('"');
        b.append(",\"feature\":\"").append(o.feature().name().toLowerCase()).append('"');
        hex(b, "prover_id", o.proverId());
        b.append(",\"sector_id\":\"").append(Long.toUnsignedString(o.sectorId())).append('"');
        hex(b, "ticket", o.ticket());
        hex(b, "seed", o.seed());
        hex(b, "replica_id", o.replicaId());
        hex(b, "comm_d", o.commD());
        hex(b, "comm_c", o.commC());
        hex(b, "comm_r_last", o.commRLast());
        hex(b, "comm_r", o.commR());
        b.append(",\"partitions\":[");
        for (int k = 0; k < o.partitions().size(); k++) {
            b.append(k == 0 ? "" : ",").append('[');
            List<ChallengeProof> ps = o.partitions().get(k);
            for (int i = 0; i < ps.size(); i++) {
                b.append(i == 0 ? "" : ",\n");
                challenge(b, ps.get(i));
            }
            b.append(']');
        }
        b.append("]}\n");
        return b.toString();
    }

    private static void challenge(StringBuilder b, ChallengeProof p) {
        b.append("{\"challenge\":").append(p.challenge());
        b.append(",\"comm_d_proof\":");
        merkle(b, p.commDProof());
        b.append(",\"column\":");
        column(b, p.column());
        b.append(",\"drg_parents\":[");
        for (int i = 0; i < p.drgParents().size(); i++) {
            b.append(i == 0 ? "" : ",");
            column(b, p.drgParents().get(i));
        }
        b.append("],\"exp_parents\":[");
        for (int i = 0; i < p.expParents().size(); i++) {
            b.append(i == 0 ? "" : ",");
            column(b, p.expParents().get(i));
        }
        b.append("],\"comm_r_last_proof\":");
        merkle(b, p.commRLastProof());
        b.append(",\"labeling_proofs\":[");
        for (int i = 0; i < p.labelingProofs().size(); i++) {
            b.append(i == 0 ? "" : ",");
            labeling(b, p.labelingProofs().get(i));
        }
        b.append("],\"encoding_proof\":");
        labeling(b, p.encodingProof());
        b.append('}');
    }

    private static void column(StringBuilder b, ColumnProof c) {
        b.append("{\"index\":").append(c.index()).append(",\"rows\":");
        hexList(b, c.rows());
        b.append(",\"tree_c_proof\":");
        merkle(b, c.treeCProof());
        b.append('}');
    }

    private static void labeling(StringBuilder b, LabelingProof l) {
        b.append("{\"layer\":").append(l.layer()).append(",\"node\":").append(l.node()).append(",\"parents\":");
        hexList(b, l.parents());
        b.append('}');
    }

    private static void merkle(StringBuilder b, MerkleProof m) {
        b.append("{\"root\":\"").append(Hex.encode(m.root())).append("\",\"leaf\":\"").append(Hex.encode(m.leaf()))
                .append('"');
        path(b, "base", m.base());
        path(b, "sub", m.sub());
        path(b, "top", m.top());
        b.append('}');
    }

    private static void path(StringBuilder b, String name, List<PathElement> path) {
        b.append(",\"").append(name).append("\":[");
        for (int i = 0; i < path.size(); i++) {
            b.append(i == 0 ? "" : ",").append("{\"index\":").append(path.get(i).index()).append(",\"siblings\":");
            hexList(b, path.get(i).siblings());
            b.append('}');
        }
        b.append(']');
    }

    private static void hexList(StringBuilder b, List<byte[]> values) {
        b.append('[');
        for (int i = 0; i < values.size(); i++) {
            b.append(i == 0 ? "\"" : ",\"").append(Hex.encode(values.get(i))).append('"');
        }
        b.append(']');
    }

    private static void hex(StringBuilder b, String name, byte[] v) {
        b.append(",\"").append(name).append("\":\"").append(Hex.encode(v)).append('"');
    }

    // ---- decoding ----

    public static Commit1.Output decode(String json) {
        return decode(obj(MiniJson.parse(json), "top level"));
    }

    static Commit1.Output decode(Map<String, Object> o) {
        if (!FORMAT.equals(o.get("format"))) {
            throw new InvalidInputException("c1-output", "not a " + FORMAT + " file (format " + o.get("format") + ")");
        }
        SectorSize size = SectorSize.ofBytes(num(o, "sector_size"));
        String feature = str(o, "feature");
        PoRepFeature f;
        try {
            f = PoRepFeature.valueOf(feature.toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("c1-output", "unknown feature " + feature);
        }
        List<List<ChallengeProof>> parts = new ArrayList<>();
        for (Object p : list(o.get("partitions"), "partitions")) {
            List<ChallengeProof> ps = new ArrayList<>();
            for (Object c : list(p, "partition")) {
                ps.add(challenge(obj(c, "challenge proof")));
            }
            parts.add(ps);
        }
        long sectorId;
        try {
            sectorId = Long.parseUnsignedLong(str(o, "sector_id"));
        } catch (NumberFormatException e) {
            throw new InvalidInputException("c1-output", "sector_id is not an unsigned 64-bit number");
        }
        return new Commit1.Output(size, (int) num(o, "layers"), h(o, "porep_id"), ApiVersion.parse(str(o, "api_version")),
                f, h(o, "prover_id"), sectorId, h(o, "ticket"), h(o, "seed"), h(o, "replica_id"), h(o, "comm_d"),
                h(o, "comm_c"), h(o, "comm_r_last"), h(o, "comm_r"), parts);
    }

    private static ChallengeProof challenge(Map<String, Object> o) {
        List<ColumnProof> drg = new ArrayList<>();
        for (Object c : list(o.get("drg_parents"), "drg_parents")) {
            drg.add(column(obj(c, "column")));
        }
        List<ColumnProof> exp = new ArrayList<>();
        for (Object c : list(o.get("exp_parents"), "exp_parents")) {
            exp.add(column(obj(c, "column")));
        }
        List<LabelingProof> lab = new ArrayList<>();
        for (Object l : list(o.get("labeling_proofs"), "labeling_proofs")) {
            lab.add(labeling(obj(l, "labeling proof")));
        }
        return new ChallengeProof(num(o, "challenge"), merkle(obj(o.get("comm_d_proof"), "comm_d_proof")),
                column(obj(o.get("column"), "column")), drg, exp,
                merkle(obj(o.get("comm_r_last_proof"), "comm_r_last_proof")), lab,
                labeling(obj(o.get("encoding_proof"), "encoding_proof")));
    }

    private static ColumnProof column(Map<String, Object> o) {
        return new ColumnProof(num(o, "index"), hexes(o.get("rows"), "rows"), merkle(obj(o.get("tree_c_proof"), "tree_c_proof")));
    }

    private static LabelingProof labeling(Map<String, Object> o) {
        return new LabelingProof((int) num(o, "layer"), num(o, "node"), hexes(o.get("parents"), "parents"));
    }

    private static MerkleProof merkle(Map<String, Object> o) {
        List<PathElement> base = path(o.get("base"));
        List<PathElement> sub = path(o.get("sub"));
        List<PathElement> top = path(o.get("top"));
        MerkleProof.Kind kind = !top.isEmpty() ? MerkleProof.Kind.TOP : !sub.isEmpty() ? MerkleProof.Kind.SUB
                : MerkleProof.Kind.SINGLE;
        return new MerkleProof(kind, base, sub, top, h(o, "root"), h(o, "leaf"));
    }

    private static List<PathElement> path(Object v) {
        List<PathElement> out = new ArrayList<>();
        for (Object e : list(v, "path")) {
            Map<String, Object> m = obj(e, "path element");
            out.add(new PathElement(hexes(m.get("siblings"), "siblings"), num(m, "index")));
        }
        return out;
    }

    private static List<byte[]> hexes(Object v, String what) {
        List<byte[]> out = new ArrayList<>();
        for (Object x : list(v, what)) {
            if (!(x instanceof String)) {
                throw new InvalidInputException("c1-output", what + " must hold hex strings");
            }
            out.add(Hex.decode((String) x, 32, what));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> obj(Object v, String what) {
        if (!(v instanceof Map)) {
            throw new InvalidInputException("c1-output", what + " must be a JSON object");
        }
        return (Map<String, Object>) v;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object v, String what) {
        if (!(v instanceof List)) {
            throw new InvalidInputException("c1-output", what + " must be a JSON array");
        }
        return (List<Object>) v;
    }

    private static long num(Map<String, Object> o, String k) {
        Object v = o.get(k);
        if (!(v instanceof Long)) {
            throw new InvalidInputException("c1-output", k + " must be an integer");
        }
        return (Long) v;
    }

    private static String str(Map<String, Object> o, String k) {
        Object v = o.get(k);
        if (!(v instanceof String)) {
            throw new InvalidInputException("c1-output", k + " must be a string");
        }
        return (String) v;
    }

    private static byte[] h(Map<String, Object> o, String k) {
        return Hex.decode(str(o, k), 32, k);
    }
}
