package io.filprover.scheduler;

import io.filprover.api.Commitment;
import io.filprover.api.job.CancellationToken;
import io.filprover.api.job.JobContext;
import io.filprover.api.kernels.Backends;
import io.filprover.proofs.api.CommitmentStages;
import io.filprover.proofs.commitment.PieceCommitments;
import io.filprover.proofs.commitment.StreamingTreeHasher;
import io.filprover.scheduler.store.JobStores;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The gRPC contract from outside Java: {@code src/test/node/commp-client.mjs} (Node, {@code @grpc/grpc-js}
 * with {@code @grpc/proto-loader} reading the {@code .proto} files, no generated code) submits a COMMP
 * job with inline data to an {@link EmbeddedService} over loopback and awaits it; its answer must equal
 * comm_p computed directly. {@code .ci/run} installs the client's {@code node_modules} and sets
 * {@code FILPROVER_TEST_NODE_REQUIRED=1}; elsewhere the test is skipped when node or the modules are absent.
 */
class NodeClientTest {
    private static final Path NODE_DIR = Path.of("src/test/node").toAbsolutePath();
    private static final Path PROTO_ROOT = Path.of("../proto/src/main/proto").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void aNodeClientSubmitsAndAwaitsACommPJob() throws Exception {
        String node = nodeOrSkip();
        long seed = new SplittableRandom().nextLong();
        SplittableRandom random = new SplittableRandom(seed);
        byte[] piece = new byte[2048 + random.nextInt(6 * 1024)];
        random.nextBytes(piece);
        Path file = Files.write(dir.resolve("piece.bin"), piece);
        PieceCommitments.Result expected = direct(piece);
        String why = "seed " + seed + ", " + piece.length + " bytes";

        try (EmbeddedService service = EmbeddedService.start(JobStores.embedded(dir.resolve("db")),
                new HostPort("127.0.0.1", 0), List.of(dir), 2, 2, Backends.discover(), dir.resolve("work"),
                dir.resolve("parents"))) {
            String requestId = "node-" + UUID.randomUUID();
            String first = runClient(node, service.address(), file, requestId);
            String second = runClient(node, service.address(), file, requestId);

            for (String out : List.of(first, second)) {
                assertEquals("JOB_STATE_SUCCEEDED", field(out, "state"), out + " (" + why + ")");
                assertEquals(HexFormat.of().formatHex(expected.commP().bytes()), field(out, "comm_p"), out + " (" + why + ")");
                assertEquals(expected.commP().toCid(Commitment.Kind.UNSEALED), field(out, "cid"), out);
                assertEquals(Long.toString(expected.paddedSize().bytes()), field(out, "padded_size"), out);
            }
            assertEquals("true", field(first, "created"), first);
            assertEquals("false", field(second, "created"), "the same request id again: " + second);
            assertEquals(field(first, "job_id"), field(second, "job_id"), "the same request id names the same job");
        }
    }

    /** The node binary, when node and the client's node_modules are there; otherwise skip (or fail on CI). */
    private static String nodeOrSkip() {
        String node = null;
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path p = Path.of(d.isEmpty() ? "." : d, "node");
            if (Files.isExecutable(p)) {
                node = p.toString();
                break;
            }
        }
        String why = null;
        if (node == null) {
            why = "node is not on the PATH";
        } else if (!Files.isDirectory(NODE_DIR.resolve("node_modules/@grpc/grpc-js"))
                || !Files.isDirectory(NODE_DIR.resolve("node_modules/@grpc/proto-loader"))) {
            why = "no node_modules in " + NODE_DIR + " (run npm install --no-audit --no-fund there; .ci/run does)";
        }
        if (why != null) {
            if ("1".equals(System.getenv("FILPROVER_TEST_NODE_REQUIRED"))) {
                fail(why + ", and FILPROVER_TEST_NODE_REQUIRED=1");
            }
            Assumptions.abort(why);
        }
        return node;
    }

    private String runClient(String node, String address, Path piece, String requestId) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(node, "commp-client.mjs", address, PROTO_ROOT.toString(),
                piece.toString(), requestId));
        Path log = Files.createTempFile(dir, "node", ".log");
        Process p = new ProcessBuilder(cmd).directory(NODE_DIR.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("the node client did not end within 120 s: " + Files.readString(log));
        }
        String out = Files.readString(log, StandardCharsets.UTF_8).strip();
        assertEquals(0, p.exitValue(), "node client: " + out);
        String[] lines = out.split("\n");
        String json = lines[lines.length - 1];
        assertTrue(json.startsWith("{") && json.endsWith("}"), "one JSON line expected: " + out);
        return json;
    }

    /** A field of the client's flat JSON line: strings without escapes, numbers, booleans, null. */
    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\":(\"([^\"\\\\]*)\"|[^,}]*)").matcher(json);
        if (!m.find()) {
            fail("no " + name + " in " + json);
        }
        return m.group(2) != null ? m.group(2) : m.group(1);
    }

    private static PieceCommitments.Result direct(byte[] data) throws IOException {
        try (JobContext ctx = JobContext.open(Backends.discover(), "cpu", 2, null, CancellationToken.create(), null)) {
            return CommitmentStages.commP(new ByteArrayInputStream(data), ctx, StreamingTreeHasher.Progress.NONE);
        }
    }
}
