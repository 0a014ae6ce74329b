package io.filprover.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.filprover.scheduler.InMemoryJobStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
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

/**
 * The scheduling commands of docs/operations.md ("From the command line"), run as written against a
 * live {@code filprover serve}: cordon holds a CRITICAL job in the queue, uncordon lets it run, a roomy
 * deadline is accepted, drain ends, parameters are preloaded and evicted.
 */
class AdminCommandsTest {
    @TempDir
    Path dir;

    private Thread server;
    private final CompletableFuture<Integer> serverExit = new CompletableFuture<>();
    private String address;

    @BeforeEach
    void serve() throws Exception {
        ServiceCommands.stores = dataDir -> new InMemoryJobStore();
        StringWriter out = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(new StringWriter(), true));
        server = new Thread(() -> serverExit.complete(cl.execute("serve", "--listen", "127.0.0.1:0", "--data-dir",
                dir.resolve("data").toString(), "--storage-root", dir.toString(), "--threads", "2", "--no-http")), "serve");
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
        throw new AssertionError("serve did not print 'listening on': " + out);
    }

    @AfterEach
    void stop() throws Exception {
        server.interrupt();
        assertEquals(0, serverExit.get(30, TimeUnit.SECONDS), "serve stops cleanly");
    }

    /** The {@code filprover} lines of the docs' {@code sh scheduling} block. */
    static List<String> documentedCommands() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "operations.md"));
        int start = doc.indexOf("```sh scheduling\n");
        assertTrue(start >= 0, "docs/operations.md has the scheduling block");
        String block = doc.substring(start + "```sh scheduling\n".length(), doc.indexOf("```", start + 3));
        List<String> out = new ArrayList<>();
        for (String line : block.split("\n")) {
            if (line.startsWith("filprover ")) {
                out.add(line.substring("filprover ".length()));
            }
        }
        return out;
    }

    private static JsonNode lastJson(CliRunner r) throws Exception {
        return new ObjectMapper().readTree(r.out().lines().reduce((a, b) -> b).orElseThrow());
    }

    @Test
    void theDocumentedSchedulingCommandsDoWhatTheDocsSay() throws Exception {
        byte[] data = new byte[5000 + new Random().nextInt(5000)];
        new Random().nextBytes(data);
        Path piece = Files.write(dir.resolve("piece.bin"), data);
        String worker = lastJson(CliRunner.run("status", "--coordinator", address, "--json")).get("workers").get(0)
                .get("worker_id").asText();
        List<String> commands = documentedCommands();
        assertEquals(9, commands.size(), commands.toString());
        String job = null;
        for (String c : commands) {
            String line = c.replace("$WORKER", worker).replace("$PIECE", piece.toString());
            if (job != null) {
                line = line.replace("$JOB", job);
            }
            List<String> args = new ArrayList<>(List.of(line.split(" ")));
            args.addAll(List.of("--coordinator", address));
            if (!args.contains("--json")) {
                args.add("--json");
            }
            if (line.startsWith("await")) {
                args.add("--no-progress");
            }
            CliRunner r = CliRunner.run(args.toArray(new String[0]));
            assertEquals(0, r.code(), line + ": " + r.err());
            JsonNode n = lastJson(r);
            if (line.startsWith("admin cordon")) {
                assertTrue(n.get("cordoned").asBoolean(), r.out());
            } else if (line.startsWith("submit")) {
                job = n.get("job_id").asText();
                if (line.contains("critical")) {
                    assertEquals("critical", n.get("priority").asText(), r.out());
                }
            } else if (line.startsWith("status")) {
                // cordoned: the CRITICAL job waits (a free worker would have started it at once)
                Thread.sleep(300);
                CliRunner again = CliRunner.run("jobs", "--coordinator", address, "--state", "queued", "--json");
                assertTrue(again.out().contains(job), "the job waits while the only worker is cordoned: " + again.out());
            } else if (line.startsWith("admin uncordon")) {
                assertTrue(!n.get("cordoned").asBoolean(), r.out());
            } else if (line.startsWith("await")) {
                assertEquals("succeeded", n.get("state").asText(), r.out());
            } else if (line.startsWith("admin drain")) {
                assertTrue(n.get("drained").asBoolean(), r.out());
            } else if (line.startsWith("admin preload-params") || line.startsWith("admin evict-params")) {
                assertEquals(worker, n.get("workers").get(0).asText(), r.out());
            }
        }
        // bad input: one line, exit 2
        CliRunner badPriority = CliRunner.run("submit", "commp", piece.toString(), "--priority", "urgent", "--coordinator", address);
        assertEquals(2, badPriority.code(), badPriority.err());
        assertEquals(1, badPriority.err().lines().count(), badPriority.err());
        assertTrue(badPriority.err().contains("priority"), badPriority.err());
        CliRunner badDeadline = CliRunner.run("submit", "commp", piece.toString(), "--deadline", "0", "--coordinator", address);
        assertEquals(2, badDeadline.code(), badDeadline.err());
        CliRunner unknownWorker = CliRunner.run("admin", "cordon", "no-such-worker", "--coordinator", address);
        assertEquals(2, unknownWorker.code(), unknownWorker.err());
        assertEquals(1, unknownWorker.err().lines().count(), unknownWorker.err());
    }
}
