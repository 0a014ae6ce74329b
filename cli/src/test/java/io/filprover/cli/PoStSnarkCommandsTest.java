package io.filprover.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Window PoSt SNARK from the command line, as an operator would run it: seal a random 2 KiB
 * sector, generate local parameters, prove, verify; a flipped bit or other randomness is rejected.
 */
class PoStSnarkCommandsTest {
    @TempDir
    Path dir;

    private static JsonNode json(CliRunner r) throws Exception {
        assertEquals(0, r.code(), r.err());
        return new ObjectMapper().readTree(r.out().lines().reduce((a, b) -> b).orElseThrow());
    }

    @Test
    void paramsGenerateThenProveThenVerifyAWindowPoSt() throws Exception {
        Random rnd = new Random();
        byte[] raw = new byte[2032];
        rnd.nextBytes(raw);
        Path data = Files.write(dir.resolve("data"), raw);
        byte[] ticket = new byte[32];
        rnd.nextBytes(ticket);
        JsonNode sealed = json(CliRunner.run("seal", "--sector-size", "2KiB", "--data", data.toString(), "--miner", "1000",
                "--sector-id", "7", "--ticket", HexFormat.of().formatHex(ticket), "--seed", "11".repeat(32),
                "--porep-id", "5", "--cache", dir.resolve("cache").toString(), "--out", dir.resolve("sealed").toString(),
                "--parent-cache", dir.resolve("parents").toString(), "--threads", "2", "--json"));
        String commR = sealed.get("comm_r").asText();
        Path sectors = Files.writeString(dir.resolve("sectors.json"), "[{\"sector_id\": 7, \"comm_r\": \"" + commR
                + "\", \"cache_dir\": \"" + dir.resolve("cache") + "\", \"replica_path\": \"" + dir.resolve("sealed") + "\"}]");
        Path cache = dir.resolve("params");
        Files.createDirectories(cache);
        String proof = "StackedDrgWindow2KiBV1_2";
        json(CliRunner.run("params", "generate", "--proof", proof, "--cache", cache.toString(), "--json"));

        byte[] r = new byte[32];
        rnd.nextBytes(r);
        String randomness = HexFormat.of().formatHex(r);
        Path out = dir.resolve("window.proof");
        JsonNode proved = json(CliRunner.run("prove", "window-post", "--post-proof", proof, "--randomness", randomness,
                "--prover-id", sealedProverId(), "--sectors", sectors.toString(), "--out", out.toString(),
                "--cache", cache.toString(), "--threads", "2", "--json"));
        assertEquals(192, Files.size(out));
        assertTrue(proved.get("stages_ms").has("verification"), proved.toString());

        JsonNode verified = json(CliRunner.run("verify", "window-post", "--post-proof", proof, "--randomness", randomness,
                "--sectors", sectors.toString(), "--proof", out.toString(), "--cache", cache.toString(), "--json"));
        assertTrue(verified.get("valid").asBoolean());
        // one partition: comm_r, then one input per challenged leaf (TV-CIRCUIT's fallback layout: 10 challenges)
        JsonNode inputs = verified.get("public_inputs").get(0);
        assertEquals(commR, inputs.get(0).asText(), "the first input is the sector's comm_r, little-endian as stored");

        byte[] flipped = Files.readAllBytes(out);
        flipped[rnd.nextInt(flipped.length)] ^= (byte) (1 << rnd.nextInt(8));
        Path bad = Files.write(dir.resolve("flipped.proof"), flipped);
        CliRunner rejected = CliRunner.run("verify", "window-post", "--post-proof", proof, "--randomness", randomness,
                "--sectors", sectors.toString(), "--proof", bad.toString(), "--cache", cache.toString());
        assertEquals(3, rejected.code(), rejected.out() + rejected.err());
        r[0] ^= 1;
        CliRunner otherRandomness = CliRunner.run("verify", "window-post", "--post-proof", proof, "--randomness",
                HexFormat.of().formatHex(r), "--sectors", sectors.toString(), "--proof", out.toString(), "--cache", cache.toString());
        assertEquals(3, otherRandomness.code(), otherRandomness.out() + otherRandomness.err());
    }

    /** --miner 1000: the ID address payload as a LEB128 varint (e8 07), zero-filled to 32 bytes. */
    private static String sealedProverId() {
        return "e807" + "00".repeat(30);
    }
}
