package io.filprover.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.filprover.api.Hex;
import io.filprover.api.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The defects issue 13 lists under "tried as a new user would", one test (or more) each. */
class NewUserDefectsTest {
    @TempDir
    Path dir;
    final ObjectMapper json = new ObjectMapper();
    final String ticket = "02".repeat(32);
    final String seed = "03".repeat(32);

    private Path piece() throws IOException {
        Path data = dir.resolve("piece");
        if (!Files.exists(data)) {
            byte[] raw = new byte[2032];
            for (int i = 0; i < raw.length; i++) {
                raw[i] = (byte) (7 * i + 3);
            }
            Files.write(data, raw);
        }
        return data;
    }

    private CliRunner seal(String name, String... extra) throws IOException {
        String[] base = {"seal", "--sector-size", "2KiB", "--data", piece().toString(), "--ticket", ticket,
            "--seed", seed, "--sector-id", "1", "--cache", dir.resolve(name + "-cache").toString(),
            "--out", dir.resolve(name + ".sealed").toString(), "--parent-cache", dir.resolve("parents").toString(),
            "--backend", "cpu", "--json"};
        java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of(base));
        for (int i = 0; i < extra.length; i += 2) {
            int at = all.indexOf(extra[i]);
            if (at >= 0) {
                all.set(at + 1, extra[i + 1]); // replaces the default
            } else {
                all.add(extra[i]);
                all.add(extra[i + 1]);
            }
        }
        return CliRunner.run(all.toArray(String[]::new));
    }

    private static void assertBadInput(CliRunner r, String... named) {
        assertEquals(2, r.code(), r.err() + r.out());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
        for (String n : named) {
            assertTrue(r.err().contains(n), "names " + n + ": " + r.err());
        }
    }

    // ---- 1. --miner: the ID address payload (unsigned LEB128 varint), as filecoin-ffi's toProverID

    /**
     * filecoin-ffi proofs.go {@code toProverID}: {@code address.NewIDAddress(uint64(minerID))} then
     * {@code cgo.AsByteArray32(maddr.Payload())}; go-address address.go {@code NewIDAddress} encodes
     * {@code varint.ToUvarint(id)} and refuses ids above math.MaxInt64 ("IDs must be less than 2^63").
     */
    @Test
    void minerIdIsTheIdAddressPayloadVarint() {
        assertEquals("ea07" + "00".repeat(30), Hex.encode(IdArguments.minerProverId("1002", "miner")));
        assertEquals("00".repeat(32), Hex.encode(IdArguments.minerProverId("0", "miner")));
        assertEquals("7f" + "00".repeat(31), Hex.encode(IdArguments.minerProverId("127", "miner")));
        assertEquals("8001" + "00".repeat(30), Hex.encode(IdArguments.minerProverId("128", "miner")));
        // 2^63 − 1, the largest ID address: nine varint bytes
        assertEquals("ffffffffffffffff7f" + "00".repeat(23),
                Hex.encode(IdArguments.minerProverId("9223372036854775807", "miner")));
        for (String bad : new String[] {"9223372036854775808", "18446744073709551615", "18446744073709551616", "-1",
            "+5", "abc", "1.5", ""}) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> IdArguments.minerProverId(bad, "miner"), bad);
            assertEquals("miner", e.field());
        }
    }

    @Test
    void sealWithMinerUsesTheVarintProverId() throws IOException {
        CliRunner miner = seal("m", "--miner", "1002", "--porep-id", "5");
        assertEquals(0, miner.code(), miner.err());
        CliRunner varint = seal("v", "--prover-id", "ea07" + "00".repeat(30), "--porep-id", "5");
        assertEquals(0, varint.code(), varint.err());
        JsonNode m = json.readTree(miner.out());
        assertEquals(json.readTree(varint.out()).get("replica_id"), m.get("replica_id"));
        assertEquals(json.readTree(varint.out()).get("comm_r"), m.get("comm_r"));
        for (String bad : new String[] {"9223372036854775808", "18446744073709551615", "-1", "abc"}) {
            CliRunner r = seal("bad", "--miner", bad, "--porep-id", "5");
            assertBadInput(r, "--miner");
            assertFalse(Files.exists(dir.resolve("bad.sealed")));
        }
    }

    // ---- 2. malformed JSON numbers

    private Path golden(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/vectors/post-golden/" + name)) {
            Path p = dir.resolve(name);
            Files.write(p, in.readAllBytes());
            return p;
        }
    }

    private CliRunner verifyWithPublic(String sectorNumber, String postProof) throws IOException {
        Path pub = dir.resolve("pub.json");
        Files.writeString(pub, "{\"Randomness\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\",\"Proofs\":[{\"PoStProof\":"
                + postProof + ",\"ProofBytes\":null}],\"ChallengedSectors\":[{\"SealProof\":8,\"SectorNumber\":"
                + sectorNumber + ",\"SealedCID\":{\"/\":\"bagboea4b5abcbx3jccdohrttzfneleehcpkmle4oltwuh4q3rcf5tpdodaoj6mtl\"}}],"
                + "\"Prover\":1000}");
        return CliRunner.run("verify-vanilla-post", golden("post.vproof").toString(), "--public", pub.toString());
    }

    @Test
    void verifyVanillaPostPublicJsonNumbersAreStrict() throws IOException {
        assertEquals(0, verifyWithPublic("1", "8").code());
        // decimal strings are integers too
        assertEquals(0, verifyWithPublic("\"1\"", "\"8\"").code());
        for (String bad : new String[] {"1.9", "-1", "\"one\"", "18446744073709551616", "true", "null", "{}"}) {
            assertBadInput(verifyWithPublic(bad, "8"), "--public", "SectorNumber");
        }
        for (String bad : new String[] {"\"eight\"", "8.5", "-8", "[8]"}) {
            assertBadInput(verifyWithPublic("1", bad), "--public", "PoStProof");
        }
    }

    @Test
    void negativeSectorPositionIsRejected() throws IOException {
        CliRunner r = CliRunner.run("verify-vanilla-post", golden("post.vproof").toString(), "--post-proof", "8",
                "--randomness", "00".repeat(32), "--sector-id", "1", "--sector-position", "-1",
                "--comm-r", "bagboea4b5abcbx3jccdohrttzfneleehcpkmle4oltwuh4q3rcf5tpdodaoj6mtl");
        assertBadInput(r, "--sector-position");
    }

    @Test
    void postSectorPositionsAreStrict() throws IOException {
        Path replica = Files.write(dir.resolve("replica"), new byte[2048]);
        Path cache = Files.createDirectories(dir.resolve("cache"));
        for (String bad : new String[] {"-5", "\"abc\"", "1.7", "true", "\"-1\"", "9223372036854775808"}) {
            Path sectors = dir.resolve("sectors.json");
            Files.writeString(sectors, "[{\"sector_id\": 1, \"comm_r\": \"" + "00".repeat(32) + "\", \"cache_dir\": \""
                    + cache + "\", \"replica_path\": \"" + replica + "\", \"position\": " + bad + "}]");
            Path out = dir.resolve("proofs");
            CliRunner r = CliRunner.run("post", "window", "--post-proof", "10", "--randomness", "00".repeat(32),
                    "--prover-id", "00".repeat(32), "--sectors", sectors.toString(), "--out", out.toString(), "--backend", "cpu");
            assertBadInput(r, "--sectors", "position");
            assertFalse(Files.exists(out));
        }
    }

    // ---- 3. --threads bounded as bench bounds it

    @Test
    void hugeThreadCountsExitTwo() throws IOException {
        Path f = Files.write(dir.resolve("f"), new byte[100]);
        assertBadInput(CliRunner.run("commp", "--threads", "5000", f.toString()), "--threads");
        assertBadInput(CliRunner.run("commd", "--threads", "5000", "--sector-size", "2KiB"), "--threads");
        assertBadInput(CliRunner.run("parents", "--threads", "5000", "--sector-size", "2KiB", "--porep-id", "5",
                "--out", dir.resolve("p").toString()), "--threads");
        assertBadInput(seal("t", "--threads", "5000", "--miner", "1", "--porep-id", "5"), "--threads");
        assertFalse(Files.exists(dir.resolve("p")));
        assertFalse(Files.exists(dir.resolve("t.sealed")));
        // the bound itself is accepted
        assertEquals(0, CliRunner.run("commp", "--threads", "1024", f.toString()).code());
    }

    // ---- 5. path mistakes: one plain line, exit 2

    @Test
    void pathMistakesArePlainLines() throws IOException {
        Path unrelated = Files.writeString(dir.resolve("notes.txt"), "not a parent cache");
        CliRunner r = CliRunner.run("parents", "--sector-size", "2KiB", "--porep-id", "5", "--out", unrelated.toString());
        assertBadInput(r, "--out");
        assertEquals("not a parent cache", Files.readString(unrelated), "left alone");
        assertBadInput(CliRunner.run("verify-vanilla-post", dir.toString(), "--post-proof", "8", "--randomness",
                "00".repeat(32), "--sector-id", "1", "--comm-r", "00".repeat(32)), "PROOF");
        assertBadInput(CliRunner.run("verify-vanilla-post", golden("post.vproof").toString(), "--public", dir.toString()),
                "--public");
        assertBadInput(CliRunner.run("post", "window", "--post-proof", "10", "--randomness", "00".repeat(32),
                "--prover-id", "00".repeat(32), "--sectors", dir.toString(), "--out", dir.resolve("o").toString()), "--sectors");
    }

    @Test
    void userErrorsDescribeFileSystemExceptionsPlainly() {
        assertEquals("no such file or directory: /x/y",
                UserErrors.describe(new java.nio.file.NoSuchFileException("/x/y")));
        assertEquals("not a directory: /x/y", UserErrors.describe(new java.nio.file.NotDirectoryException("/x/y")));
        assertEquals("permission denied: /x/y", UserErrors.describe(new java.nio.file.AccessDeniedException("/x/y")));
        assertEquals("/x/y: is a directory",
                UserErrors.describe(new java.nio.file.FileSystemException("/x/y", null, "Is a directory")));
        assertEquals("/x/y: is a directory",
                UserErrors.describe(new java.io.FileNotFoundException("/x/y (Is a directory)")));
        assertEquals(null, UserErrors.describe(new IllegalStateException("a bug")));
    }

    // ---- 6. commp reads pipes

    @Test
    void commpReadsANamedPipe() throws Exception {
        Path fifo = dir.resolve("fifo");
        Process mk;
        try {
            mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        } catch (IOException e) {
            assumeTrue(false, "no mkfifo here");
            return;
        }
        assumeTrue(mk.waitFor(10, TimeUnit.SECONDS) && mk.exitValue() == 0, "mkfifo failed");
        byte[] data = new byte[5000];
        new java.util.Random(7).nextBytes(data);
        Path file = Files.write(dir.resolve("file"), data);
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try (OutputStream o = Files.newOutputStream(fifo)) {
                o.write(data);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        CliRunner piped = CliRunner.run("commp", "--json", fifo.toString());
        try {
            // the writer ends once the command has read the pipe; isDone() alone raced its close
            writer.get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            // the command did not open the pipe: open it once so the writer thread ends
            try (InputStream drain = Files.newInputStream(fifo)) {
                drain.readAllBytes();
            }
            writer.get(10, TimeUnit.SECONDS);
        }
        assertEquals(0, piped.code(), piped.err());
        CliRunner plain = CliRunner.run("commp", "--json", file.toString());
        assertEquals(json.readTree(plain.out()), json.readTree(piped.out()));
    }

    // ---- 7. a porep id of another sector size

    @Test
    void porepIdOfAnotherSectorSizeIsRejected() throws IOException {
        CliRunner r = seal("p", "--miner", "1", "--porep-id", "8");
        assertBadInput(r, "--porep-id", "32GiB");
        assertFalse(Files.exists(dir.resolve("p.sealed")));
        assertFalse(Files.exists(dir.resolve("p-cache")));
        assertBadInput(seal("q", "--miner", "1", "--porep-id", "08" + "00".repeat(31)), "--porep-id");
        assertBadInput(CliRunner.run("parents", "--sector-size", "2KiB", "--porep-id", "13", "--out",
                dir.resolve("pc").toString()), "--porep-id");
        assertFalse(Files.exists(dir.resolve("pc")));
    }

    // ---- 8. messages

    @Test
    void dataDirectorySaysItIsADirectory() throws IOException {
        CliRunner r = seal("d", "--miner", "1", "--porep-id", "5", "--data", dir.toString());
        assertBadInput(r, "--data", "is a directory");
        assertFalse(r.err().contains("no such file"), r.err());
    }

    @Test
    void postProofOfAnotherSectorSizeNamesTheSizes() throws IOException {
        Path replica = Files.write(dir.resolve("replica"), new byte[2048]);
        Path cache = Files.createDirectories(dir.resolve("cache"));
        Path sectors = Files.writeString(dir.resolve("sectors.json"), "[{\"sector_id\": 1, \"comm_r\": \"" + "00".repeat(32)
                + "\", \"cache_dir\": \"" + cache + "\", \"replica_path\": \"" + replica + "\"}]");
        for (String[] k : new String[][] {{"window", "8"}, {"winning", "3"}}) {
            CliRunner r = CliRunner.run("post", k[0], "--post-proof", k[1], "--randomness", "00".repeat(32),
                    "--prover-id", "00".repeat(32), "--sectors", sectors.toString(), "--out", dir.resolve("o").toString());
            assertBadInput(r, "--post-proof", "32GiB", "2KiB");
        }
    }

    @Test
    void supportedLayerCountsPrintInOrder() throws IOException {
        CliRunner r = seal("l", "--miner", "1", "--porep-id", "5", "--layers", "3");
        assertBadInput(r, "--layers", "[2, 4, 8, 11, 16, 24, 36]");
    }

    @Test
    void topLevelHelpDescribesWhatIsThere() {
        CliRunner r = CliRunner.run("--help");
        assertEquals(0, r.code());
        String first = r.out().lines().skip(1).limit(2).reduce("", (a, b) -> a + " " + b);
        assertFalse(first.contains("next"), first);
        assertTrue(first.contains("seal") && first.contains("PoSt"), first);
        // each command's summary is a whole sentence: bench's names all three kernels
        String bench = r.out().substring(r.out().indexOf("  bench "), r.out().indexOf("  demo "));
        assertTrue(bench.contains("label"), bench);
        assertTrue(bench.strip().endsWith("."), bench);
    }
}
