package io.filprover.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.filprover.scheduler.InMemoryJobStore;
import io.filprover.scheduler.Scrape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code serve} in a thread on a free port, then the client commands through {@link Main}'s command line. */
class ServiceCommandsTest {
    @TempDir
    Path dir;

    private Thread server;
    private final CompletableFuture<Integer> serverExit = new CompletableFuture<>();
    private String address;
    private final StringWriter serveOut = new StringWriter();

    @BeforeEach
    void serve() throws Exception {
        ServiceCommands.stores = dataDir -> new InMemoryJobStore();
        StringWriter out = serveOut;
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(new StringWriter(), true));
        server = new Thread(() -> serverExit.complete(cl.execute("serve", "--listen", "127.0.0.1:0", "--data-dir",
                dir.resolve("data").toString(), "--storage-root", dir.toString(), "--threads", "2")), "serve");
        server.start();
        Pattern listening = Pattern.compile("listening on (\\S+)");
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < end && !serverExit.isDone()) {
            Matcher m = listening.matcher(out.toString());
            if (m.find()) {
                address = m.group(1);
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("serve did not print 'listening on': " + out + " exit " + serverExit.getNow(null));
    }

    @AfterEach
    void stop() throws Exception {
        server.interrupt();
        assertEquals(0, serverExit.get(30, TimeUnit.SECONDS), "serve stops cleanly");
    }

    private static JsonNode json(CliRunner r) throws Exception {
        assertEquals(0, r.code(), r.err());
        return new ObjectMapper().readTree(r.out().lines().reduce((a, b) -> b).orElseThrow());
    }

    @Test
    void servePrintsTheMetricsAndStatusPageUrlsWhichAnswerWithTheJobsRun() throws Exception {
        Pattern urls = Pattern.compile("listening on \\S+\\R(metrics on http://(\\S+)/metrics)\\R(status page on http://(\\S+)/)\\R");
        Matcher m = urls.matcher(serveOut.toString());
        boolean found = m.find();
        for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10); !found && System.nanoTime() < end; ) {
            Thread.sleep(20);
            m = urls.matcher(serveOut.toString());
            found = m.find();
        }
        assertTrue(found, "serve printed: " + serveOut);
        String http = m.group(2);
        assertEquals(http, m.group(4));
        assertTrue(http.startsWith("127.0.0.1:"), "loopback like --listen: " + http);

        byte[] data = new byte[5_000];
        new Random().nextBytes(data);
        Path piece = Files.write(dir.resolve("piece.bin"), data);
        String jobId = json(CliRunner.run("submit", "commp", piece.toString(), "--coordinator", address, "--json"))
                .get("job_id").asText();
        assertEquals("succeeded", json(CliRunner.run("await", jobId, "--coordinator", address, "--json", "--timeout", "60"))
                .get("state").asText());
        // what docs/operations.md does with curl
        Scrape metrics = Scrape.of(http);
        assertEquals(1, metrics.value("filprover_job_duration_seconds_count", "kind", "commp", "outcome", "succeeded"));
        assertEquals(1, metrics.value("filprover_workers"));
        HttpResponse<String> page = Scrape.get("http://" + http + "/");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<table id=\"workers\">") && page.body().contains("local-"), page.body());
        assertEquals("ok", Scrape.get("http://" + http + "/healthz").body().trim());
    }

    @Test
    void submitCommpThenAwaitJobsStatusAndCancel() throws Exception {
        byte[] data = new byte[20_000];
        new Random().nextBytes(data);
        Path piece = Files.write(dir.resolve("piece.bin"), data);
        CliRunner local = CliRunner.run("commp", piece.toString(), "--json", "--threads", "2");
        String expected = json(local).get("comm_p").asText();

        JsonNode submitted = json(CliRunner.run("submit", "commp", piece.toString(), "--coordinator", address, "--json",
                "--request-id", "cli-piece"));
        String jobId = submitted.get("job_id").asText();
        assertTrue(submitted.get("created").asBoolean());
        // the same request id and file: the same job
        assertEquals(jobId, json(CliRunner.run("submit", "commp", piece.toString(), "--coordinator", address, "--json",
                "--request-id", "cli-piece")).get("job_id").asText());

        JsonNode done = json(CliRunner.run("await", jobId, "--coordinator", address, "--json", "--timeout", "60"));
        assertEquals("succeeded", done.get("state").asText());
        assertEquals(expected, done.get("comm_p").asText());
        assertEquals("cpu", done.get("backend").asText());

        // by path: under the storage root
        JsonNode byPath = json(CliRunner.run("submit", "commp", piece.toString(), "--by-path", "--coordinator", address, "--json"));
        assertEquals(expected, json(CliRunner.run("await", byPath.get("job_id").asText(), "--coordinator", address,
                "--json", "--no-progress")).get("comm_p").asText());

        CliRunner jobs = CliRunner.run("jobs", "--coordinator", address, "--state", "succeeded");
        assertEquals(0, jobs.code(), jobs.err());
        assertTrue(jobs.out().contains(jobId), jobs.out());
        assertEquals(2, jobs.out().lines().count(), jobs.out());

        CliRunner status = CliRunner.run("status", "--coordinator", address, "--json");
        JsonNode st = json(status);
        assertEquals(1, st.get("workers").size(), status.out());
        assertTrue(st.get("kinds").toString().contains("commp"));
        // the local worker runs on the cpu, which never falls back; its parameter bytes per tier are listed
        JsonNode worker = st.get("workers").get(0);
        assertEquals("{}", worker.get("cpu_fallbacks").toString(), status.out());
        List<String> tiers = new ArrayList<>();
        worker.get("param_bytes").fieldNames().forEachRemaining(tiers::add);
        assertEquals(List.of("hot", "warm", "cold"), tiers, status.out());
        CliRunner plain = CliRunner.run("status", "--coordinator", address);
        assertTrue(plain.out().contains("cpu fallbacks {}"), plain.out());

        // cancelling an ended job leaves it as it was; an unknown one is NOT_FOUND, exit 2, one line
        assertEquals("succeeded", json(CliRunner.run("cancel", jobId, "--coordinator", address, "--json"))
                .get("state").asText());
        CliRunner unknown = CliRunner.run("cancel", "no-such-job", "--coordinator", address);
        assertEquals(2, unknown.code());
        assertEquals(1, unknown.err().lines().count(), unknown.err());
        assertTrue(unknown.err().contains("NOT_FOUND"), unknown.err());

        // a path outside the storage roots: INVALID_ARGUMENT naming the field, exit 2
        Path outside = Files.createTempFile("outside", ".bin");
        try {
            Files.write(outside, data);
            CliRunner bad = CliRunner.run("submit", "commp", outside.toString(), "--by-path", "--coordinator", address);
            assertEquals(2, bad.code(), bad.err());
            assertTrue(bad.err().contains("commp.path: "), bad.err());
        } finally {
            Files.deleteIfExists(outside);
        }
    }

    @Test
    void anUploadedPieceAndASealSubmittedStageByStageGiveWhatTheLocalCommandsGive() throws Exception {
        Random rnd = new Random();
        byte[] data = new byte[50_000 + rnd.nextInt(50_000)];
        rnd.nextBytes(data);
        Path piece = Files.write(dir.resolve("upload.bin"), data);
        String expected = json(CliRunner.run("commp", piece.toString(), "--json", "--threads", "2")).get("comm_p").asText();
        JsonNode uploaded = json(CliRunner.run("submit", "commp", piece.toString(), "--upload", "--coordinator", address, "--json"));
        assertEquals(expected, json(CliRunner.run("await", uploaded.get("job_id").asText(), "--coordinator", address,
                "--json", "--no-progress")).get("comm_p").asText(), "the piece travelled in chunks (BlobService)");

        // the same sector sealed locally by 'filprover seal' and through the service stage by stage
        byte[] raw = new byte[2032];
        rnd.nextBytes(raw);
        Path staged = Files.write(dir.resolve("staged.bin"), raw);
        String prover = hex32(rnd);
        String ticket = hex32(rnd);
        String seed = hex32(rnd);
        String sectorId = Integer.toString(1 + rnd.nextInt(1000));
        Path parents = dir.resolve("parents");
        JsonNode local = json(CliRunner.run("seal", "--sector-size", "2KiB", "--data", staged.toString(), "--prover-id", prover,
                "--sector-id", sectorId, "--ticket", ticket, "--seed", seed, "--porep-id", "5",
                "--cache", dir.resolve("local-cache").toString(), "--out", dir.resolve("local.sealed").toString(),
                "--parent-cache", parents.toString(), "--backend", "cpu", "--threads", "2", "--json"));

        String[] sector = {"--seal-proof", "StackedDrg2KiBV1_1", "--prover-id", prover, "--sector-id", sectorId, "--ticket", ticket};
        Path cache = dir.resolve("svc-cache");
        Path replica = dir.resolve("svc.sealed");
        JsonNode pc1 = awaitJob(submit("seal-pc1", concat(sector, "--data", staged.toString(), "--cache", cache.toString(),
                "--parent-cache", parents.toString())));
        assertEquals(local.get("comm_d").asText(), pc1.get("comm_d").asText());
        assertEquals(local.get("replica_id").asText(), pc1.get("replica_id").asText());
        JsonNode pc2 = awaitJob(submit("seal-pc2", "--seal-proof", "5", "--cache", cache.toString(), "--replica", replica.toString()));
        assertEquals(local.get("comm_r").asText(), pc2.get("comm_r").asText());
        assertEquals(local.get("comm_c").asText(), pc2.get("comm_c").asText());
        String c1Job = submit("seal-c1", concat(sector, "--seed", seed, "--cache", cache.toString(), "--replica", replica.toString()));
        Path c1 = dir.resolve("out").resolve("c1.json");
        CliRunner awaited = CliRunner.run("await", c1Job, "--coordinator", address, "--json", "--no-progress", "--out", c1.toString());
        assertEquals(0, awaited.code(), awaited.err());
        assertEquals(Files.readString(Path.of(local.get("c1_output").asText())), Files.readString(c1),
                "the service's C1 output is byte for byte the local one");

        // C2 of that output, inline (its proof read from the file) and uploaded; listed by kind. Not awaited:
        // the workers' parameter cache decides whether it proves (C2ServiceTest covers the service side)
        JsonNode c2 = json(CliRunner.run("submit", "seal-c2", "--c1", c1.toString(), "--coordinator", address, "--json"));
        assertEquals("seal-c2", c2.get("kind").asText(), c2.toString());
        String c2Uploaded = submit("seal-c2", "--c1", c1.toString(), "--upload", "--seal-proof", "StackedDrg2KiBV1_1");
        CliRunner c2Jobs = CliRunner.run("jobs", "--coordinator", address, "--kind", "seal-c2");
        assertEquals(0, c2Jobs.code(), c2Jobs.err());
        assertTrue(c2Jobs.out().contains(c2.get("job_id").asText()) && c2Jobs.out().contains(c2Uploaded), c2Jobs.out());
        assertTrue(!c2Jobs.out().contains(c1Job), "only seal-c2 jobs: " + c2Jobs.out());
        Path garbage = Files.writeString(dir.resolve("garbage.json"), "{\"registered_proof\":");
        String[][] badC2 = {
            {"--c1", dir.resolve("missing.json").toString(), "c1: no such file"},
            {"--c1", garbage.toString(), "garbage.json"},
            {"--c1", c1.toString(), "--seal-proof", "99", "seal-proof: "},
            {"--c1", c1.toString(), "--seal-proof", "StackedDrg2KiBV1", "seal_c2.c1_output: the output is a StackedDrg2KiBV1_1"}};
        for (String[] bad : badC2) {
            String[] args = java.util.Arrays.copyOf(bad, bad.length - 1);
            CliRunner r = CliRunner.run(concat(concat(new String[] {"submit", "seal-c2"}, args), "--coordinator", address));
            assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().contains(bad[bad.length - 1]), r.err());
        }

        // --out on a job without a payload, and bad options: exit 2, one line, naming what is wrong
        CliRunner noPayload = CliRunner.run("await", uploaded.get("job_id").asText(), "--coordinator", address,
                "--no-progress", "--out", dir.resolve("x").toString());
        assertEquals(2, noPayload.code(), noPayload.err());
        assertTrue(noPayload.err().contains("out: "), noPayload.err());
        CliRunner badProof = CliRunner.run("submit", "seal-pc2", "--seal-proof", "99", "--cache", cache.toString(),
                "--replica", replica.toString(), "--coordinator", address);
        assertEquals(2, badProof.code(), badProof.err());
        assertEquals(1, badProof.err().lines().count(), badProof.err());
        assertTrue(badProof.err().contains("seal-proof"), badProof.err());
        CliRunner noProver = CliRunner.run("submit", "seal-c1", "--seal-proof", "5", "--sector-id", "1", "--ticket", ticket,
                "--seed", seed, "--cache", cache.toString(), "--replica", replica.toString(), "--coordinator", address);
        assertEquals(2, noProver.code(), noProver.err());
        assertTrue(noProver.err().contains("prover-id"), noProver.err());
    }

    private String submit(String kind, String... args) throws Exception {
        String[] all = concat(new String[] {"submit", kind}, args);
        return json(CliRunner.run(concat(all, "--coordinator", address, "--json"))).get("job_id").asText();
    }

    private JsonNode awaitJob(String jobId) throws Exception {
        JsonNode done = json(CliRunner.run("await", jobId, "--coordinator", address, "--json", "--no-progress"));
        assertEquals("succeeded", done.get("state").asText(), done.toString());
        return done;
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static String hex32(Random rnd) {
        byte[] b = new byte[32];
        rnd.nextBytes(b);
        b[31] &= 0x3f;
        return java.util.HexFormat.of().formatHex(b);
    }

    @Test
    void aCoordinatorThatIsNotThereIsExitOneWithOneLine() {
        CliRunner r = CliRunner.run("status", "--coordinator", "127.0.0.1:1");
        assertEquals(1, r.code(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("UNAVAILABLE"), r.err());
    }
}
