package io.filprover.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TV-POST-GOLDEN through the command line (curio lib/proof/testgolden/post.vproof and postpub.json). */
class VerifyVanillaPostCommandTest {
    @TempDir
    Path dir;

    private Path copy(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/vectors/post-golden/" + name)) {
            Path p = dir.resolve(name);
            Files.write(p, in.readAllBytes());
            return p;
        }
    }

    @Test
    void goldenProofWithItsPublicInputs() throws IOException {
        CliRunner r = CliRunner.run("verify-vanilla-post", copy("post.vproof").toString(), "--public", copy("postpub.json").toString(), "--json");
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("\"valid\":true"), r.out());
        assertTrue(r.out().contains("StackedDrgWindow32GiBV1"), r.out());
    }

    @Test
    void goldenProofWithOptions() throws IOException {
        CliRunner r = CliRunner.run("verify-vanilla-post", copy("post.vproof").toString(), "--post-proof", "8",
                "--randomness", "00".repeat(32), "--sector-id", "1",
                "--comm-r", "bagboea4b5abcbx3jccdohrttzfneleehcpkmle4oltwuh4q3rcf5tpdodaoj6mtl");
        assertEquals(0, r.code(), r.err() + r.out());
        CliRunner wrongSector = CliRunner.run("verify-vanilla-post", copy("post.vproof").toString(), "--post-proof", "8",
                "--randomness", "00".repeat(32), "--sector-id", "2",
                "--comm-r", "bagboea4b5abcbx3jccdohrttzfneleehcpkmle4oltwuh4q3rcf5tpdodaoj6mtl");
        assertEquals(3, wrongSector.code(), wrongSector.out());
        assertTrue(wrongSector.out().contains("false"), wrongSector.out());
    }

    @Test
    void flippedOrTruncatedProofs() throws IOException {
        Path proof = copy("post.vproof");
        Path pub = copy("postpub.json");
        byte[] golden = Files.readAllBytes(proof);
        byte[] flipped = golden.clone();
        flipped[golden.length - 100] ^= 1; // inside comm_c/comm_r_last or the last path
        Files.write(proof, flipped);
        assertEquals(3, CliRunner.run("verify-vanilla-post", proof.toString(), "--public", pub.toString()).code());
        Files.write(proof, Arrays.copyOf(golden, 5000));
        CliRunner t = CliRunner.run("verify-vanilla-post", proof.toString(), "--public", pub.toString());
        assertEquals(2, t.code(), t.err());
        assertTrue(t.err().contains("truncated"), t.err());
        assertEquals("", t.out());
    }

    @Test
    void missingPublicInputs() throws IOException {
        Path proof = copy("post.vproof");
        assertEquals(2, CliRunner.run("verify-vanilla-post", proof.toString()).code());
        Path pub = dir.resolve("bad.json");
        Files.writeString(pub, "{\"Proofs\":[{\"PoStProof\":8}]}");
        CliRunner r = CliRunner.run("verify-vanilla-post", proof.toString(), "--public", pub.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("Randomness"), r.err());
        Files.writeString(pub, "{\"Proofs\":[{\"PoStProof\":99}]}");
        assertEquals(2, CliRunner.run("verify-vanilla-post", proof.toString(), "--public", pub.toString()).code());
        Files.writeString(pub, "{not json");
        assertEquals(2, CliRunner.run("verify-vanilla-post", proof.toString(), "--public", pub.toString()).code());
    }
}
