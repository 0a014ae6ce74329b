package io.filprover.cli;

import io.filprover.api.RegisteredSealProof;
import io.filprover.proofs.params.CircuitIdentifiers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code verify seal} and {@code prove c2} refuse what they cannot use before any work, exit 2, one line. */
class SnarkCommandsTest {
    @TempDir
    Path dir;

    // TV-REC (v16 2 KiB V1_1 record) and TV-REC-RNG
    private static final String[] RECORD = {"--seal-proof", "StackedDrg2KiBV1_1",
        "--comm-d", "7e45f0925dc72593d6b296100e6ca63e3341c92a50c0e7a9461883a3c959ea28",
        "--comm-r", "d67d57ea6808fd67bdedb331388b5005d3f837b6153c37ff90e720f10f34fc29",
        "--prover-id", "101cbe4b9c42604f04c703c396f788c6cb2d6d7d58f45430b12eb2edd640076c",
        "--sector-id", "9259733836259213201",
        "--ticket", "e8867f2000d5597a0a5f4382c52b8b89890019df5320d486a067f38e6c68624b",
        "--seed", "56964257e0d6c11e074117b36172fff3ebd1a6ec18fa79555e58df5a9d889dcb"};

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void verifySealWithARecordAndNoVerifyingKeySaysWhichFileIsMissing() throws Exception {
        Path proof = Files.write(dir.resolve("proof.bin"), new byte[192]);
        CliRunner r = CliRunner.run(concat(concat(new String[] {"verify", "seal"}, RECORD),
                "--proof", proof.toString(), "--cache", dir.toString()));
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        String vk = CircuitIdentifiers.of(RegisteredSealProof.STACKED_DRG_2KIB_V1_1).vkFile();
        assertTrue(r.err().contains("verifying key not found: " + vk), r.err());
    }

    @Test
    void badInputIsOneLineExitTwo() throws Exception {
        Path proof = Files.write(dir.resolve("proof.bin"), new byte[192]);
        CliRunner neither = CliRunner.run("verify", "seal", "--proof", proof.toString(), "--cache", dir.toString());
        assertEquals(2, neither.code(), neither.err());
        assertTrue(neither.err().contains("c1: give --c1 FILE or the sector's record"), neither.err());

        CliRunner badHex = CliRunner.run(concat(concat(new String[] {"verify", "seal"}, RECORD),
                "--proof", proof.toString(), "--comm-r", "abc"));
        assertEquals(2, badHex.code(), badHex.err());
        assertEquals(1, badHex.err().lines().count(), badHex.err());

        Path notJson = Files.writeString(dir.resolve("c1.json"), "{\"registered_proof\":");
        CliRunner c2 = CliRunner.run("prove", "c2", "--c1", notJson.toString(), "--out", dir.resolve("p").toString(),
                "--cache", dir.toString());
        assertEquals(2, c2.code(), c2.err());
        assertEquals(1, c2.err().lines().count(), c2.err());
        assertTrue(Files.notExists(dir.resolve("p")), "nothing written");

        CliRunner outIsDir = CliRunner.run("prove", "c2", "--c1", notJson.toString(), "--out", dir.toString());
        assertEquals(2, outIsDir.code(), outIsDir.err());
        assertTrue(outIsDir.err().contains("out: "), outIsDir.err());
    }
}
