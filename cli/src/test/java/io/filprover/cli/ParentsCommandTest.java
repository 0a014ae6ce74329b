package io.filprover.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParentsCommandTest {
    @TempDir
    Path dir;

    @Test
    void generates2KiBV11CacheWithTheUpstreamDigest() throws Exception {
        // TV-PCACHE: rust-fil-proofs storage-proofs-porep/parent_cache.json, 2 KiB, porep id 5
        CliRunner r = CliRunner.run("parents", "--sector-size", "2KiB", "--porep-id", "5", "--out", dir.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("v28-sdr-parent-494d91dc80f2df5272c4b9e129bc7ade9405225993af9fe34e6542a39a47554b.cache"), r.out());
        assertTrue(r.out().contains("840057702eea7652cf97e04306c30fe57174714d90de156a25eddd6075c25b97"), r.out());
        assertTrue(r.out().contains("matches parent_cache.json"), r.out());
        assertTrue(r.out().contains("\"generated\":true"), r.out());
        // a second run checks the existing file instead of regenerating it
        CliRunner again = CliRunner.run("parents", "--sector-size", "2KiB", "--porep-id", "5", "--out", dir.toString());
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains("generated: false"), again.out());
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void syntheticIdsHaveTheirOwnGraph() {
        // TV-PCACHE names not in parent_cache.json: 2 KiB porep id 10 (SyntheticPoRep)
        CliRunner r = CliRunner.run("parents", "--sector-size", "2KiB", "--porep-id", "10", "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("v28-sdr-parent-1aa0c04f9b6b2ba6ece696274b0f0b53438c9acd1ae1b3943d837bacb65ad66b.cache"), r.out());
        assertTrue(r.out().contains("not in parent_cache.json"), r.out());
    }

    @Test
    void badInput() {
        String[][] cases = {
            {"parents", "--sector-size", "3KiB", "--porep-id", "5"},
            {"parents", "--sector-size", "2KiB", "--porep-id", "twenty"},
            {"parents", "--sector-size", "2KiB", "--porep-id", "77"},
            {"parents", "--sector-size", "2KiB", "--porep-id", "5", "--api-version", "3.0"},
            {"parents", "--sector-size", "2KiB"},
        };
        for (String[] c : cases) {
            CliRunner r = CliRunner.run(c);
            assertEquals(2, r.code(), String.join(" ", c) + " -> " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
        }
    }
}
