package io.filprover.cli;

import io.filprover.scheduler.DocCommands;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The token and TLS options of serve, worker and the client commands: bad files are exit 2 in one
 * line naming the option, serve keeps to loopback without tokens, and a service run with the
 * documented token file and certificates (docs/operations.md) works and never prints a token.
 */
class ServiceSecurityCommandsTest {
    @TempDir
    Path dir;

    private static void oneLineExit2(CliRunner r, String starts) {
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().strip().contains(starts), r.err());
    }

    @Test
    void serveRefusesANonLoopbackListenWithoutTokensUnlessTold() {
        CliRunner r = CliRunner.run("serve", "--listen", "0.0.0.0:0", "--data-dir", dir.resolve("data").toString());
        oneLineExit2(r, "listen: 0.0.0.0 is not a loopback address");
        assertTrue(r.err().contains("--tokens FILE") && r.err().contains("--insecure-no-auth"), r.err());
    }

    @Test
    void missingOrUnreadableTokenAndTlsFilesAreExit2NamingTheOption() throws Exception {
        Path missing = dir.resolve("missing.token");
        oneLineExit2(CliRunner.run("status", "--token-file", missing.toString()), "token-file: no such file: " + missing);
        oneLineExit2(CliRunner.run("jobs", "--token-file", dir.toString()), "token-file: " + dir + " is a directory");
        Path empty = Files.writeString(dir.resolve("empty.token"), "\n");
        oneLineExit2(CliRunner.run("status", "--token-file", empty.toString()), "token-file: " + empty + " is empty");
        oneLineExit2(CliRunner.run("worker", "--token-file", missing.toString()), "token-file: no such file");
        oneLineExit2(CliRunner.run("status", "--tls-ca", missing.toString()), "tls-ca: cannot read " + missing);
        oneLineExit2(CliRunner.run("serve", "--tokens", missing.toString(), "--data-dir", dir.resolve("d").toString()),
                "tokens: no such file: " + missing);
        String secret = "a-secret-token-" + new Random().nextLong();
        Path bad = Files.writeString(dir.resolve("tokens.txt"), "client alice " + secret + "\nclient bob\n");
        CliRunner r = CliRunner.run("serve", "--tokens", bad.toString(), "--data-dir", dir.resolve("d").toString());
        oneLineExit2(r, "tokens: " + bad + " line 2: want 'ROLE NAME TOKEN'");
        assertFalse(r.err().contains(secret) || r.out().contains(secret));
        oneLineExit2(CliRunner.run("serve", "--tls-cert", dir.resolve("c.pem").toString(), "--data-dir",
                dir.resolve("d").toString()), "tls-key: --tls-cert and --tls-key go together");
    }

    @Test
    void aServiceWithTheDocumentedTokensAndMutualTlsRunsAJobAndNeverPrintsAToken() throws Exception {
        Path ops = DocCommands.run("tokens", dir.resolve("ops"));
        DocCommands.run("pki", ops);
        String s = ops.toString() + "/";
        List<String> tls = List.of("--tls-ca", s + "ca.pem", "--tls-cert", s + "client.pem", "--tls-key", s + "client.key");
        try (ServiceProcesses sp = new ServiceProcesses(dir)) {
            ServiceProcesses.Proc serve = sp.serve("serve", "127.0.0.1:0", "--no-local-worker", "--tokens", s + "tokens.txt",
                    "--tls-cert", s + "server.pem", "--tls-key", s + "server.key", "--tls-client-ca", s + "ca.pem");
            String workerToken = Files.readString(ops.resolve("worker-1.token")).strip();
            String[] workerArgs = {"worker", "--coordinator", serve.address, "--name", "w1", "--storage-root", dir.toString(),
                "--threads", "2", tls.get(0), tls.get(1), tls.get(2), tls.get(3), tls.get(4), tls.get(5)};
            ServiceProcesses.Proc worker = sp.start("worker", Map.of("FILPROVER_TOKEN", workerToken), workerArgs);

            byte[] data = new byte[5000];
            new Random().nextBytes(data);
            Path piece = Files.write(dir.resolve("piece.bin"), data);
            String[] submit = concat(List.of("submit", "commp", piece.toString(), "--coordinator", serve.address,
                    "--token-file", s + "alice.token"), tls);
            CliRunner submitted = CliRunner.run(submit);
            assertEquals(0, submitted.code(), submitted.err());
            String jobId = submitted.out().lines().filter(l -> l.startsWith("job_id:")).findFirst().orElseThrow()
                    .substring("job_id:".length()).strip();
            CliRunner awaited = CliRunner.run(concat(List.of("await", jobId, "--coordinator", serve.address,
                    "--token-file", s + "alice.token"), tls));
            assertEquals(0, awaited.code(), awaited.err() + serve.log() + worker.log());
            assertTrue(awaited.out().contains("comm_p"), awaited.out());

            // bob may not see alice's job; no token is refused; a worker token may not submit
            CliRunner bob = CliRunner.run(concat(List.of("await", jobId, "--coordinator", serve.address,
                    "--token-file", s + "bob.token"), tls));
            assertEquals(2, bob.code(), bob.err());
            assertTrue(bob.err().contains("no job " + jobId), bob.err());
            CliRunner none = CliRunner.run(concat(List.of("status", "--coordinator", serve.address), tls));
            assertNotEquals(0, none.code());
            assertTrue(none.err().contains("missing bearer token"), none.err());
            CliRunner asWorker = CliRunner.run(concat(List.of("submit", "commp", piece.toString(), "--coordinator",
                    serve.address, "--token-file", s + "worker-1.token"), tls));
            assertNotEquals(0, asWorker.code());
            assertTrue(asWorker.err().contains("ProverService/Submit is not allowed for role worker"), asWorker.err());
            // plaintext against the TLS port fails
            CliRunner plain = CliRunner.run("status", "--coordinator", serve.address, "--token-file", s + "ops.token");
            assertEquals(1, plain.code(), plain.err());

            for (String name : List.of("ops", "worker-1", "alice", "bob")) {
                String token = Files.readString(ops.resolve(name + ".token")).strip();
                for (String output : List.of(serve.log(), worker.log(), submitted.out() + submitted.err(),
                        awaited.out() + awaited.err(), none.err(), asWorker.err())) {
                    assertFalse(output.contains(token), name + "'s token was printed");
                }
            }
        }
    }

    private static String[] concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toArray(String[]::new);
    }
}
