package io.filprover.proofs.porep;

import io.filprover.api.InvalidInputException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Broken upstream C1 JSON: malformed, a wrong sector size, a missing or mistyped field → the JSON path named. */
class Phase1OutputErrorsTest {
    private static final String P = "vanilla_proofs.StackedDrg2KiBV1[0][0].";

    @TempDir
    static Path dir;

    static String json;

    @BeforeAll
    static void seal() throws IOException {
        json = new String(Phase1OutputJson.encode(Phase1OutputJsonTest.c1(dir, 5, new Random())), StandardCharsets.US_ASCII);
    }

    private static InvalidInputException bad(String text) {
        return assertThrows(InvalidInputException.class, () -> Commit1Files.decode(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static void assertField(String field, String text, String... words) {
        InvalidInputException e = bad(text);
        assertEquals(field, e.field(), e.oneLine());
        for (String w : words) {
            assertTrue(e.getMessage().contains(w), e.oneLine());
        }
    }

    /** {@code json} with the first match of {@code regex} replaced. */
    private static String edit(String regex, String replacement) {
        Matcher m = Pattern.compile(regex).matcher(json);
        assertTrue(m.find(), regex);
        return json.substring(0, m.start()) + replacement + json.substring(m.end());
    }

    @Test
    void malformedJson() {
        // cut after the first root: the parser stops inside that SingleProof
        assertField(P + "comm_d_proofs.data.Single", json.substring(0, json.indexOf("\"leaf\"") - 1),
                "malformed JSON");
        assertField("c1-output", json + "x", "trailing");
        assertField("c1-output", "", "malformed JSON");
        assertField("comm_r[0]", edit("\"comm_r\":\\[", "\"comm_r\":[1.5,"), "fraction");
        assertField(P + "comm_d_proofs.data.Single", edit("\"root\":\\[", "\"root\":\"root\":["), "malformed JSON");
        assertField("comm_d", edit("\"comm_d\":", "\"comm_d\":[1],\"comm_d\":"), "duplicate field");
    }

    @Test
    void missingFields() {
        assertField("comm_d", edit(",\"comm_d\":\\[[0-9,]*\\]", ""), "missing field");
        assertField("ticket", edit(",\"ticket\":\\[[0-9,]*\\]", ""), "missing field");
        assertField("registered_proof", edit("\"registered_proof\":\"[A-Za-z0-9_]*\",", ""), "missing field");
        assertField(P + "comm_d_proofs.data.Single.root", edit("\"root\":\\[[0-9,]*\\],", ""), "missing field");
        assertField(P + "replica_column_proofs.c_x.column._h", edit(",\"_h\":null", ""), "missing field");
        assertField(P + "encoding_proof.node", edit(",\"node\":[0-9]+\\}\\}", "}}") /* the encoding proof closes its Proof */, "missing field");
    }

    @Test
    void wrongTypesAndValues() {
        assertField("seed", edit("\"seed\":\\[[0-9,]*\\]", "\"seed\":\"00\""), "32 numbers");
        assertField("seed", edit("\"seed\":\\[[0-9]+,", "\"seed\":["), "32 numbers");
        assertField("seed", edit("\"seed\":\\[[0-9]+,", "\"seed\":[256,"), "32 numbers");
        assertField("registered_proof", edit("\"registered_proof\":\"[A-Za-z0-9_]*\"", "\"registered_proof\":\"StackedDrg3KiBV1\""),
                "unknown registered seal proof");
        assertField(P + "replica_column_proofs.c_x.column._h", edit("\"_h\":null", "\"_h\":0"), "must be null");
        assertField(P + "replica_column_proofs.c_x.column.index", edit("\"column\":\\{\"index\":[0-9]+", "\"column\":{\"index\":-1"),
                "integer");
        assertField(P + "comm_d_proofs.data.Single.path.path[0].index", edit("\"index\":[0-9]+\\}", "\"index\":2}"), "0..1");
        assertField("vanilla_proofs", edit("\"vanilla_proofs\":\\{", "\"vanilla_proofs\":{\"StackedDrg8MiBV1\":[],"),
                "one key");
    }

    @Test
    void wrongSectorSize() {
        // the registered proof of another size: the enum variant no longer matches
        String eightMib = edit("\"registered_proof\":\"StackedDrg2KiBV1_1\"", "\"registered_proof\":\"StackedDrg8MiBV1_1\"");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Phase1OutputReader.decode(eightMib));
        assertEquals("vanilla_proofs.StackedDrg2KiBV1", e.field(), e.oneLine());
        assertTrue(e.getMessage().contains("StackedDrg8MiBV1"), e.oneLine());
        // variant renamed too: the 2 KiB tree_d path is 6 levels, an 8 MiB one 18
        String both = eightMib.replace("\"StackedDrg2KiBV1\":", "\"StackedDrg8MiBV1\":");
        assertField("vanilla_proofs.StackedDrg8MiBV1[0][0].comm_d_proofs.data.Single.path.path", both, "18");
        // an NI-PoRep registered proof: 13 partitions, not 1
        assertField("vanilla_proofs.StackedDrg2KiBV1", edit("\"registered_proof\":\"StackedDrg2KiBV1_1\"",
                "\"registered_proof\":\"StackedDrg2KiBV1_2_Feat_NonInteractivePoRep\""), "13");
        // a column of 3 layers
        assertField(P + "replica_column_proofs.c_x.column.rows", edit("\"rows\":\\[", "\"rows\":[" + "[" + "0,".repeat(31) + "0],"),
                "layers");
        // a Sub proof where the 2 KiB tree has a Single one
        assertField(P + "comm_r_last_proof.data.Sub", edit("\"comm_r_last_proof\":\\{\"data\":\\{\"Single\"",
                "\"comm_r_last_proof\":{\"data\":{\"Sub\""), "Single");
    }

    @Test
    void lotusBenchWrapper() {
        String b64 = Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.US_ASCII));
        assertField("SectorSize", "{\"SectorNum\":1,\"Phase1Out\":\"" + b64 + "\",\"SectorSize\":8388608}", "2048");
        assertField("SectorNum", "{\"Phase1Out\":\"" + b64 + "\",\"SectorSize\":2048}", "missing field");
        assertField("Phase1Out", "{\"SectorNum\":1,\"Phase1Out\":\"*\",\"SectorSize\":2048}", "base64");
        String noSeed = edit(",\"seed\":\\[[0-9,]*\\]", "");
        assertField("Phase1Out.seed", "{\"SectorNum\":1,\"Phase1Out\":\""
                + Base64.getEncoder().encodeToString(noSeed.getBytes(StandardCharsets.US_ASCII)) + "\",\"SectorSize\":2048}",
                "missing field");
    }
}
