package io.filprover.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * README's bad-input promise, command by command: a missing file, a directory for a file, a file for
 * a directory, an unwritable output, garbage hex, negative and huge numbers, wrong sizes and ids of
 * another sector size each exit 2 with one line on stderr naming the option, no stack trace, nothing
 * on stdout, and no file created or changed.
 */
class BadInputTableTest {
    /** Rows that need the proving API's output checks before work (issue 13, defect 4). */
    static final String PENDING_OUTPUT_CHECKS = "pending proving API output checks (issue 13 defect 4)";

    static final String COMM_R_CID = "bagboea4b5abcbx3jccdohrttzfneleehcpkmle4oltwuh4q3rcf5tpdodaoj6mtl";
    static final String PIECE_CID = "baga6ea4seaqes3nobte6ezpp4wqan2age2s5yxcatzotcvobhgcmv5wi2xh5mbi";
    static final String HEX32 = "00".repeat(32);

    @TempDir
    Path root;

    /** The files a row may point at, all under one temporary directory. */
    record Fixture(Path root) {
        String data() { return root.resolve("piece").toString(); }          // 2032 bytes: a full 2 KiB sector
        String tooLong() { return root.resolve("long").toString(); }        // 2033 bytes
        String dir() { return root.resolve("dir").toString(); }             // an empty directory
        String file() { return root.resolve("notes.txt").toString(); }      // an unrelated regular file
        String missing() { return root.resolve("missing").toString(); }
        String underFile() { return root.resolve("notes.txt").resolve("sub").toString(); }
        String out() { return root.resolve("out").toString(); }             // a fresh output path
        String cache() { return root.resolve("cache").toString(); }         // a fresh cache directory
        String parents() { return root.resolve("parents").toString(); }     // an empty parent cache directory
        String replica() { return root.resolve("replica").toString(); }     // 2048 bytes, a 2 KiB "replica"
        String proof() { return root.resolve("post.vproof").toString(); }   // TV-POST-GOLDEN's proof
        String json(String name) { return root.resolve(name + ".json").toString(); }
    }

    record Row(String name, String option, Function<Fixture, String[]> args, String pending) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Row row(String name, String option, Function<Fixture, String[]> args) {
        return new Row(name, option, args, null);
    }

    private static Row pending(String name, String option, Function<Fixture, String[]> args) {
        return new Row(name, option, args, PENDING_OUTPUT_CHECKS);
    }

    @BeforeEach
    void fixtures() throws IOException {
        byte[] piece = new byte[2032];
        for (int i = 0; i < piece.length; i++) {
            piece[i] = (byte) (7 * i + 3);
        }
        Files.write(root.resolve("piece"), piece);
        Files.write(root.resolve("long"), new byte[2033]);
        Files.createDirectories(root.resolve("dir"));
        Files.createDirectories(root.resolve("parents"));
        Files.writeString(root.resolve("notes.txt"), "an unrelated file\n");
        Files.write(root.resolve("replica"), new byte[2048]);
        try (InputStream in = getClass().getResourceAsStream("/vectors/post-golden/post.vproof")) {
            Files.write(root.resolve("post.vproof"), in.readAllBytes());
        }
        Path cache = root.resolve("sector-cache");
        Files.createDirectories(cache);
        String sector = "\"sector_id\": 1, \"comm_r\": \"" + HEX32 + "\", \"cache_dir\": \"" + cache
                + "\", \"replica_path\": \"" + root.resolve("replica") + "\"";
        Files.writeString(root.resolve("sectors.json"), "[{" + sector + "}]");
        Files.writeString(root.resolve("garbage.json"), "[{\"sector_id\": ");
        Files.writeString(root.resolve("empty-list.json"), "[]");
        Files.writeString(root.resolve("negative-position.json"), "[{" + sector + ", \"position\": -5}]");
        Files.writeString(root.resolve("text-position.json"), "[{" + sector + ", \"position\": \"abc\"}]");
        Files.writeString(root.resolve("fraction-position.json"), "[{" + sector + ", \"position\": 1.7}]");
        Files.writeString(root.resolve("negative-sector.json"), "[{" + sector.replace("\"sector_id\": 1", "\"sector_id\": -1") + "}]");
        Files.writeString(root.resolve("garbage-commr.json"), "[{" + sector.replace(HEX32, "zz") + "}]");
        Files.writeString(root.resolve("missing-replica.json"), "[{" + sector.replace(root.resolve("replica").toString(),
                root.resolve("missing").toString()) + "}]");
        String pub = "{\"Randomness\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\",\"Proofs\":[{\"PoStProof\":8}],"
                + "\"ChallengedSectors\":[{\"SectorNumber\":1,\"SealedCID\":{\"/\":\"" + COMM_R_CID + "\"}}]}";
        Files.writeString(root.resolve("pub-fraction.json"), pub.replace("\"SectorNumber\":1", "\"SectorNumber\":1.9"));
        Files.writeString(root.resolve("pub-negative.json"), pub.replace("\"SectorNumber\":1", "\"SectorNumber\":-1"));
        Files.writeString(root.resolve("pub-text-proof.json"), pub.replace("\"PoStProof\":8", "\"PoStProof\":\"eight\""));
        Files.writeString(root.resolve("pub-unknown-proof.json"), pub.replace("\"PoStProof\":8", "\"PoStProof\":99"));
        Files.writeString(root.resolve("pub-randomness.json"), pub.replace("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", "AAAA"));
        Files.writeString(root.resolve("pub-garbage.json"), "{\"Randomness\":");
    }

    private static String[] seal(Fixture f, String... extra) {
        List<String> a = new ArrayList<>(List.of("seal", "--sector-size", "2KiB", "--data", f.data(), "--miner", "1000",
                "--sector-id", "1", "--ticket", HEX32, "--seed", HEX32, "--porep-id", "5", "--cache", f.cache(),
                "--out", f.out(), "--parent-cache", f.parents(), "--backend", "cpu"));
        // a repeated option replaces the default
        for (int i = 0; i < extra.length; i += 2) {
            int at = a.indexOf(extra[i]);
            if (at >= 0 && i + 1 < extra.length) {
                a.set(at + 1, extra[i + 1]);
            } else if (at < 0) {
                a.add(extra[i]);
                if (i + 1 < extra.length) {
                    a.add(extra[i + 1]);
                }
            }
        }
        return a.toArray(String[]::new);
    }

    private static String[] sealWithout(Fixture f, String option, String... extra) {
        List<String> a = new ArrayList<>(Arrays.asList(seal(f, extra)));
        int at = a.indexOf(option);
        a.remove(at + 1);
        a.remove(at);
        return a.toArray(String[]::new);
    }

    private static String[] post(Fixture f, String kind, String... extra) {
        List<String> a = new ArrayList<>(List.of("post", kind, "--post-proof", kind.equals("window") ? "10" : "0",
                "--randomness", HEX32, "--prover-id", HEX32, "--sectors", f.json("sectors"), "--out", f.out(),
                "--backend", "cpu"));
        for (int i = 0; i < extra.length; i += 2) {
            int at = a.indexOf(extra[i]);
            if (at >= 0) {
                a.set(at + 1, extra[i + 1]);
            } else {
                a.add(extra[i]);
                a.add(extra[i + 1]);
            }
        }
        return a.toArray(String[]::new);
    }

    private static String[] verify(Fixture f, String... extra) {
        List<String> a = new ArrayList<>(List.of("verify-vanilla-post", f.proof(), "--post-proof", "8",
                "--randomness", HEX32, "--sector-id", "1", "--comm-r", COMM_R_CID));
        for (int i = 0; i < extra.length; i += 2) {
            int at = a.indexOf(extra[i]);
            if (at >= 0) {
                a.set(at + 1, extra[i + 1]);
            } else {
                a.add(extra[i]);
                a.add(extra[i + 1]);
            }
        }
        return a.toArray(String[]::new);
    }

    private static String[] verifyProof(Fixture f, String proof) {
        String[] a = verify(f);
        a[1] = proof;
        return a;
    }

    private static String[] a(String... args) {
        return args;
    }

    static Stream<Row> rows() {
        return Stream.of(
            // commp
            row("commp missing file", "FILE", f -> a("commp", f.missing())),
            row("commp directory for a file", "FILE", f -> a("commp", f.dir())),
            row("commp negative threads", "--threads", f -> a("commp", "--threads", "-1", f.data())),
            row("commp huge threads", "--threads", f -> a("commp", "--threads", "5000", f.data())),
            row("commp threads beyond int", "--threads", f -> a("commp", "--threads", "99999999999", f.data())),
            row("commp unknown backend", "--backend", f -> a("commp", "--backend", "warp-drive", f.data())),
            row("commp garbage devices", "--devices", f -> a("commp", "--backend", "cpu", "--devices", "gpu0", f.data())),
            row("commp negative device", "--devices", f -> a("commp", "--backend", "cpu", "--devices", "0,-1", f.data())),
            // commd
            row("commd garbage hex piece", "PIECE", f -> a("commd", "--sector-size", "2KiB", "zz:127")),
            row("commd piece of a wrong size", "PIECE", f -> a("commd", "--sector-size", "2KiB", PIECE_CID + ":500")),
            row("commd piece larger than the sector", "piece 1", f -> a("commd", "--sector-size", "2KiB", PIECE_CID + ":4064")),
            row("commd wrong sector size", "--sector-size", f -> a("commd", "--sector-size", "3KiB")),
            row("commd negative sector size", "--sector-size", f -> a("commd", "--sector-size", "-2048")),
            row("commd huge sector size", "--sector-size", f -> a("commd", "--sector-size", "99999999999999999999999")),
            row("commd huge threads", "--threads", f -> a("commd", "--sector-size", "2KiB", "--threads", "5000")),
            // poseidon
            row("poseidon garbage hex", "HEX", f -> a("poseidon", "--arity", "2", "zz", HEX32)),
            row("poseidon short hex", "HEX", f -> a("poseidon", "--arity", "2", "00", HEX32)),
            row("poseidon value above the modulus", "HEX", f -> a("poseidon", "--arity", "2", "ff".repeat(32), HEX32)),
            row("poseidon unsupported arity", "--arity", f -> a("poseidon", "--arity", "3", HEX32, HEX32, HEX32)),
            row("poseidon negative arity", "--arity", f -> a("poseidon", "--arity", "-2", HEX32, HEX32)),
            row("poseidon huge arity", "--arity", f -> a("poseidon", "--arity", "99999999999", HEX32)),
            row("poseidon too many inputs", "HEX", f -> a("poseidon", "--arity", "2", HEX32, HEX32, HEX32)),
            // parents
            row("parents unrelated file as --out", "--out", f -> a("parents", "--sector-size", "2KiB", "--porep-id", "5", "--out", f.file())),
            row("parents --out under a file", "--out", f -> a("parents", "--sector-size", "2KiB", "--porep-id", "5", "--out", f.underFile())),
            row("parents porep id of another size", "--porep-id", f -> a("parents", "--sector-size", "2KiB", "--porep-id", "8", "--out", f.out())),
            row("parents garbage porep id", "--porep-id", f -> a("parents", "--sector-size", "2KiB", "--porep-id", "zz", "--out", f.out())),
            row("parents negative porep id", "--porep-id", f -> a("parents", "--sector-size", "2KiB", "--porep-id", "-5", "--out", f.out())),
            row("parents wrong sector size", "--sector-size", f -> a("parents", "--sector-size", "3KiB", "--porep-id", "5", "--out", f.out())),
            row("parents huge threads", "--threads", f -> a("parents", "--sector-size", "2KiB", "--porep-id", "5", "--threads", "5000", "--out", f.out())),
            row("parents negative threads", "--threads", f -> a("parents", "--sector-size", "2KiB", "--porep-id", "5", "--threads", "-1", "--out", f.out())),
            row("parents bad api version", "--api-version", f -> a("parents", "--sector-size", "2KiB", "--porep-id", "5", "--api-version", "9.9", "--out", f.out())),
            // seal
            row("seal missing data", "--data", f -> seal(f, "--data", f.missing())),
            row("seal directory as data", "--data", f -> seal(f, "--data", f.dir())),
            row("seal data longer than the sector", "--data", f -> seal(f, "--data", f.tooLong())),
            row("seal garbage ticket", "--ticket", f -> seal(f, "--ticket", "zz")),
            row("seal short seed", "--seed", f -> seal(f, "--seed", "00".repeat(31))),
            row("seal garbage prover id", "--prover-id", f -> sealWithout(f, "--miner", "--prover-id", "xyz")),
            row("seal negative miner", "--miner", f -> seal(f, "--miner", "-1")),
            row("seal miner of 2^63", "--miner", f -> seal(f, "--miner", "9223372036854775808")),
            row("seal garbage miner", "--miner", f -> seal(f, "--miner", "f01000")),
            row("seal negative sector id", "--sector-id", f -> seal(f, "--sector-id", "-1")),
            row("seal sector id of 2^64", "--sector-id", f -> seal(f, "--sector-id", "18446744073709551616")),
            row("seal porep id of another size", "--porep-id", f -> seal(f, "--porep-id", "8")),
            row("seal porep id hex of another size", "--porep-id", f -> seal(f, "--porep-id", "03" + "00".repeat(31))),
            row("seal unknown porep id", "--porep-id", f -> seal(f, "--porep-id", "20")),
            row("seal wrong sector size", "--sector-size", f -> seal(f, "--sector-size", "3KiB")),
            row("seal unsupported layers", "--layers", f -> seal(f, "--layers", "3")),
            row("seal negative layers", "--layers", f -> seal(f, "--layers", "-1")),
            row("seal huge threads", "--threads", f -> seal(f, "--threads", "5000")),
            row("seal zero threads", "--threads", f -> seal(f, "--threads", "0")),
            row("seal --out an existing directory", "--out", f -> seal(f, "--out", f.dir())),
            row("seal --out under a file", "--out", f -> seal(f, "--out", f.underFile())),
            row("seal --cache a file", "--cache", f -> seal(f, "--cache", f.file())),
            row("seal --parent-cache a file", "--parent-cache", f -> seal(f, "--parent-cache", f.file())),
            row("seal --c1-out under a file", "--c1-out", f -> seal(f, "--c1-out", f.underFile())),
            row("seal --c1-out an existing directory", "--c1-out", f -> seal(f, "--c1-out", f.dir())),
            // post
            row("post missing sectors file", "--sectors", f -> post(f, "window", "--sectors", f.missing())),
            row("post directory as sectors file", "--sectors", f -> post(f, "window", "--sectors", f.dir())),
            row("post malformed sectors JSON", "--sectors", f -> post(f, "window", "--sectors", f.json("garbage"))),
            row("post empty sectors list", "--sectors", f -> post(f, "window", "--sectors", f.json("empty-list"))),
            row("post negative position", "--sectors", f -> post(f, "window", "--sectors", f.json("negative-position"))),
            row("post text position", "--sectors", f -> post(f, "window", "--sectors", f.json("text-position"))),
            row("post fractional position", "--sectors", f -> post(f, "window", "--sectors", f.json("fraction-position"))),
            row("post negative sector id", "--sectors", f -> post(f, "window", "--sectors", f.json("negative-sector"))),
            row("post garbage comm_r", "--sectors", f -> post(f, "window", "--sectors", f.json("garbage-commr"))),
            row("post winning missing replica", "--sectors", f -> post(f, "winning", "--sectors", f.json("missing-replica"))),
            row("post window empty cache", "--sectors", f -> post(f, "window")),
            row("post garbage randomness", "--randomness", f -> post(f, "window", "--randomness", "zz")),
            row("post short prover id", "--prover-id", f -> post(f, "window", "--prover-id", "00")),
            row("post proof of another size", "--post-proof", f -> post(f, "window", "--post-proof", "8")),
            row("post winning proof of another size", "--post-proof", f -> post(f, "winning", "--post-proof", "3")),
            row("post unknown proof", "--post-proof", f -> post(f, "window", "--post-proof", "99")),
            row("post window proof for winning", "--post-proof", f -> post(f, "winning", "--post-proof", "10")),
            row("post negative partition", "--partition", f -> post(f, "window", "--partition", "-1")),
            row("post huge partition", "--partition", f -> post(f, "window", "--partition", "99999999999")),
            row("post unknown kind", "KIND", f -> post(f, "sideways")),
            row("post huge threads", "--threads", f -> post(f, "window", "--threads", "5000")),
            row("post --out an existing directory", "--out", f -> post(f, "window", "--out", f.dir())),
            row("post --out under a file", "--out", f -> post(f, "window", "--out", f.underFile())),
            // verify-vanilla-post
            row("verify missing proof", "PROOF", f -> verifyProof(f, f.missing())),
            row("verify directory as proof", "PROOF", f -> verifyProof(f, f.dir())),
            row("verify missing public", "--public", f -> a("verify-vanilla-post", f.proof(), "--public", f.missing())),
            row("verify directory as public", "--public", f -> a("verify-vanilla-post", f.proof(), "--public", f.dir())),
            row("verify malformed public", "--public", f -> a("verify-vanilla-post", f.proof(), "--public", f.json("pub-garbage"))),
            row("verify fractional SectorNumber", "--public", f -> a("verify-vanilla-post", f.proof(), "--public", f.json("pub-fraction"))),
            row("verify negative SectorNumber", "--public", f -> a("verify-vanilla-post", f.proof(), "--public", f.json("pub-negative"))),
            row("verify text PoStProof", "--public", f -> a("verify-vanilla-post", f.proof(), "--public", f.json("pub-text-proof"))),
            row("verify unknown PoStProof", "--public", f -> a("verify-vanilla-post", f.proof(), "--public", f.json("pub-unknown-proof"))),
            row("verify short Randomness", "--public", f -> a("verify-vanilla-post", f.proof(), "--public", f.json("pub-randomness"))),
            row("verify garbage randomness", "--randomness", f -> verify(f, "--randomness", "zz")),
            row("verify negative sector id", "--sector-id", f -> verify(f, "--sector-id", "-1")),
            row("verify garbage comm_r", "--comm-r", f -> verify(f, "--comm-r", "zz")),
            row("verify negative sector position", "--sector-position", f -> verify(f, "--sector-position", "-1")),
            row("verify unknown post proof", "--post-proof", f -> verify(f, "--post-proof", "99")),
            row("verify truncated proof", "PROOF", f -> verifyProof(f, f.data())),
            // bench
            row("bench unknown kernel", "KERNEL", f -> a("bench", "fft", "--log-size", "4")),
            row("bench negative log size", "--log-size", f -> a("bench", "msm", "--log-size", "-1")),
            row("bench huge log size", "--log-size", f -> a("bench", "msm", "--log-size", "99999999999")),
            row("bench huge threads", "--threads", f -> a("bench", "msm", "--log-size", "4", "--threads", "5000")),
            row("bench label wrong sector size", "--sector-size", f -> a("bench", "label", "--sector-size", "3KiB")),
            row("bench label parent cache a file", "--parent-cache", f -> a("bench", "label", "--sector-size", "2KiB",
                    "--reps", "1", "--parent-cache", f.file())),
            row("bench label work dir a file", "--work-dir", f -> a("bench", "label", "--sector-size", "2KiB",
                    "--reps", "1", "--parent-cache", f.parents(), "--work-dir", f.file())),
            // backends
            row("backends unknown option", "--verbose", f -> a("backends", "--verbose")));
    }

    private static TreeMap<String, String> snapshot(Path root) throws IOException {
        TreeMap<String, String> m = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                m.put(root.relativize(p).toString(), Files.isDirectory(p) ? "dir" : Long.toString(Files.size(p)));
            }
        }
        return m;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void exitsTwoWithOneLineNamingTheOption(Row row) throws IOException {
        assumeFalse(row.pending() != null && !Boolean.getBoolean("filprover.pendingRows"), row.pending());
        Fixture f = new Fixture(root);
        String[] args = row.args().apply(f);
        TreeMap<String, String> before = snapshot(root);
        CliRunner r = CliRunner.run(args);
        String what = String.join(" ", args) + "\n -> " + r.err();
        assertEquals(2, r.code(), what);
        assertEquals(1, r.err().strip().lines().count(), what);
        assertTrue(r.err().contains(row.option()), "names " + row.option() + ": " + what);
        assertFalse(r.err().contains("Exception") || r.err().contains("Error:") || r.err().contains("\tat "), what);
        assertTrue(r.err().startsWith(args[0] + ": "), "names the command first: " + what);
        assertEquals("", r.out(), what);
        assertEquals(before, snapshot(root), "no file created or changed: " + what);
    }
}
