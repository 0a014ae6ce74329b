package io.filprover.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code bench synthesis|count|c2|post}: bad input is one line naming the option, exit 2, before any
 * work; the synthesis of a freshly sealed 2 KiB sector's partition reports the circuit {@code circuit
 * info} counts, with its memory; the count and a Window PoSt SNARK of a 2 KiB sector run end to end.
 */
class SnarkBenchCommandsTest {
    @TempDir
    static Path dir;

    /** A real 2 KiB C1 output (StackedDrg2KiBV1_1: one partition), sealed once for the class. */
    static Path c1;

    @BeforeAll
    static void sealOneSector() throws Exception {
        Random rnd = new Random();
        byte[] raw = new byte[2032];
        rnd.nextBytes(raw);
        Path data = Files.write(dir.resolve("data"), raw);
        byte[] ticket = new byte[32];
        rnd.nextBytes(ticket);
        ticket[31] &= 0x3f;
        CliRunner r = CliRunner.run("seal", "--sector-size", "2KiB", "--data", data.toString(), "--miner", "1000",
                "--sector-id", "3", "--ticket", HexFormat.of().formatHex(ticket), "--seed", "22".repeat(32),
                "--porep-id", "5", "--cache", dir.resolve("cache").toString(), "--out", dir.resolve("sealed").toString(),
                "--parent-cache", parents().toString(), "--threads", "2", "--json");
        assertEquals(0, r.code(), r.err());
        c1 = dir.resolve("cache").resolve("c1-output.json");
        assertTrue(Files.isRegularFile(c1));
    }

    private static Path parents() {
        return dir.resolve("parents");
    }

    private static JsonNode json(CliRunner r) throws Exception {
        assertEquals(0, r.code(), r.err());
        assertEquals(1, r.out().strip().lines().count(), r.out());
        return new ObjectMapper().readTree(r.out());
    }

    @Test
    void badInputIsOneLineNamingTheOptionExitTwo() throws Exception {
        Path garbled = Files.writeString(dir.resolve("garbled.json"), "{\"registered_proof\":");
        Path notParams = Files.write(dir.resolve("not.params"), new byte[100]);
        Path emptyCache = Files.createDirectories(dir.resolve("empty-cache"));
        String c = c1.toString();
        // each command line and what its one line must say
        List<String[]> cases = List.of(
            new String[] {"KERNEL", "bench"},
            new String[] {"Missing required option: '--c1=FILE'", "bench", "synthesis"},
            new String[] {"--c1: no such file", "bench", "synthesis", "--c1", dir.resolve("absent.json").toString()},
            new String[] {"--c1: ", "bench", "synthesis", "--c1", garbled.toString()},
            new String[] {"--c1: " + dir + " is a directory", "bench", "synthesis", "--c1", dir.toString()},
            new String[] {"--partition must be 0: the C1 output has 1 partition, not 1", "bench", "synthesis", "--c1", c, "--partition", "1"},
            new String[] {"--partition must be 0", "bench", "synthesis", "--c1", c, "--partition", "-1"},
            new String[] {"--partition", "bench", "synthesis", "--c1", c, "--partition", "one"},
            new String[] {"--reps must be between 1 and 100", "bench", "synthesis", "--c1", c, "--reps", "0"},
            new String[] {"--warmups must be between 0 and 10", "bench", "synthesis", "--c1", c, "--warmups", "11"},
            new String[] {"--proof: unknown registered proof 'Foo'", "bench", "count", "--proof", "Foo"},
            new String[] {"--reps must be between 1 and 100", "bench", "count", "--proof", "StackedDrgWinning2KiBV1", "--reps", "101"},
            new String[] {"--c1: ", "bench", "c2", "--c1", garbled.toString()},
            new String[] {"mutually exclusive", "bench", "c2", "--c1", c, "--params", notParams.toString(), "--cache", dir.toString()},
            new String[] {"parameters not found: v28-stacked-proof-of-replication", "bench", "c2", "--c1", c, "--cache", emptyCache.toString()},
            new String[] {"--params: ", "bench", "c2", "--c1", c, "--params", notParams.toString()},
            new String[] {"--params: no such file", "bench", "c2", "--c1", c, "--params", dir.resolve("absent.params").toString()},
            new String[] {"--reps must be between 1 and 100", "bench", "c2", "--c1", c, "--reps", "0"},
            new String[] {"--kind: must be window or winning, not 'daily'", "bench", "post", "--kind", "daily", "--sector-size", "2KiB"},
            new String[] {"--sector-size must be 2KiB, 8MiB or 512MiB", "bench", "post", "--kind", "window", "--sector-size", "32GiB"},
            new String[] {"--sector-size: no registered window PoSt proof for 4KiB", "bench", "post", "--kind", "window", "--sector-size", "4KiB"},
            new String[] {"--sectors must be between 1 and 256", "bench", "post", "--kind", "winning", "--sector-size", "2KiB", "--sectors", "0"},
            new String[] {"--reps must be between 1 and 100", "bench", "post", "--kind", "window", "--sector-size", "2KiB", "--reps", "0"},
            new String[] {"--work-dir: ", "bench", "post", "--kind", "window", "--sector-size", "2KiB", "--work-dir", garbled.resolve("x").toString()});
        for (String[] k : cases) {
            String[] args = java.util.Arrays.copyOfRange(k, 1, k.length);
            CliRunner r = CliRunner.run(args);
            String line = String.join(" ", args) + " -> " + r.err();
            assertEquals(2, r.code(), line);
            assertEquals("", r.out(), line);
            assertEquals(1, r.err().strip().lines().count(), line);
            assertTrue(r.err().contains(k[0]), "'" + k[0] + "' in " + line);
        }
        try (Stream<Path> left = Files.list(emptyCache)) {
            assertEquals(0, left.count(), "nothing written");
        }
    }

    /** The partition the bench synthesizes is the circuit 'circuit info' counts (bench/RESULTS.md §8: 2,687,921). */
    @Test
    void synthesisOfARealTwoKibPartitionMatchesCircuitInfoAndMeasuresItsMemory() throws Exception {
        JsonNode info = json(CliRunner.run("circuit", "info", "--proof", "StackedDrg2KiBV1_1", "--json"));
        JsonNode s = json(CliRunner.run("bench", "synthesis", "--c1", c1.toString(), "--warmups", "0", "--reps", "1", "--json"));
        assertEquals("synthesis", s.get("kind").asText());
        assertEquals("StackedDrg2KiBV1_1", s.get("proof").asText());
        assertEquals("ProvingAssignment", s.get("constraint_system").asText());
        long constraints = s.get("constraints").asLong();
        assertEquals(info.get("constraints").asLong(), constraints, s.toString());
        assertEquals(2_687_921, constraints, "StackedProductionCountTest's regression count of the 2 KiB partition (bench/RESULTS.md §8); the line above checks it against circuit info's independent count");
        assertEquals(info.get("inputs").asLong(), s.get("inputs").asLong());
        assertEquals(info.get("auxiliaries").asLong(), s.get("auxiliaries").asLong());
        assertEquals(constraints + s.get("inputs").asLong(), s.get("prover_constraints").asLong(),
                "the prover appends one constraint per input");
        double seconds = s.get("seconds").asDouble();
        assertTrue(seconds > 0, s.toString());
        assertEquals(constraints / seconds, s.get("constraints_per_s").asDouble(), 0.01 * constraints / seconds + 1, s.toString());
        long retained = s.get("retained_bytes").asLong();
        double perConstraint = s.get("bytes_per_constraint").asDouble();
        assertEquals((double) retained / constraints, perConstraint, 0.06, s.toString());
        // the assignment keeps at least its witness: one 32-byte Fr per auxiliary
        assertTrue(retained >= 32L * s.get("auxiliaries").asLong(), s.toString());
        assertTrue(s.get("peak_heap_mib").asDouble() * (1 << 20) >= retained, "the peak holds the assignment: " + s);
    }

    @Test
    void countReportsCircuitInfosCountWithItsRate() throws Exception {
        String proof = "StackedDrgWindow2KiBV1_2";
        JsonNode info = json(CliRunner.run("circuit", "info", "--proof", proof, "--json"));
        JsonNode s = json(CliRunner.run("bench", "count", "--proof", proof, "--warmups", "1", "--reps", "3", "--json"));
        assertEquals("count", s.get("kind").asText());
        assertEquals(proof, s.get("proof").asText());
        for (String key : new String[] {"constraints", "inputs", "auxiliaries"}) {
            assertEquals(info.get(key).asLong(), s.get(key).asLong(), key);
        }
        assertEquals(3, s.get("reps").asInt());
        assertTrue(s.get("constraints_per_s").asLong() > 0 && s.get("peak_heap_mib").asDouble() > 0, s.toString());
    }

    /** Seal, local setup, prove, verify: the stage breakdown of a 2 KiB Window PoSt, and nothing left behind. */
    @Test
    void windowPoStOfOneTwoKibSectorReportsItsStagesAndCleansUp() throws Exception {
        Path work = Files.createDirectories(dir.resolve("post-work"));
        JsonNode s = json(CliRunner.run("bench", "post", "--kind", "window", "--sector-size", "2KiB", "--sectors", "1",
                "--parent-cache", parents().toString(), "--work-dir", work.toString(), "--threads", "2", "--json"));
        assertEquals("StackedDrgWindow2KiBV1_2", s.get("proof").asText());
        assertEquals(1, s.get("sectors").asInt());
        assertEquals(1, s.get("partitions").asInt());
        assertTrue(s.get("verified").asBoolean());
        assertTrue(s.get("seal_ms").asDouble() > 0 && s.get("setup_ms").asDouble() > 0, s.toString());
        JsonNode stages = s.get("stages_ms");
        double sum = 0;
        for (String stage : new String[] {"vanilla_proofs", "synthesis", "fft", "msm_h", "msm_l", "msm_a", "msm_b_g1",
            "msm_b_g2", "assembly", "self_check", "verification"}) {
            assertTrue(stages.has(stage), stage + " in " + stages);
            sum += stages.get(stage).asDouble();
        }
        assertTrue(sum <= s.get("wall_ms").asDouble() + 1, "flat stages fit in the wall time: " + s);
        try (Stream<Path> left = Files.list(work)) {
            assertFalse(left.findAny().isPresent(), "the sealed sectors and parameters are deleted");
        }
    }
}
