package io.filprover.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.filprover.api.Hex;
import io.filprover.proofs.post.VanillaPoStCodec;
import io.filprover.proofs.tree.CacheFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code filprover seal} on TV-SEAL-2048-pattern inputs, bad inputs, and {@code filprover post} on the result. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SealAndPostCommandTest {
    // TV-SEAL-2048-pattern (docs/spec/test-vectors.md, derived): prover 01||0^31, sector 1, ticket 02^32, porep_id(5)
    static final String TV_COMM_D = "692fbdbc72e1aa6468e86a183ed3dfc2d43b8ad6fb6639110966b2d6371f5419";
    static final String TV_COMM_R = "f4e269fbd3dc9eef7aa01d96c700e8386cc6baf816adf14eb32c473f124a3c56";

    @TempDir
    static Path dir;
    Path data;
    Path parents;
    final ObjectMapper json = new ObjectMapper();
    final String ticket = "02".repeat(32);
    String seed;
    long seedValue;

    @BeforeAll
    void pattern() throws IOException {
        data = dir.resolve("piece");
        byte[] raw = new byte[2032];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = (byte) (7 * i + 3);
        }
        Files.write(data, raw);
        parents = dir.resolve("parents");
        seedValue = new Random().nextLong();
        byte[] s = new byte[32];
        new Random(seedValue).nextBytes(s);
        seed = Hex.encode(s);
    }

    CliRunner seal(String name, String... extra) {
        if (!Arrays.asList(extra).contains("--sector-id")) {
            extra = Arrays.copyOf(extra, extra.length + 2);
            extra[extra.length - 2] = "--sector-id";
            extra[extra.length - 1] = "1";
        }
        String[] base = {"seal", "--sector-size", "2KiB", "--data", data.toString(), "--ticket", ticket,
            "--seed", seed, "--cache", dir.resolve(name + "-cache").toString(), "--out", dir.resolve(name + ".sealed").toString(),
            "--parent-cache", parents.toString(), "--backend", "cpu", "--json"};
        String[] all = Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return CliRunner.run(all);
    }

    @Test
    void sealMatchesVectorWithEveryIdSpelling() throws IOException {
        CliRunner r = seal("a", "--prover-id", "01" + "00".repeat(31), "--porep-id", "5");
        assertEquals(0, r.code(), r.err());
        JsonNode out = json.readTree(r.out());
        assertEquals(TV_COMM_D, out.get("comm_d").asText());
        assertEquals(TV_COMM_R, out.get("comm_r").asText());
        assertEquals("1.1.0", out.get("api_version").asText());
        java.util.List<String> stages = new java.util.ArrayList<>();
        out.get("stage_seconds").fieldNames().forEachRemaining(stages::add);
        assertEquals(java.util.List.of("data_padding", "tree_d", "parent_cache", "labeling", "tree_c", "tree_r_last",
                "vanilla_proofs", "verification", "write_output"), stages);
        assertTrue(Files.isRegularFile(dir.resolve("a-cache").resolve("c1-output.json")));
        assertEquals("SealCommitPhase1Output", out.get("c1_format").asText());
        assertTrue(Files.isRegularFile(dir.resolve("a-cache").resolve(CacheFiles.TREE_D)));
        // --miner 1 is the same prover id (the ID address payload: varint 01); the porep id as 64 hex digits is the same id
        CliRunner m = seal("b", "--miner", "1", "--porep-id", "05" + "00".repeat(31));
        assertEquals(0, m.code(), m.err());
        assertEquals(TV_COMM_R, json.readTree(m.out()).get("comm_r").asText());
        // the spec says 1.2.0 gives identical results for this sector (TV-SEAL)
        CliRunner v = seal("c", "--miner", "1", "--porep-id", "5", "--api-version", "1.2");
        assertEquals(0, v.code(), v.err());
        assertEquals(TV_COMM_R, json.readTree(v.out()).get("comm_r").asText());
        // no registered proof is porep id 5 with API 1.2: the upstream format cannot say so, the legacy one is written
        assertEquals("filprover-c1/1", json.readTree(v.out()).get("c1_format").asText());

        // the largest sector id (2^64 − 1): replica_id hashes it as 8 bytes 0xff
        // (docs/spec/filecoin-porep-post.md §5), computed here independently
        CliRunner max = seal("f", "--miner", "1", "--porep-id", "5", "--sector-id", "18446744073709551615");
        assertEquals(0, max.code(), max.err());
        java.security.MessageDigest md;
        try {
            md = java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
        md.update(Hex.decode("01" + "00".repeat(31), "p"));
        md.update(Hex.decode("ff".repeat(8), "s"));
        md.update(Hex.decode(ticket, "t"));
        md.update(Hex.decode(TV_COMM_D, "d"));
        md.update(Hex.decode("05" + "00".repeat(31), "i"));
        byte[] rid = md.digest();
        rid[31] &= 0x3f;
        assertEquals(Hex.encode(rid), json.readTree(max.out()).get("replica_id").asText());

        // Synthetic PoRep (id 10): the synthetic proofs file is written and C1 reads from it
        CliRunner syn = seal("d", "--miner", "1", "--porep-id", "10");
        assertEquals(0, syn.code(), syn.err());
        assertEquals("1.2.0", json.readTree(syn.out()).get("api_version").asText());
        assertTrue(Files.isRegularFile(dir.resolve("d-cache").resolve(CacheFiles.SYNTHETIC_PROOFS)));
        assertTrue(json.readTree(syn.out()).get("stage_seconds").has("synthetic_proofs"), syn.out());
        // NI PoRep (id 15): 13 partitions of 2 challenges
        CliRunner ni = seal("e", "--miner", "1", "--porep-id", "15");
        assertEquals(0, ni.code(), ni.err());
        assertEquals(26, json.readTree(ni.out()).get("challenges").asInt());

        // post on the sealed sector, then the independent verify-vanilla-post command accepts it
        Path sectors = dir.resolve("sectors.json");
        Files.writeString(sectors, "[{\"sector_id\": 1, \"comm_r\": \"" + TV_COMM_R + "\", \"cache_dir\": \""
                + dir.resolve("a-cache") + "\", \"replica_path\": \"" + dir.resolve("a.sealed") + "\"}]");
        String rand = Hex.encode(new byte[32]).replaceFirst("^00", "2a");
        for (String[] k : new String[][] {{"window", "10"}, {"winning", "0"}}) {
            Path proofFile = dir.resolve("post-" + k[0]);
            CliRunner p = CliRunner.run("post", k[0], "--post-proof", k[1], "--randomness", rand, "--prover-id",
                    "01" + "00".repeat(31), "--sectors", sectors.toString(), "--out", proofFile.toString(), "--backend", "cpu");
            assertEquals(0, p.code(), p.err());
            VanillaPoStCodec.decode(Files.readAllBytes(proofFile));
            CliRunner check = CliRunner.run("verify-vanilla-post", proofFile.toString(), "--post-proof", k[1],
                    "--randomness", rand, "--sector-id", "1", "--comm-r", TV_COMM_R);
            assertEquals(0, check.code(), check.out() + check.err());
        }
        // a cache without tree_r_last: one line, exit 2, no output file
        Files.delete(dir.resolve("a-cache").resolve(CacheFiles.treeRLast(0, 1)));
        Path none = dir.resolve("post-none");
        CliRunner missing = CliRunner.run("post", "window", "--post-proof", "10", "--randomness", rand, "--prover-id",
                "01" + "00".repeat(31), "--sectors", sectors.toString(), "--out", none.toString(), "--backend", "cpu");
        assertEquals(2, missing.code(), missing.err());
        assertEquals(1, missing.err().strip().lines().count(), missing.err());
        assertFalse(Files.exists(none));
    }

    @Test
    void badInputsExitTwoWithoutOutputs() throws IOException {
        Path longData = dir.resolve("long");
        Files.write(longData, new byte[2033]);
        CliRunner tooLong = CliRunner.run("seal", "--sector-size", "2KiB", "--data", longData.toString(), "--miner", "1",
                "--sector-id", "1", "--ticket", ticket, "--porep-id", "5", "--seed", seed, "--cache",
                dir.resolve("x-cache").toString(), "--out", dir.resolve("x.sealed").toString());
        assertEquals(2, tooLong.code(), tooLong.err());
        assertTrue(tooLong.err().contains("--data"), tooLong.err());
        assertFalse(Files.exists(dir.resolve("x.sealed")));
        assertFalse(Files.exists(dir.resolve("x-cache")));
        CliRunner unknown = seal("y", "--miner", "1", "--porep-id", "20");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("porep"), unknown.err());
        CliRunner shortTicket = CliRunner.run("seal", "--sector-size", "2KiB", "--data", data.toString(), "--miner", "1",
                "--sector-id", "1", "--ticket", "02".repeat(31), "--porep-id", "5", "--seed", seed, "--cache",
                dir.resolve("z-cache").toString(), "--out", dir.resolve("z.sealed").toString());
        assertEquals(2, shortTicket.code());
        assertEquals(1, shortTicket.err().strip().lines().count(), shortTicket.err());
        CliRunner badSector = CliRunner.run("seal", "--sector-size", "2KiB", "--data", data.toString(), "--miner", "1",
                "--sector-id", "18446744073709551616", "--ticket", ticket, "--porep-id", "5", "--seed", seed, "--cache",
                dir.resolve("w-cache").toString(), "--out", dir.resolve("w.sealed").toString());
        assertEquals(2, badSector.code());
        assertFalse(Files.exists(dir.resolve("y.sealed")));
    }

    /** verify-c1 reads what seal wrote and lotus-bench's wrapper of it; broken files exit 2 naming the JSON field. */
    @Test
    void verifyC1ReadsUpstreamJsonAndTheLotusBenchWrapper() throws IOException {
        CliRunner r = seal("g", "--miner", "1", "--porep-id", "5");
        assertEquals(0, r.code(), r.err());
        Path c1 = dir.resolve("g-cache").resolve("c1-output.json");
        Path wrapped = dir.resolve("g-c1.json");
        CliRunner v = CliRunner.run("verify-c1", c1.toString(), "--lotus-bench-out", wrapped.toString(), "--sector-num", "1",
                "--json");
        assertEquals(0, v.code(), v.err() + v.out());
        JsonNode o = json.readTree(v.out());
        assertEquals("SealCommitPhase1Output", o.get("format").asText());
        assertEquals("StackedDrg2KiBV1_1", o.get("registered_proof").asText());
        assertEquals(TV_COMM_R, o.get("comm_r").asText());
        assertTrue(o.get("valid").asBoolean());
        CliRunner w = CliRunner.run("verify-c1", wrapped.toString(), "--json");
        assertEquals(0, w.code(), w.err() + w.out());
        assertEquals("lotus-bench Commit2In", json.readTree(w.out()).get("format").asText());
        assertEquals("1", json.readTree(w.out()).get("sector_id").asText());

        String text = Files.readString(c1);
        String[][] broken = {
            {text.replaceFirst(",\"ticket\":\\[[0-9,]*\\]", ""), "ticket: missing field"},
            {text.replace("\"StackedDrg2KiBV1_1\"", "\"StackedDrg8MiBV1_1\""), "vanilla_proofs.StackedDrg2KiBV1: "},
            {text.substring(0, text.length() / 2), "malformed JSON"},
            {text.replaceFirst("\"_h\":null", "\"_h\":1"), "vanilla_proofs.StackedDrg2KiBV1[0][0].replica_column_proofs.c_x.column._h: "},
        };
        for (int i = 0; i < broken.length; i++) {
            Path f = dir.resolve("broken-" + i + ".json");
            Files.writeString(f, broken[i][0]);
            CliRunner b = CliRunner.run("verify-c1", f.toString());
            assertEquals(2, b.code(), broken[i][1] + ": " + b.err());
            assertTrue(b.err().contains(broken[i][1]), b.err());
            assertEquals(1, b.err().strip().lines().count(), b.err());
        }
        // a well-formed file whose proofs are wrong (another seed) is rejected: exit 3
        Path other = dir.resolve("other-seed.json");
        Files.writeString(other, text.replaceFirst("\"seed\":\\[[0-9]+,", "\"seed\":[" + (seed.startsWith("00") ? 1 : 0) + ","));
        assertEquals(3, CliRunner.run("verify-c1", other.toString()).code());
    }
}
