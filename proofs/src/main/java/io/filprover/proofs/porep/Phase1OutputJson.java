package io.filprover.proofs.porep;

import io.filprover.api.InvalidInputException;
import io.filprover.api.RegisteredSealProof;
import io.filprover.api.SectorSize;
import io.filprover.proofs.merkle.MerkleProof;
import io.filprover.proofs.merkle.PathElement;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Writes C1 output as filecoin-ffi does: {@code serde_json::to_vec} of filecoin-proofs-api's
 * {@code SealCommitPhase1Output} (rust-filecoin-proofs-api src/seal.rs), compact, no trailing newline,
 * fields in declaration order, every 32-byte value ({@code [u8; 32]}, {@code Sha256Domain},
 * {@code PoseidonDomain}) an array of 32 numbers. Schema and provenance: docs/c1-output.md. The
 * reader is {@link Phase1OutputReader}; {@link Commit1Files} picks the format of a file.
 */
public final class Phase1OutputJson {
    private Phase1OutputJson() {
    }

    /**
     * The registered seal proof naming {@code out}: its size, API version, feature, porep_id and layer
     * count must all be the registry's, as upstream derives them from {@code registered_proof} alone.
     */
    public static RegisteredSealProof registeredProof(Commit1.Output out) {
        SectorSize size = out.sectorSize();
        RegisteredSealProof p;
        try {
            p = RegisteredSealProof.of(size, out.apiVersion(), out.feature());
        } catch (InvalidInputException e) {
            throw new InvalidInputException("registered_proof", "no registered seal proof is a " + size.label()
                    + " sector with API version " + out.apiVersion().text() + " and feature "
                    + out.feature().name().toLowerCase(), e);
        }
        if (!Arrays.equals(p.porepId(), out.porepId())) {
            throw new InvalidInputException("registered_proof", "porep_id " + io.filprover.api.Hex.encode(out.porepId())
                    + " is not " + p.upstreamName() + "'s");
        }
        if (out.layers() != size.layers()) {
            throw new InvalidInputException("registered_proof", p.upstreamName() + " has " + size.layers()
                    + " layers, the sector " + out.layers());
        }
        return p;
    }

    /** Whether {@link #registeredProof} names {@code out}. */
    public static boolean representable(Commit1.Output out) {
        try {
            registeredProof(out);
            return true;
        } catch (InvalidInputException e) {
            return false;
        }
    }

    /** The VanillaSealProof variant: one per sector size, whatever the proof version (seal.rs from_raw). */
    static String variant(SectorSize size) {
        return "StackedDrg" + size.label() + "V1";
    }

    public static byte[] encode(Commit1.Output out) {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream(1 << 16);
        try {
            write(out, b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toByteArray();
    }

    /** lotus-bench's {@code Commit2In} (cmd/lotus-bench/main.go), as Go's encoding/json writes it. */
    public static byte[] encodeLotusBench(Commit1.Output out, long sectorNum) {
        String b64 = Base64.getEncoder().encodeToString(encode(out));
        return ("{\"SectorNum\":" + sectorNum + ",\"Phase1Out\":\"" + b64 + "\",\"SectorSize\":"
                + out.sectorSize().bytes() + "}").getBytes(StandardCharsets.US_ASCII);
    }

    /** Streams the JSON to {@code os} (a 32 GiB sector's output is hundreds of MB). */
    public static void write(Commit1.Output out, OutputStream os) throws IOException {
        write(out, os, registeredProof(out).upstreamName());
    }

    /** Tests use another name to put the test sizes' Sub and Top proofs through the codec. */
    static void write(Commit1.Output out, OutputStream os, String registeredProof) throws IOException {
        Sink s = new Sink(os);
        s.a("{\"registered_proof\":\"").a(registeredProof).a("\",\"vanilla_proofs\":{\"")
                .a(variant(out.sectorSize())).a("\":[");
        for (int k = 0; k < out.partitions().size(); k++) {
            s.a(k == 0 ? "[" : ",[");
            List<ChallengeProof> ps = out.partitions().get(k);
            for (int i = 0; i < ps.size(); i++) {
                s.a(i == 0 ? "" : ",");
                proof(s, ps.get(i));
            }
            s.a("]");
        }
        s.a("]},\"comm_r\":").d(out.commR()).a(",\"comm_d\":").d(out.commD()).a(",\"replica_id\":")
                .d(out.replicaId()).a(",\"seed\":").d(out.seed()).a(",\"ticket\":").d(out.ticket()).a("}");
        s.flush();
    }

    /** storage-proofs-porep stacked/vanilla/params.rs {@code Proof}. */
    private static void proof(Sink s, ChallengeProof p) throws IOException {
        s.a("{\"comm_d_proofs\":");
        merkle(s, p.commDProof());
        s.a(",\"comm_r_last_proof\":");
        merkle(s, p.commRLastProof());
        s.a(",\"replica_column_proofs\":{\"c_x\":");
        column(s, p.column());
        s.a(",\"drg_parents\":[");
        for (int i = 0; i < p.drgParents().size(); i++) {
            s.a(i == 0 ? "" : ",");
            column(s, p.drgParents().get(i));
        }
        s.a("],\"exp_parents\":[");
        for (int i = 0; i < p.expParents().size(); i++) {
            s.a(i == 0 ? "" : ",");
            column(s, p.expParents().get(i));
        }
        s.a("]},\"labeling_proofs\":[");
        for (int i = 0; i < p.labelingProofs().size(); i++) {
            s.a(i == 0 ? "" : ",");
            labeling(s, p.labelingProofs().get(i));
        }
        s.a("],\"encoding_proof\":");
        labeling(s, p.encodingProof());
        s.a("}");
    }

    /** ColumnProof {column: Column {index, rows, _h}, inclusion_proof}; {@code _h} is a PhantomData serde writes as null. */
    private static void column(Sink s, ColumnProof c) throws IOException {
        s.a("{\"column\":{\"index\":").n(c.index()).a(",\"rows\":").ds(c.rows()).a(",\"_h\":null},\"inclusion_proof\":");
        merkle(s, c.treeCProof());
        s.a("}");
    }

    /** LabelingProof and EncodingProof: {parents, layer_index, node} (their {@code _h} is serde(skip)). */
    private static void labeling(Sink s, LabelingProof l) throws IOException {
        s.a("{\"parents\":").ds(l.parents()).a(",\"layer_index\":").n(l.layer()).a(",\"node\":").n(l.node()).a("}");
    }

    /** storage-proofs-core merkle/proof.rs: {data: {Single|Sub|Top: {...}}}, paths as InclusionPath {path: [...]}. */
    private static void merkle(Sink s, MerkleProof m) throws IOException {
        switch (m.kind()) {
            case SINGLE:
                s.a("{\"data\":{\"Single\":{\"root\":").d(m.root()).a(",\"leaf\":").d(m.leaf()).a(",\"path\":");
                path(s, m.base());
                break;
            case SUB:
                s.a("{\"data\":{\"Sub\":{\"base_proof\":");
                path(s, m.base());
                s.a(",\"sub_proof\":");
                path(s, m.sub());
                s.a(",\"root\":").d(m.root()).a(",\"leaf\":").d(m.leaf());
                break;
            default:
                s.a("{\"data\":{\"Top\":{\"base_proof\":");
                path(s, m.base());
                s.a(",\"sub_proof\":");
                path(s, m.sub());
                s.a(",\"top_proof\":");
                path(s, m.top());
                s.a(",\"root\":").d(m.root()).a(",\"leaf\":").d(m.leaf());
                break;
        }
        s.a("}}}");
    }

    private static void path(Sink s, List<PathElement> path) throws IOException {
        s.a("{\"path\":[");
        for (int i = 0; i < path.size(); i++) {
            s.a(i == 0 ? "{\"hashes\":" : ",{\"hashes\":").ds(path.get(i).siblings()).a(",\"index\":")
                    .n(path.get(i).index()).a("}");
        }
        s.a("]}");
    }

    /** ASCII output buffered in chunks. */
    private static final class Sink {
        private final OutputStream os;
        private final StringBuilder b = new StringBuilder(1 << 16);

        Sink(OutputStream os) {
            this.os = os;
        }

        Sink a(String t) throws IOException {
            b.append(t);
            if (b.length() >= 1 << 16) {
                flush();
            }
            return this;
        }

        Sink n(long v) throws IOException {
            return a(Long.toString(v));
        }

        /** A 32-byte value as serde writes {@code [u8; 32]}: [n,n,…]. */
        Sink d(byte[] v) throws IOException {
            b.append('[');
            for (int i = 0; i < v.length; i++) {
                if (i > 0) {
                    b.append(',');
                }
                b.append(v[i] & 0xff);
            }
            return a("]");
        }

        Sink ds(List<byte[]> vs) throws IOException {
            a("[");
            for (int i = 0; i < vs.size(); i++) {
                if (i > 0) {
                    b.append(',');
                }
                d(vs.get(i));
            }
            return a("]");
        }

        void flush() throws IOException {
            os.write(b.toString().getBytes(StandardCharsets.US_ASCII));
            b.setLength(0);
        }
    }
}
