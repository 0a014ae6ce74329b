package io.filprover.proofs.porep;

import io.filprover.api.PoRepFeature;
import io.filprover.api.RegisteredSealProof;
import io.filprover.api.SectorSize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The upstream C1 JSON on fresh random 2 KiB sectors of each registered proof kind: writer → reader →
 * writer is byte-identical, what was read verifies, the keys are upstream's in serde's order, and the
 * lotus-bench wrapper and the legacy format are detected.
 */
class Phase1OutputJsonTest {
    @TempDir
    Path dir;

    /** A fresh random 2 KiB sector sealed with registered proof {@code id}, and its C1 output. */
    static Commit1.Output c1(Path dir, int id, Random rnd) throws IOException {
        RegisteredSealProof p = RegisteredSealProof.ofId(id);
        SectorSize size = p.sectorSize();
        byte[] raw = new byte[(int) size.unpaddedBytes() - rnd.nextInt(300)];
        rnd.nextBytes(raw);
        byte[] prover = new byte[32];
        rnd.nextBytes(prover);
        byte[] ticket = new byte[32];
        rnd.nextBytes(ticket);
        byte[] seed = new byte[32];
        rnd.nextBytes(seed);
        PreCommit1.SectorIdentity sid = SealFixtures.identity(prover, rnd.nextLong(), ticket, id);
        SealFixtures.Sealed s = SealFixtures.seal(size, raw, sid, size.layers(), dir);
        SealedSector sector = SealedSector.open(size, size.layers(), s.cache(), s.replica(), SealFixtures.CPU);
        return Commit1.run(sector, sid, p.feature(), seed);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 5, 10, 15})
    void roundTripIsByteIdenticalAndVerifies(int id) throws IOException {
        long seedValue = new Random().nextLong();
        String ctx = "registered proof " + id + ", random seed " + seedValue;
        Commit1.Output out = c1(dir, id, new Random(seedValue));
        assertTrue(PoRepVerifier.verify(out).valid(), ctx);

        byte[] json = Phase1OutputJson.encode(out);
        String text = new String(json, StandardCharsets.US_ASCII);
        // serde_json::to_vec: compact, no trailing newline
        assertFalse(text.contains(" ") || text.contains("\n"), ctx);
        RegisteredSealProof p = RegisteredSealProof.ofId(id);
        assertTrue(text.startsWith("{\"registered_proof\":\"" + p.upstreamName()
                + "\",\"vanilla_proofs\":{\"StackedDrg2KiBV1\":[[{\"comm_d_proofs\":{\"data\":{\"Single\":{\"root\":["), ctx);

        Commit1.Output back = Phase1OutputReader.decode(text);
        assertEquals(text, new String(Phase1OutputJson.encode(back), StandardCharsets.US_ASCII), ctx);
        PoRepVerifier.Result r = PoRepVerifier.verify(back);
        assertTrue(r.valid(), ctx + ": " + r.reason());
        assertNull(back.proverId(), "upstream JSON carries no prover id");
        assertNull(back.sectorId(), "upstream JSON carries no sector id");
        assertEquals(out.feature(), back.feature());
        assertEquals(out.apiVersion(), back.apiVersion());
        assertArrayEquals(out.porepId(), back.porepId());
        assertArrayEquals(out.commC(), back.commC(), ctx);
        assertArrayEquals(out.commRLast(), back.commRLast(), ctx);
        assertArrayEquals(out.replicaId(), back.replicaId(), ctx);
        assertEquals(out.partitions().size(), back.partitions().size());

        // through a file, detected as upstream
        Path file = dir.resolve("c1.json");
        assertEquals(Commit1Files.Format.UPSTREAM, Commit1Files.write(out, file));
        assertArrayEquals(json, Files.readAllBytes(file), ctx);
        assertEquals(Commit1Files.Format.UPSTREAM, Commit1Files.read(file).format());

        // lotus-bench's c1.json: {"SectorNum", "Phase1Out": base64 of the raw JSON, "SectorSize"}
        byte[] wrapped = Phase1OutputJson.encodeLotusBench(out, 7);
        assertEquals("{\"SectorNum\":7,\"Phase1Out\":\"" + Base64.getEncoder().encodeToString(json)
                + "\",\"SectorSize\":2048}", new String(wrapped, StandardCharsets.US_ASCII));
        Commit1Files.Loaded lb = Commit1Files.decode(wrapped);
        assertEquals(Commit1Files.Format.LOTUS_BENCH, lb.format());
        assertEquals(7L, lb.output().sectorId());
        assertArrayEquals(json, Phase1OutputJson.encode(lb.output()), ctx);
        assertTrue(PoRepVerifier.verify(lb.output()).valid(), ctx);

        // the legacy format still reads, with the ids it carries
        Commit1Files.Loaded legacy = Commit1Files.decode(Commit1Json.encode(out).getBytes(StandardCharsets.UTF_8));
        assertEquals(Commit1Files.Format.LEGACY, legacy.format());
        assertEquals(out.sectorId(), legacy.output().sectorId());
        assertArrayEquals(json, Phase1OutputJson.encode(legacy.output()), ctx);
    }

    /**
     * The keys, in order, of each struct as declared upstream (serde writes declaration order):
     * rust-filecoin-proofs-api src/seal.rs SealCommitPhase1Output; storage-proofs-porep
     * stacked/vanilla/params.rs Proof, ReplicaColumnProof; column_proof.rs ColumnProof; column.rs Column
     * (index, rows, _h); labeling_proof.rs / encoding_proof.rs (parents, layer_index, node; _h skipped);
     * storage-proofs-core merkle/proof.rs MerkleProof {data}, SingleProof, InclusionPath {path},
     * PathElement {hashes, index}.
     */
    @Test
    @SuppressWarnings("unchecked")
    void keysAreUpstreamsInDeclarationOrder() throws IOException {
        Commit1.Output out = c1(dir, 5, new Random());
        Map<String, Object> top = (Map<String, Object>) MiniJson.parse(
                new String(Phase1OutputJson.encode(out), StandardCharsets.US_ASCII));
        assertEquals(List.of("registered_proof", "vanilla_proofs", "comm_r", "comm_d", "replica_id", "seed", "ticket"),
                new ArrayList<>(top.keySet()));
        assertEquals("StackedDrg2KiBV1_1", top.get("registered_proof"));
        assertEquals(32, ((List<Object>) top.get("comm_r")).size());
        Map<String, Object> vp = (Map<String, Object>) top.get("vanilla_proofs");
        assertEquals(List.of("StackedDrg2KiBV1"), new ArrayList<>(vp.keySet()));
        Map<String, Object> proof = (Map<String, Object>) ((List<List<Object>>) vp.get("StackedDrg2KiBV1")).get(0).get(0);
        assertEquals(List.of("comm_d_proofs", "comm_r_last_proof", "replica_column_proofs", "labeling_proofs",
                "encoding_proof"), new ArrayList<>(proof.keySet()));
        Map<String, Object> rcp = (Map<String, Object>) proof.get("replica_column_proofs");
        assertEquals(List.of("c_x", "drg_parents", "exp_parents"), new ArrayList<>(rcp.keySet()));
        Map<String, Object> cx = (Map<String, Object>) rcp.get("c_x");
        assertEquals(List.of("column", "inclusion_proof"), new ArrayList<>(cx.keySet()));
        Map<String, Object> column = (Map<String, Object>) cx.get("column");
        assertEquals(List.of("index", "rows", "_h"), new ArrayList<>(column.keySet()));
        assertTrue(column.containsKey("_h") && column.get("_h") == null);
        Map<String, Object> single = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>)
                proof.get("comm_d_proofs")).get("data")).get("Single");
        assertEquals(List.of("root", "leaf", "path"), new ArrayList<>(single.keySet()));
        Map<String, Object> element = (Map<String, Object>) ((List<Object>) ((Map<String, Object>) single.get("path"))
                .get("path")).get(0);
        assertEquals(List.of("hashes", "index"), new ArrayList<>(element.keySet()));
        Map<String, Object> labeling = (Map<String, Object>) ((List<Object>) proof.get("labeling_proofs")).get(0);
        assertEquals(List.of("parents", "layer_index", "node"), new ArrayList<>(labeling.keySet()));
        assertEquals(1L, labeling.get("layer_index"));
        assertEquals(37, ((List<Object>) labeling.get("parents")).size());
        Map<String, Object> enc = (Map<String, Object>) proof.get("encoding_proof");
        assertEquals(List.of("parents", "layer_index", "node"), new ArrayList<>(enc.keySet()));
        assertEquals(2L, enc.get("layer_index"));
    }

    /** Sectors no registered proof names (another proof's porep id on a 2 KiB sector) fall back to legacy. */
    @Test
    void unnamedSectorsAreWrittenInTheLegacyFormat() throws IOException {
        Random rnd = new Random();
        byte[] prover = new byte[32];
        byte[] ticket = new byte[32];
        byte[] seed = new byte[32];
        rnd.nextBytes(ticket);
        rnd.nextBytes(seed);
        SectorSize size = SectorSize.SIZE_2KIB;
        byte[] raw = new byte[(int) size.unpaddedBytes()];
        rnd.nextBytes(raw);
        PreCommit1.SectorIdentity sid = SealFixtures.identity(prover, 3, ticket, 6);
        SealFixtures.Sealed s = SealFixtures.seal(size, raw, sid, 2, dir);
        Commit1.Output out = Commit1.run(SealedSector.open(size, 2, s.cache(), s.replica(), SealFixtures.CPU), sid,
                PoRepFeature.NONE, seed);
        assertFalse(Phase1OutputJson.representable(out));
        Path file = dir.resolve("c1.json");
        assertEquals(Commit1Files.Format.LEGACY, Commit1Files.write(out, file));
        Commit1Files.Loaded back = Commit1Files.read(file);
        assertEquals(Commit1Files.Format.LEGACY, back.format());
        assertEquals(Commit1Json.encode(out), Commit1Json.encode(back.output()));
    }

    /**
     * The Sub (8-2-0, 4 KiB) and Top (8-8-2, 32 KiB) proof shapes, which only 32/64 GiB registered
     * proofs have, through writer → reader → writer on fresh test-size sectors, named as if 2 KiB.
     */
    @ParameterizedTest
    @ValueSource(ints = {4096, 32768})
    void subAndTopProofsRoundTrip(int bytes) throws IOException {
        long seedValue = new Random().nextLong();
        Random rnd = new Random(seedValue);
        String ctx = bytes + " bytes, random seed " + seedValue;
        SectorSize size = SectorSize.ofBytes(bytes);
        byte[] raw = new byte[(int) size.unpaddedBytes()];
        rnd.nextBytes(raw);
        byte[] prover = new byte[32];
        byte[] ticket = new byte[32];
        byte[] seed = new byte[32];
        rnd.nextBytes(ticket);
        rnd.nextBytes(seed);
        PreCommit1.SectorIdentity sid = SealFixtures.identity(prover, rnd.nextLong(), ticket, 5);
        SealFixtures.Sealed s = SealFixtures.seal(size, raw, sid, 2, dir);
        Commit1.Output out = Commit1.run(SealedSector.open(size, 2, s.cache(), s.replica(), SealFixtures.CPU), sid,
                PoRepFeature.NONE, seed);
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        Phase1OutputJson.write(out, b, "StackedDrg2KiBV1_1");
        String text = b.toString(StandardCharsets.US_ASCII); // the variant is the sector's: StackedDrg4KiBV1 …
        assertTrue(text.contains("\"vanilla_proofs\":{\"StackedDrg" + size.label() + "V1\":"), ctx);
        assertTrue(text.contains(bytes == 4096 ? "{\"data\":{\"Sub\":{\"base_proof\":{\"path\":"
                : "{\"data\":{\"Top\":{\"base_proof\":{\"path\":"), ctx);
        Commit1.Output back = Phase1OutputReader.decodeAs(text, RegisteredSealProof.STACKED_DRG_2KIB_V1_1, size);
        java.io.ByteArrayOutputStream again = new java.io.ByteArrayOutputStream();
        Phase1OutputJson.write(back, again, "StackedDrg2KiBV1_1");
        assertArrayEquals(b.toByteArray(), again.toByteArray(), ctx);
        PoRepVerifier.Result r = PoRepVerifier.verify(back);
        assertTrue(r.valid(), ctx + ": " + r.reason());
    }
}
