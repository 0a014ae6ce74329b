package io.filprover.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.filprover.api.RegisteredSealProof;
import io.filprover.proofs.params.CircuitIdentifier;
import io.filprover.proofs.params.CircuitIdentifiers;
import io.filprover.proofs.params.CircuitRegistry;
import io.filprover.proofs.params.TestCircuitRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** params generate|verify and circuit info, with the test registry's tiny circuits standing in for the real ones. */
class ParamsCommandTest {
    private static final String SEAL = "StackedDrg2KiBV1_1";
    private static final CircuitIdentifier SEAL_ID = CircuitIdentifiers.of(RegisteredSealProof.STACKED_DRG_2KIB_V1_1);
    private static AutoCloseable registration;

    @TempDir
    Path dir;

    @BeforeAll
    static void register() {
        // only the test circuits: the real ones are far too large to set up here, and some proof must
        // stay without a circuit to test that error
        registration = CircuitRegistry.registerOnly(new TestCircuitRegistry());
    }

    @AfterAll
    static void unregister() throws Exception {
        registration.close();
    }

    private static void assertOneLine(CliRunner r) {
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void generateThenVerifyIsLocalAndLabelledNotForMainnet() throws Exception {
        CliRunner g = CliRunner.run("params", "generate", "--proof", SEAL, "--cache", dir.toString());
        assertEquals(0, g.code(), g.err());
        assertTrue(g.out().contains("NOT FOR MAINNET"), g.out());
        assertTrue(Files.isRegularFile(dir.resolve(SEAL_ID.paramsFile())));
        assertTrue(Files.isRegularFile(dir.resolve(SEAL_ID.vkFile())));
        assertTrue(Files.readString(dir.resolve(SEAL_ID.metaFile())).contains("not for mainnet"));

        CliRunner v = CliRunner.run("params", "verify", "--cache", dir.toString(), "--json");
        assertEquals(0, v.code(), v.err());
        String[] lines = v.out().strip().split("\n");
        assertEquals(2, lines.length, v.out());
        for (String line : lines) {
            JsonNode n = new ObjectMapper().readTree(line);
            assertEquals("local", n.get("status").asText(), line);
            assertTrue(n.get("detail").asText().contains("differs from parameters.json"), line);
        }
    }

    @Test
    void aCorruptFileExits3AndMissingFilesExit2() throws Exception {
        assertEquals(0, CliRunner.run("params", "generate", "--proof", SEAL, "--cache", dir.toString()).code());
        Path params = dir.resolve(SEAL_ID.paramsFile());
        byte[] b = Files.readAllBytes(params);
        Files.write(params, java.util.Arrays.copyOf(b, b.length - 1));
        CliRunner v = CliRunner.run("params", "verify", "--proof", SEAL, "--cache", dir.toString());
        assertEquals(3, v.code(), v.out() + v.err());
        assertTrue(v.out().contains("corrupt  " + SEAL_ID.paramsFile() + "  " + (b.length - 1) + " bytes: "), v.out());

        Path empty = Files.createDirectory(dir.resolve("empty"));
        CliRunner m = CliRunner.run("params", "verify", "--proof", "StackedDrgWinning2KiBV1", "--cache", empty.toString());
        assertEquals(2, m.code(), m.out() + m.err());
        assertOneLine(m);
        assertTrue(m.err().startsWith("verify: --proof: 2 of 2 files of StackedDrgWinning2KiBV1"), m.err());
    }

    @Test
    void theEnvironmentVariableSelectsTheCache() {
        Supplier<Map<String, String>> saved = ParamsCommand.environment;
        ParamsCommand.environment = () -> Map.of("FIL_PROOFS_PARAMETER_CACHE", dir.toString());
        try {
            CliRunner g = CliRunner.run("params", "generate", "--proof", "StackedDrgWinning2KiBV1");
            assertEquals(0, g.code(), g.err());
            CircuitIdentifier id = CircuitIdentifiers.of(io.filprover.api.RegisteredPoStProof.STACKED_DRG_WINNING_2KIB_V1);
            assertTrue(Files.isRegularFile(dir.resolve(id.vkFile())));
        } finally {
            ParamsCommand.environment = saved;
        }
    }

    @Test
    void badInputIsOneLineExit2() throws Exception {
        CliRunner unknown = CliRunner.run("params", "generate", "--proof", "StackedDrg3KiBV1", "--cache", dir.toString());
        assertEquals(2, unknown.code());
        assertOneLine(unknown);
        assertTrue(unknown.err().startsWith("generate: --proof: unknown registered proof 'StackedDrg3KiBV1'"), unknown.err());

        CliRunner unregistered = CliRunner.run("params", "generate", "--proof", "StackedDrg32GiBV1_1", "--cache", dir.toString());
        assertEquals(2, unregistered.code());
        assertOneLine(unregistered);
        assertTrue(unregistered.err().startsWith("generate: --proof: no circuit is registered for StackedDrg32GiBV1_1 yet"),
                unregistered.err());

        Path file = Files.writeString(dir.resolve("plain-file"), "x");
        CliRunner notDir = CliRunner.run("params", "verify", "--cache", file.toString());
        assertEquals(2, notDir.code());
        assertOneLine(notDir);
        assertTrue(notDir.err().startsWith("verify: --cache: "), notDir.err());

        CliRunner noCache = CliRunner.run("params", "verify", "--cache", dir.resolve("absent").toString());
        assertEquals(2, noCache.code());
        assertOneLine(noCache);
        assertTrue(noCache.err().contains("parameter cache directory not found"), noCache.err());
    }

    @Test
    void circuitInfoCountsTheRegisteredCircuit() throws Exception {
        CliRunner r = CliRunner.run("circuit", "info", "--proof", SEAL, "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode n = new ObjectMapper().readTree(r.out());
        // SquareChainCircuit(16 steps, 3 public inputs): one constraint per step; inputs c and two chain
        // values plus ONE; aux x_0 and the 14 chain values that are not inputs
        assertEquals(TestCircuitRegistry.SEAL_STEPS, n.get("constraints").asLong());
        assertEquals(TestCircuitRegistry.SEAL_INPUTS + 1, n.get("inputs").asLong());
        assertEquals(1 + TestCircuitRegistry.SEAL_STEPS - (TestCircuitRegistry.SEAL_INPUTS - 1), n.get("auxiliaries").asLong());
        assertEquals(SEAL_ID.paramsFile(), n.get("parameter_file").asText());
        assertEquals(2048, n.get("sector_size").asLong());

        CliRunner none = CliRunner.run("circuit", "info", "--proof", "StackedDrgWindow64GiBV1_2");
        assertEquals(2, none.code());
        assertOneLine(none);
        assertTrue(none.err().startsWith("info: --proof: no circuit is registered for StackedDrgWindow64GiBV1_2 yet"), none.err());
    }
}
