package io.filprover.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.filprover.api.Hex;
import io.filprover.proofs.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommdCommandTest {
    /**
     * Every row of vectors/tv-commd.csv (TV-COMMP piece lists, the go-fil-commcid piece given by CID and by hex,
     * TV-ZERO empty sectors with their upstream CIDs): filprover commd must print the row's comm_d (and CID).
     */
    @ParameterizedTest(name = "{0}")
    @CsvFileSource(resources = "/vectors/tv-commd.csv", numLinesToSkip = 1)
    void specVectors(String name, String sectorSize, String pieces, String commD, String cid) throws Exception {
        List<String> args = new ArrayList<>(List.of("commd", "--json", "--sector-size", sectorSize));
        if (pieces != null) {
            args.addAll(Arrays.asList(pieces.split(" ")));
        }
        CliRunner r = CliRunner.run(args.toArray(String[]::new));
        assertEquals(0, r.code(), name + ": " + r.err());
        JsonNode n = new ObjectMapper().readTree(r.out());
        assertEquals(commD, n.get("comm_d").asText(), name);
        assertEquals(pieces == null ? 0 : pieces.split(" ").length, n.get("pieces").asInt(), name);
        if (cid != null) {
            assertEquals(cid, n.get("cid").asText(), name);
        }
    }

    /** SHA-256 of a || b with the top two bits of byte 31 cleared (the tree_d node hash), here by MessageDigest. */
    private static String h(String a, String b) throws Exception {
        byte[] d = MessageDigest.getInstance("SHA-256").digest(Hex.decode(a + b, "a || b"));
        d[31] &= 0x3f;
        return Hex.encode(d);
    }

    @Test
    void theDerivedSimplePiecesRowIsWhatTheVectorFileSays() throws Exception {
        // TV-COMMP test_verify_simple_pieces: g = H(e, f); in a 2 KiB sector comm_d = H(H(g, Z_4), Z_5) (TV-ZERO)
        String e = "32b80dfb55df7663ac692a73ad6bb880a338d382bd288e2fc9b0808786aa531f";
        String f = "5b650881a9be6219b3e805089588ae21088c5f881b352f89543c7d6fb28f782c";
        String g = "658f8f77e9985f2167f9fd71418e340ed894b43bb18623906f05e9b281b5143a";
        String z4 = "57a2381a28652bf47f6bef7aca679be4aede5871ab5cf3eb2c08114488cb8526";
        String z5 = "1f7ac9595510e09ea41c460b176430bb322cd6fb412ec57cb17d989a4310372f";
        assertEquals(g, h(e, f));
        assertEquals("a41af47a9e50902904dd3ebbb03699a9e5e4b3f442fb31e36c1cb7b03de65108", h(h(g, z4), z5));
    }

    @Test
    void helpEverywhere() {
        for (String[] c : new String[][] {{"--help"}, {"commp", "--help"}, {"commd", "--help"}, {"demo", "--help"},
            {"backends", "--help"}}) {
            CliRunner r = CliRunner.run(c);
            assertEquals(0, r.code());
            assertTrue(r.out().startsWith("Usage: filprover"), r.out());
        }
    }

    /**
     * The demo runs the embedded service and, through gRPC, comm_p of generated pieces, PC1, PC2, C1 and
     * Window/Winning PoSt. Checked here against the independent naive reference (bit-by-bit Fr32 padding,
     * whole-tree SHA-256 with MessageDigest, add_piece alignment done here): every piece's comm_p, and
     * PC1's comm_d against the root of the staged sector. A fresh seed each run. The piece data are
     * regenerated as DemoCommand documents them (piece i: SplittableRandom(seed * 31 + i), nextInt(256)
     * per byte); if the demo changes its generator this test fails rather than passes.
     */
    @Test
    void demoRunsThroughTheServiceAndAgreesWithTheNaiveReference() throws Exception {
        long seed = new SplittableRandom().nextLong();
        ObjectMapper json = new ObjectMapper();
        String where = "demo --seed " + seed;
        CliRunner r = CliRunner.run("demo", "--json", "--seed", Long.toString(seed));
        assertEquals(0, r.code(), where + ": " + r.err());
        List<JsonNode> lines = new ArrayList<>();
        for (String l : r.out().strip().split("\n")) {
            lines.add(json.readTree(l));
        }
        JsonNode summary = lines.remove(lines.size() - 1);
        assertTrue(summary.get("verified").asBoolean(), where);
        assertEquals(lines.size(), summary.get("jobs").asInt(), where);
        List<String> kinds = new ArrayList<>();
        lines.forEach(l -> kinds.add(l.get("kind").asText()));
        assertEquals(List.of("seal-pc1", "seal-pc2", "seal-c1", "window-post", "winning-post"),
                kinds.subList(kinds.size() - 5, kinds.size()), where);
        assertTrue(lines.get(kinds.indexOf("seal-pc1")).get("stages").has("labeling"), where);
        assertTrue(lines.get(kinds.indexOf("seal-c1")).get("stages").has("verification"), where);
        byte[] sector = new byte[2048];
        int offset = 0; // padded bytes written so far
        int piece = 0;
        for (JsonNode p : lines) {
            assertEquals("succeeded", p.get("state").asText(), where + " " + p);
            assertTrue(p.get("verified").asBoolean(), where + " " + p);
            assertTrue(p.get("worker").asText().startsWith("local"), where + " " + p);
            assertEquals("cpu", p.get("backend").asText(), where + " " + p);
            // where the run went: the recorded stages, each a part of the whole run (ms, the total)
            JsonNode stages = p.get("stages");
            assertTrue(stages.isObject() && stages.size() > 0, where + " " + p);
            long sum = 0;
            for (JsonNode ms : stages) {
                sum += ms.asLong();
            }
            assertTrue(sum <= p.get("ms").asLong() + 5, where + " " + p);
            if (!p.get("kind").asText().equals("commp")) {
                continue;
            }
            int dataBytes = p.get("data_bytes").asInt();
            int unpadded = p.get("unpadded_size").asInt();
            byte[] raw = new byte[unpadded]; // data, then zero fill up to the piece size
            SplittableRandom gen = new SplittableRandom(seed * 31 + piece);
            for (int k = 0; k < dataBytes; k++) {
                raw[k] = (byte) gen.nextInt(256);
            }
            assertEquals(TestData.naiveCommP(Arrays.copyOf(raw, dataBytes)), p.get("comm_p").asText(), where + " piece " + piece);
            byte[] padded = TestData.naivePad(raw);
            assertEquals(padded.length, p.get("padded_size").asInt(), where + " piece " + piece);
            offset = (offset + padded.length - 1) / padded.length * padded.length; // aligned to its own size
            System.arraycopy(padded, 0, sector, offset, padded.length);
            offset += padded.length;
            piece++;
        }
        assertTrue(piece > 0, where);
        assertEquals(Hex.encode(TestData.naiveRoot(sector)), lines.get(piece).get("comm_d").asText(), where);
    }
}
