package io.filprover.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchCommandTest {
    @Test
    void badArgumentsExitTwo() {
        String[][] cases = {
            {"bench", "fft", "--log-size", "4"},
            {"bench", "msm", "--log-size", "0"},
            {"bench", "msm", "--log-size", "23"},
            {"bench", "ntt", "--log-size", "27"},
            {"bench", "msm", "--log-size", "4", "--threads", "0"},
            {"bench", "msm", "--log-size", "4", "--group", "g3"},
            {"bench", "ntt", "--log-size", "4", "--group", "g2"},
            {"bench", "msm", "--log-size", "4", "--peer", "gnark"},
            {"bench", "msm", "--log-size", "10", "--peer", "blst"},
            {"bench", "msm", "--log-size", "12", "--group", "g2", "--peer", "blst"},
            {"bench", "ntt", "--log-size", "12", "--peer", "ffjs"},
            {"bench", "msm", "--log-size", "4", "--reps", "0"},
            {"bench", "label"},
            {"bench", "label", "--sector-size", "32GiB"},
            {"bench", "label", "--sector-size", "4KiB"},
            {"bench", "label", "--sector-size", "3KiB"},
            {"bench", "label", "--sector-size", "2KiB", "--layers", "0"},
            {"bench", "label", "--sector-size", "2KiB", "--reps", "0"},
            {"bench", "label", "--sector-size", "2KiB", "--peer", "blst"},
            {"bench", "label", "--sector-size", "2KiB", "--log-size", "4"},
        };
        for (String[] c : cases) {
            CliRunner r = CliRunner.run(c);
            assertEquals(2, r.code(), String.join(" ", c) + " -> " + r.err());
            assertEquals("", r.out());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(!r.err().contains("bench: bench:"), "the command is named once: " + r.err());
        }
        CliRunner missing = CliRunner.run("bench", "msm");
        assertEquals(2, missing.code(), "--log-size is required");
    }

    /** filprover.jar carries no native peer: --peer blst without bench-peers on the class path is one line, exit 2. */
    @Test
    void absentNativePeerIsOneLineExitTwo() {
        CliRunner r = CliRunner.run("bench", "msm", "--log-size", "12", "--threads", "1", "--peer", "blst", "--json");
        assertEquals(2, r.code(), r.err());
        assertEquals("", r.out());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("--peer blst is not on the class path") && r.err().contains("bench-peers"), r.err());
    }

    @Test
    void unknownBackendIsOneLineExitTwo() {
        CliRunner r = CliRunner.run("bench", "msm", "--log-size", "4", "--backend", "tpu");
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("tpu"), r.err());
    }

    @Test
    void tinySmokeRunsPrintOneJsonLine() {
        for (String[] c : new String[][] {
            {"bench", "msm", "--log-size", "6", "--threads", "2", "--reps", "1", "--json"},
            {"bench", "msm", "--group", "g2", "--log-size", "3", "--threads", "1", "--reps", "1", "--json"},
            {"bench", "ntt", "--log-size", "8", "--reps", "1", "--json"},
            {"bench", "msm", "--log-size", "5", "--backend", "cpu", "--reps", "1", "--json"},
        }) {
            CliRunner r = CliRunner.run(c);
            assertEquals(0, r.code(), r.err());
            String line = r.out().strip();
            assertEquals(1, line.lines().count(), line);
            for (String key : new String[] {"\"kernel\":", "\"log_size\":", "\"threads\":", "\"backend\":\"cpu\"", "\"median_ms\":"}) {
                assertTrue(line.contains(key), key + " in " + line);
            }
        }
    }

    /** PC1 labeling of a 2 KiB sector (both modes): the fields, their arithmetic, and nothing left in the work dir. */
    @Test
    void labelSmokeRunReportsLayersAndTheDigestFloor(@TempDir Path tmp) throws Exception {
        for (String threads : new String[] {"1", "2"}) {
            Path work = Files.createDirectories(tmp.resolve("work-" + threads));
            CliRunner r = CliRunner.run("bench", "label", "--sector-size", "2KiB", "--layers", "3", "--reps", threads,
                    "--threads", threads, "--parent-cache", tmp.resolve("parents").toString(), "--work-dir",
                    work.toString(), "--json");
            assertEquals(0, r.code(), r.err());
            assertEquals(1, r.out().strip().lines().count(), r.out());
            JsonNode j = new ObjectMapper().readTree(r.out());
            assertEquals("label", j.get("kernel").asText());
            assertEquals(6, j.get("log_size").asInt(), "2 KiB = 2^6 nodes");
            assertEquals(3, j.get("layers").asInt());
            assertEquals(Integer.parseInt(threads), j.get("threads").asInt());
            assertEquals(threads.equals("1") ? "one thread" : "hashing thread + parent producer", j.get("mode").asText());
            assertEquals(3, j.get("layer_ns_per_label").size());
            double ns = j.get("ns_per_label").asDouble();
            double peer = j.get("peer_ns_per_message").asDouble();
            assertTrue(ns > 0 && peer > 0, r.out());
            assertEquals(ns / peer, j.get("ratio").asDouble(), 0.01 + 0.001 * ns / peer, r.out());
            assertEquals(100 * peer / ns, j.get("percent_of_digest_rate").asDouble(), 0.1 + 0.001 * 100 * peer / ns, r.out());
            try (Stream<Path> left = Files.list(work)) {
                assertEquals(0, left.count(), "layer files are deleted after each repetition");
            }
        }
    }
}
