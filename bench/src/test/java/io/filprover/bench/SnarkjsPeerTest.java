package io.filprover.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The snarkjs peer's plumbing without Node: stand-in prove.sh scripts (bash only) and its JSON line. */
class SnarkjsPeerTest {
    private static final String LINE = "{\"peer\":\"snarkjs\",\"log_size\":14,\"median_ms\":3970.4,\"runs\":5,"
            + "\"min_ms\":3931.0,\"max_ms\":4102.9,\"cold_ms\":4500.2,\"verified\":true,\"public_inputs\":4}";

    @Test
    void parsesTheLineProveBenchMjsPrints() throws IOException {
        SnarkjsPeer.Result r = SnarkjsPeer.parse(LINE, 14);
        assertEquals(14, r.logSize());
        assertEquals(3970.4, r.medianMs());
        assertEquals(5, r.runs());
        assertEquals(LINE, r.json());
    }

    @Test
    void rejectsOtherPeersSizesFailedProofsAndGarbage() {
        assertThrows(IOException.class, () -> SnarkjsPeer.parse(LINE, 20), "size mismatch");
        assertThrows(IOException.class, () -> SnarkjsPeer.parse(LINE.replace("\"snarkjs\"", "\"ffjs\""), 14));
        assertThrows(IOException.class, () -> SnarkjsPeer.parse(LINE.replace("\"verified\":true", "\"verified\":false"), 14));
        assertThrows(IOException.class, () -> SnarkjsPeer.parse(LINE.replace("\"runs\":5", "\"runs\":0"), 14));
        assertThrows(IOException.class, () -> SnarkjsPeer.parse(LINE.replace("\"median_ms\":3970.4,", ""), 14));
        assertThrows(IOException.class, () -> SnarkjsPeer.parse("", 14));
        assertThrows(IOException.class, () -> SnarkjsPeer.parse("npm WARN deprecated", 14));
    }

    @Test
    void lastLineSkipsEarlierOutputAndTrailingBlanks() {
        assertEquals(LINE, SnarkjsPeer.lastLine("added 70 packages\n" + LINE + "\n\n"));
        assertEquals("", SnarkjsPeer.lastLine(""));
    }

    @Test
    void runsTheScriptWithSizeAndRunsAndReadsItsLastLine(@TempDir Path dir) throws Exception {
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        int log = 4 + rnd.nextInt(17);
        int runs = 1 + rnd.nextInt(9);
        double median = rnd.nextInt(1_000_000) / 10.0;
        // the stand-in echoes its arguments back, so a swapped or dropped argument fails the test
        script(dir, "echo 'progress on stdout'\necho 'setup chatter' >&2\n"
                + "echo \"{\\\"peer\\\":\\\"snarkjs\\\",\\\"log_size\\\":$1,\\\"median_ms\\\":" + median
                + ",\\\"runs\\\":$2,\\\"verified\\\":true}\"\n");
        SnarkjsPeer.Result r = SnarkjsPeer.prove(dir, log, runs, 60);
        assertEquals(log, r.logSize(), "seed " + seed);
        assertEquals(runs, r.runs(), "seed " + seed);
        assertEquals(median, r.medianMs(), "seed " + seed);
    }

    @Test
    void failingOrHangingScriptsAreReported(@TempDir Path dir) throws Exception {
        script(dir, "echo 'npm ERR! network' >&2\nexit 3\n");
        IOException failed = assertThrows(IOException.class, () -> SnarkjsPeer.prove(dir, 14, 1, 60));
        assertTrue(failed.getMessage().contains("exit 3"), failed.getMessage());

        script(dir, "sleep 30\n");
        long t0 = System.nanoTime();
        IOException hung = assertThrows(IOException.class, () -> SnarkjsPeer.prove(dir, 14, 1, 1));
        assertTrue(hung.getMessage().contains("did not finish"), hung.getMessage());
        assertTrue(System.nanoTime() - t0 < 20_000_000_000L, "the timeout did not hold");
    }

    @Test
    void locatesThePeerFromTheRepositoryOrBench(@TempDir Path repo) throws IOException {
        Path peer = Files.createDirectories(repo.resolve("bench/peers/snarkjs"));
        Files.writeString(peer.resolve(SnarkjsPeer.SCRIPT), "#!/bin/sh\n");
        Path bench = repo.resolve("bench");
        assertEquals(Optional.of(peer.toAbsolutePath()), SnarkjsPeer.locate(repo));
        assertEquals(Optional.of(peer.toAbsolutePath()), SnarkjsPeer.locate(bench));
        assertEquals(Optional.empty(), SnarkjsPeer.locate(Files.createTempDirectory("no-peer")));
    }

    private static void script(Path dir, String body) throws IOException {
        Files.writeString(dir.resolve(SnarkjsPeer.SCRIPT), "#!/usr/bin/env bash\n" + body);
    }
}
