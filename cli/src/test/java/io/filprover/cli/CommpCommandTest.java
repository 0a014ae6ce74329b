package io.filprover.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.filprover.api.Commitment;
import io.filprover.proofs.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommpCommandTest {
    @TempDir
    Path dir;

    @Test
    void randomFilesAgreeWithTheNaiveWholeTree() throws Exception {
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        ObjectMapper json = new ObjectMapper();
        for (int t = 0; t < 12; t++) {
            byte[] data = new byte[1 + rnd.nextInt(t < 10 ? 50_000 : 1_500_000)];
            rnd.nextBytes(data);
            Path f = dir.resolve("piece" + t);
            Files.write(f, data);
            CliRunner r = CliRunner.run("commp", "--json", "--threads", Integer.toString(1 + rnd.nextInt(3)), f.toString());
            assertEquals(0, r.code(), r.err());
            JsonNode n = json.readTree(r.out());
            String where = "seed " + seed + " size " + data.length;
            assertEquals(TestData.naiveCommP(data), n.get("comm_p").asText(), where);
            Commitment c = Commitment.fromHex(n.get("comm_p").asText(), "x");
            assertEquals(c.toCid(Commitment.Kind.UNSEALED), n.get("cid").asText(), where);
            long unpadded = n.get("unpadded_size").asLong();
            assertEquals(unpadded / 127 * 128, n.get("padded_size").asLong(), where);
            assertTrue(unpadded >= data.length && (unpadded == 127 || unpadded / 2 < data.length), where);
            assertEquals(KernelOptions.backends().resolve("auto").name(), n.get("backend").asText(),
                    where + ": the backend auto picks");
            assertEquals(0, n.get("cpu_fallbacks").asLong(), where);
            assertEquals(6, n.size(), "exactly the documented fields");
        }
    }

    @Test
    void textOutputMirrorsJson() throws Exception {
        Path f = dir.resolve("p508");
        Files.write(f, TestData.generate("blocks127", 508));
        CliRunner r = CliRunner.run("commp", f.toString());
        assertEquals(0, r.code(), r.err());
        // go-fil-commcid commcid_test.go fixture 127OfEach0-1-2-3
        assertTrue(r.out().contains("cid:           baga6ea4seaqes3nobte6ezpp4wqan2age2s5yxcatzotcvobhgcmv5wi2xh5mbi"), r.out());
        assertTrue(r.out().contains("padded_size:   512"), r.out());
        assertTrue(r.out().contains("unpadded_size: 508"), r.out());
        assertTrue(r.out().startsWith("comm_p:"), r.out());
    }

    @Test
    void badInputExitsTwoWithOneLineAndNoOutput() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty"));
        String[][] cases = {
            {"commp", empty.toString()},
            {"commp", dir.resolve("missing").toString()},
            {"commp", dir.toString()},
            {"commp"},
            {"commp", "--threads", "0", empty.toString()},
            {"commp", "--backend", "warp-drive", empty.toString()},
            {"commd", "--sector-size", "2KiB", "baga6ea4seaqes3nobte6ezpp4wqan2age2s5yxcatzotcvobhgcmv5wi2xh5mbi:8128"},
            {"commd", "--sector-size", "3KiB"},
            {"commd", "--sector-size", "2KiB", "00:127"},
            {"commd", "--sector-size", "2KiB", "notacid:127"},
            {"commd", "--sector-size", "2KiB", "baga6ea4seaqes3nobte6ezpp4wqan2age2s5yxcatzotcvobhgcmv5wi2xh5mbi:500"},
            {"commd", "--sector-size", "2KiB", "baga6ea4seaqes3nobte6ezpp4wqan2age2s5yxcatzotcvobhgcmv5wi2xh5mbi"},
            {"commd", "--sector-size", "2KiB",
                "bagboea4b5abcbx3jccdohrttzfneleehcpkmle4oltwuh4q3rcf5tpdodaoj6mtl:127"},
            {"commd"},
            // TV-COMMP simple-pieces commitment c: random bytes with the top bits set, impossible for a real comm_p
            {"commd", "--sector-size", "2KiB", "5e58df5a9d889dcb91dd4457bc49c6167b4475cc7863341c5556d1c60835d15c:127"},
        };
        for (String[] c : cases) {
            CliRunner r = CliRunner.run(c);
            String what = String.join(" ", c);
            assertEquals(2, r.code(), what + " -> " + r.err());
            assertEquals("", r.out(), what);
            assertEquals(1, r.err().strip().lines().count(), what + " -> " + r.err());
        }
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "nothing written");
        }
    }
}
