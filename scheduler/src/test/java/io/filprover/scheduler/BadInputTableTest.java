package io.filprover.scheduler;

import com.google.protobuf.ByteString;
import io.filprover.proto.v1.CommPRequest;
import io.filprover.proto.v1.JobRequest;
import io.filprover.proto.v1.ListJobsRequest;
import io.filprover.proto.v1.PoStRequest;
import io.filprover.proto.v1.PoStSector;
import io.filprover.proto.v1.ProverServiceGrpc;
import io.filprover.proto.v1.SealCommit1Request;
import io.filprover.proto.v1.SealCommit2Request;
import io.filprover.proto.v1.SealPreCommit1Request;
import io.filprover.proto.v1.SealPreCommit2Request;
import io.filprover.proto.v1.SectorIdentity;
import io.filprover.proto.v1.SubmitRequest;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every field of every request kind, missing, of the wrong size, an unknown enum value, oversize, a C1
 * output that does not decode or is another proof's, an unknown blob, or a path outside the storage roots ({@code ..}, absolute elsewhere, relative, a symlink out):
 * INVALID_ARGUMENT whose description starts with the field, nothing stored, and the service keeps
 * serving (a good request is accepted afterwards).
 */
class BadInputTableTest {
    /** Above the 2 KiB sector's C1 output (about 100 KB), so the good C2 request goes inline. */
    static final int INLINE_LIMIT = 128 << 10;

    private static ByteString bytes(int n) {
        byte[] b = new byte[n];
        if (n > 0) {
            b[0] = 1;
        }
        return ByteString.copyFrom(b);
    }

    private static SectorIdentity sector() {
        return SectorIdentity.newBuilder().setProverId(bytes(32)).setSectorId(7).setTicket(bytes(32))
                .setRegisteredSealProof(5).build();
    }

    /** One valid request of each kind, its paths under {@code root}. */
    static Map<String, JobRequest> goodRequests(Path root) {
        String r = root.toString();
        Map<String, JobRequest> m = new LinkedHashMap<>();
        m.put("commp", JobRequest.newBuilder().setCommp(CommPRequest.newBuilder().setPath(r + "/piece")).build());
        m.put("seal_pc1", JobRequest.newBuilder().setSealPc1(SealPreCommit1Request.newBuilder().setSector(sector())
                .setDataPath(r + "/data").setCacheDir(r + "/cache").setParentCacheDir(r + "/parents")).build());
        m.put("seal_pc2", JobRequest.newBuilder().setSealPc2(SealPreCommit2Request.newBuilder().setRegisteredSealProof(5)
                .setCacheDir(r + "/cache").setReplicaPath(r + "/sealed")).build());
        m.put("seal_c1", JobRequest.newBuilder().setSealC1(SealCommit1Request.newBuilder().setSector(sector())
                .setSeed(bytes(32)).setCacheDir(r + "/cache").setReplicaPath(r + "/sealed")).build());
        PoStSector s = PoStSector.newBuilder().setSectorId(7).setCommR(bytes(32)).setCacheDir(r + "/cache")
                .setReplicaPath(r + "/sealed").build();
        m.put("window_post", JobRequest.newBuilder().setWindowPost(PoStRequest.newBuilder().setRegisteredPostProof(10)
                .setRandomness(bytes(32)).setProverId(bytes(32)).addSectors(s)).build());
        m.put("winning_post", JobRequest.newBuilder().setWinningPost(PoStRequest.newBuilder().setRegisteredPostProof(0)
                .setRandomness(bytes(32)).setProverId(bytes(32)).addSectors(s)).build());
        return m;
    }

    private record Row(String field, JobRequest request) {
    }

    @Test
    void everyBadFieldIsInvalidArgumentNamingItAndNothingIsStored(@TempDir Path base) throws IOException {
        Path root = Files.createDirectories(base.resolve("root"));
        Path outside = Files.createDirectories(base.resolve("outside"));
        Files.createSymbolicLink(root.resolve("link"), outside);
        Map<String, JobRequest> good = goodRequests(root);

        List<String> badPaths = List.of("", root + "/../outside/x", "/etc/passwd", "relative/x", root + "/link/x",
                root + "/link");
        List<Row> rows = new ArrayList<>();
        // a path field: every bad path
        BiFunction<String, Function<String, JobRequest>, Void> path = (field, set) -> {
            badPaths.forEach(p -> rows.add(new Row(field, set.apply(p))));
            return null;
        };
        // a 32-byte field: missing, 31 and 33 bytes
        BiFunction<String, Function<ByteString, JobRequest>, Void> b32 = (field, set) -> {
            for (int n : new int[] {0, 31, 33}) {
                rows.add(new Row(field, set.apply(bytes(n))));
            }
            return null;
        };

        JobRequest commp = good.get("commp");
        rows.add(new Row("payload", JobRequest.newBuilder().setRequestId("x").build()));
        rows.add(new Row("commp.source", JobRequest.newBuilder().setCommp(CommPRequest.getDefaultInstance()).build()));
        rows.add(new Row("commp.data", JobRequest.newBuilder().setCommp(CommPRequest.newBuilder().setData(ByteString.EMPTY)).build()));
        rows.add(new Row("commp.data", JobRequest.newBuilder().setCommp(CommPRequest.newBuilder()
                .setData(bytes(INLINE_LIMIT + 1))).build()));
        path.apply("commp.path", p -> JobRequest.newBuilder().setCommp(CommPRequest.newBuilder().setPath(p)).build());
        rows.add(new Row("request_id", commp.toBuilder().setRequestId("r".repeat(129)).build()));
        rows.add(new Row("request_id", commp.toBuilder().setRequestId("a\nb").build()));
        rows.add(new Row("priority", commp.toBuilder().setPriorityValue(99).build()));
        rows.add(new Row("deadline_unix_ms", commp.toBuilder().setDeadlineUnixMs(-1).build()));
        rows.add(new Row("backend", commp.toBuilder().setBackend("tpu").build()));
        rows.add(new Row("threads", commp.toBuilder().setThreads(5000).build()));

        JobRequest pc1 = good.get("seal_pc1");
        Function<SealPreCommit1Request.Builder, JobRequest> pc1With = b -> pc1.toBuilder().setSealPc1(b).build();
        rows.add(new Row("seal_pc1.sector", pc1With.apply(pc1.getSealPc1().toBuilder().clearSector())));
        b32.apply("seal_pc1.sector.prover_id", v -> pc1With.apply(pc1.getSealPc1().toBuilder()
                .setSector(sector().toBuilder().setProverId(v))));
        b32.apply("seal_pc1.sector.ticket", v -> pc1With.apply(pc1.getSealPc1().toBuilder()
                .setSector(sector().toBuilder().setTicket(v))));
        rows.add(new Row("seal_pc1.sector.registered_seal_proof", pc1With.apply(pc1.getSealPc1().toBuilder()
                .setSector(sector().toBuilder().setRegisteredSealProof(99)))));
        path.apply("seal_pc1.data_path", p -> pc1With.apply(pc1.getSealPc1().toBuilder().setDataPath(p)));
        path.apply("seal_pc1.cache_dir", p -> pc1With.apply(pc1.getSealPc1().toBuilder().setCacheDir(p)));
        badPaths.stream().filter(p -> !p.isEmpty()).forEach(p -> rows.add(new Row("seal_pc1.parent_cache_dir",
                pc1With.apply(pc1.getSealPc1().toBuilder().setParentCacheDir(p)))));
        rows.add(new Row("seal_pc1.layers", pc1With.apply(pc1.getSealPc1().toBuilder().setLayers(3))));

        JobRequest pc2 = good.get("seal_pc2");
        Function<SealPreCommit2Request.Builder, JobRequest> pc2With = b -> pc2.toBuilder().setSealPc2(b).build();
        rows.add(new Row("seal_pc2.registered_seal_proof", pc2With.apply(pc2.getSealPc2().toBuilder().setRegisteredSealProof(20))));
        path.apply("seal_pc2.cache_dir", p -> pc2With.apply(pc2.getSealPc2().toBuilder().setCacheDir(p)));
        path.apply("seal_pc2.replica_path", p -> pc2With.apply(pc2.getSealPc2().toBuilder().setReplicaPath(p)));
        rows.add(new Row("seal_pc2.layers", pc2With.apply(pc2.getSealPc2().toBuilder().setLayers(99))));

        // C2's source is bytes or a blob, no paths: its good request is added here, not in goodRequests
        byte[] c1Json = C1Fixture.twoKiB();
        SealCommit2Request c2Good = SealCommit2Request.newBuilder().setRegisteredSealProof(C1Fixture.PROOF.id())
                .setC1Output(ByteString.copyFrom(c1Json)).build();
        good.put("seal_c2", JobRequest.newBuilder().setSealC2(c2Good).build());
        Function<SealCommit2Request.Builder, JobRequest> c2With = b -> JobRequest.newBuilder().setSealC2(b).build();
        rows.add(new Row("seal_c2.registered_seal_proof", c2With.apply(c2Good.toBuilder().setRegisteredSealProof(20))));
        rows.add(new Row("seal_c2.c1", c2With.apply(c2Good.toBuilder().clearC1())));
        rows.add(new Row("seal_c2.c1_output", c2With.apply(c2Good.toBuilder().setC1Output(bytes(INLINE_LIMIT + 1)))));
        for (String bad : List.of("", "{", "[]", "{\"registered_proof\": 5}", new String(c1Json, StandardCharsets.UTF_8)
                .replace("\"comm_r\"", "\"comm_x\""))) {
            rows.add(new Row("seal_c2.c1_output", c2With.apply(c2Good.toBuilder().setC1Output(ByteString.copyFromUtf8(bad)))));
        }
        // a valid output of another registered proof (2 KiB V1, id 0) than the one named
        rows.add(new Row("seal_c2.c1_output", c2With.apply(c2Good.toBuilder().setRegisteredSealProof(0))));
        for (String id : List.of("", "not-a-blob", "A".repeat(64), "a".repeat(64))) {
            rows.add(new Row("seal_c2.c1_output_blob_id", c2With.apply(c2Good.toBuilder().setC1OutputBlobId(id))));
        }

        JobRequest c1 = good.get("seal_c1");
        Function<SealCommit1Request.Builder, JobRequest> c1With = b -> c1.toBuilder().setSealC1(b).build();
        rows.add(new Row("seal_c1.sector", c1With.apply(c1.getSealC1().toBuilder().clearSector())));
        b32.apply("seal_c1.sector.prover_id", v -> c1With.apply(c1.getSealC1().toBuilder()
                .setSector(sector().toBuilder().setProverId(v))));
        b32.apply("seal_c1.sector.ticket", v -> c1With.apply(c1.getSealC1().toBuilder()
                .setSector(sector().toBuilder().setTicket(v))));
        rows.add(new Row("seal_c1.sector.registered_seal_proof", c1With.apply(c1.getSealC1().toBuilder()
                .setSector(sector().toBuilder().setRegisteredSealProof(-1L)))));
        b32.apply("seal_c1.seed", v -> c1With.apply(c1.getSealC1().toBuilder().setSeed(v)));
        path.apply("seal_c1.cache_dir", p -> c1With.apply(c1.getSealC1().toBuilder().setCacheDir(p)));
        path.apply("seal_c1.replica_path", p -> c1With.apply(c1.getSealC1().toBuilder().setReplicaPath(p)));
        rows.add(new Row("seal_c1.layers", c1With.apply(c1.getSealC1().toBuilder().setLayers(5))));

        for (String name : List.of("window_post", "winning_post")) {
            JobRequest post = good.get(name);
            PoStRequest p0 = name.equals("window_post") ? post.getWindowPost() : post.getWinningPost();
            Function<PoStRequest.Builder, JobRequest> with = b -> name.equals("window_post")
                    ? post.toBuilder().setWindowPost(b).build() : post.toBuilder().setWinningPost(b).build();
            rows.add(new Row(name + ".registered_post_proof", with.apply(p0.toBuilder().setRegisteredPostProof(15))));
            rows.add(new Row(name + ".registered_post_proof", with.apply(p0.toBuilder()
                    .setRegisteredPostProof(name.equals("window_post") ? 0 : 10))));
            b32.apply(name + ".randomness", v -> with.apply(p0.toBuilder().setRandomness(v)));
            b32.apply(name + ".prover_id", v -> with.apply(p0.toBuilder().setProverId(v)));
            rows.add(new Row(name + ".sectors", with.apply(p0.toBuilder().clearSectors())));
            PoStSector s = p0.getSectors(0);
            List<PoStSector> many = new ArrayList<>();
            for (int i = 0; i < RequestValidator.MAX_SECTORS + 1; i++) {
                many.add(s);
            }
            rows.add(new Row(name + ".sectors", with.apply(p0.toBuilder().addAllSectors(many))));
            b32.apply(name + ".sectors[1].comm_r", v -> with.apply(p0.toBuilder().addSectors(s.toBuilder().setCommR(v))));
            path.apply(name + ".sectors[0].cache_dir", v -> with.apply(p0.toBuilder().setSectors(0, s.toBuilder().setCacheDir(v))));
            path.apply(name + ".sectors[0].replica_path", v -> with.apply(p0.toBuilder().setSectors(0, s.toBuilder().setReplicaPath(v))));
            if (name.equals("winning_post")) {
                rows.add(new Row(name + ".partition", with.apply(p0.toBuilder().setPartition(1))));
            }
        }

        InMemoryJobStore store = new InMemoryJobStore();
        String server = "bad-input-" + UUID.randomUUID();
        try (Coordinator c = Coordinator.builder(store).inProcess(server).storageRoots(List.of(root))
                .maxInlineBytes(INLINE_LIMIT).build().start()) {
            ManagedChannel ch = InProcessChannelBuilder.forName(server).build();
            try {
                ProverServiceGrpc.ProverServiceBlockingStub client = ProverServiceGrpc.newBlockingStub(ch);
                List<String> wrong = new ArrayList<>();
                for (Row row : rows) {
                    try {
                        client.submit(SubmitRequest.newBuilder().setRequest(row.request()).build());
                        wrong.add(row.field() + ": accepted " + row.request());
                    } catch (StatusRuntimeException e) {
                        String d = String.valueOf(e.getStatus().getDescription());
                        if (e.getStatus().getCode() != Status.Code.INVALID_ARGUMENT || !d.startsWith(row.field() + ": ")) {
                            wrong.add(row.field() + ": got " + e.getStatus());
                        }
                    }
                }
                assertTrue(wrong.isEmpty(), wrong.size() + " of " + rows.size() + " rows wrong:\n" + String.join("\n", wrong));
                assertTrue(rows.size() > 100, "rows: " + rows.size());
                assertEquals(0, client.listJobs(ListJobsRequest.getDefaultInstance()).getJobsCount(), "nothing stored");
                // the service keeps serving: each good request is accepted
                for (JobRequest g : good.values()) {
                    client.submit(SubmitRequest.newBuilder().setRequest(g).build());
                }
                assertEquals(good.size(), client.listJobs(ListJobsRequest.getDefaultInstance()).getJobsCount());
                StatusRuntimeException missing = org.junit.jupiter.api.Assertions.assertThrows(StatusRuntimeException.class,
                        () -> client.submit(SubmitRequest.getDefaultInstance()));
                assertEquals(Status.Code.INVALID_ARGUMENT, missing.getStatus().getCode());
            } finally {
                ch.shutdownNow();
            }
        }
    }
}
