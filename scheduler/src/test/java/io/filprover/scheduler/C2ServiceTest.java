package io.filprover.scheduler;

import com.google.protobuf.ByteString;
import io.filprover.api.RegisteredSealProof;
import io.filprover.proofs.params.CircuitIdentifiers;
import io.filprover.proofs.params.ParameterCache;
import io.filprover.proofs.porep.Commit1Files;
import io.filprover.proofs.porep.Phase1OutputJson;
import io.filprover.proto.v1.AwaitRequest;
import io.filprover.proto.v1.BlobRef;
import io.filprover.proto.v1.ErrorClass;
import io.filprover.proto.v1.Job;
import io.filprover.proto.v1.JobRequest;
import io.filprover.proto.v1.JobState;
import io.filprover.proto.v1.ListJobsRequest;
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
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SEAL_C2 through a real coordinator and worker over loopback gRPC, up to the parameter load: the
 * worker's parameter cache is an empty directory, so C2 fails there, retried then FAILED naming the
 * missing file. The proof itself is not made here: the real circuit's parameters take many minutes
 * to set up and there is no cheap test circuit for it (the CLI's prove c2 and the proofs module's
 * Commit2 tests cover it).
 */
class C2ServiceTest {
    private static final int ATTEMPTS = 2;

    @TempDir
    Path root;

    private final InMemoryJobStore store = new InMemoryJobStore(ATTEMPTS, 0);
    private Coordinator coordinator;
    private Worker worker;
    private ManagedChannel channel;
    private ProverServiceGrpc.ProverServiceBlockingStub client;
    private BlobClient blobs;

    private void start() throws IOException {
        coordinator = Coordinator.builder(store).listen(new HostPort("127.0.0.1", 0)).storageRoots(List.of(root))
                .lease(5_000, 200).pollMs(50).maxInlineBytes(128 << 10).build().start();
        channel = NettyChannelBuilder.forAddress("127.0.0.1", coordinator.port()).usePlaintext()
                .maxInboundMessageSize(2 << 20).build();
        client = ProverServiceGrpc.newBlockingStub(channel).withDeadlineAfter(120, TimeUnit.SECONDS);
        blobs = new BlobClient(channel);
        // results above 1 KiB travel as blobs: the 2 KiB sector's C1 output (about 100 KB) does
        worker = Worker.builder().channel(channel).name("local").storageRoots(List.of(root)).threads(2)
                .workDir(root.resolve("work")).parentCacheDir(root.resolve("parents")).grace(Duration.ZERO)
                .inlineResultBytes(1024).parameterCache(new ParameterCache(Files.createDirectories(root.resolve("no-params"))))
                .build().start();
    }

    @AfterEach
    void stop() {
        if (worker != null) {
            worker.stop();
        }
        if (coordinator != null) {
            coordinator.stop();
        }
        if (channel != null) {
            channel.shutdownNow();
        }
        store.close();
    }

    private Job prove(JobRequest.Builder r) {
        Job j = client.submit(SubmitRequest.newBuilder().setRequest(r).build()).getJob();
        return client.await(AwaitRequest.newBuilder().setJobId(j.getJobId()).build());
    }

    private static JobRequest.Builder c2(RegisteredSealProof proof, BlobRef blob) {
        return JobRequest.newBuilder().setSealC2(SealCommit2Request.newBuilder().setRegisteredSealProof(proof.id())
                .setC1OutputBlobId(blob.getBlobId()));
    }

    @Test
    void aSealedSectorsC2ReachesTheParameterLoadAndFailsNamingTheMissingFile() throws Exception {
        start();
        Random rnd = new Random();
        Path data = Files.write(root.resolve("staged"), randomBytes(rnd, 2032));
        Path cache = root.resolve("cache");
        Path replica = root.resolve("sealed");
        RegisteredSealProof proof = RegisteredSealProof.STACKED_DRG_2KIB_V1_1;
        SectorIdentity id = SectorIdentity.newBuilder().setProverId(fr(rnd)).setSectorId(1 + rnd.nextInt(1000))
                .setTicket(fr(rnd)).setRegisteredSealProof(proof.id()).build();
        Job pc1 = prove(JobRequest.newBuilder().setSealPc1(SealPreCommit1Request.newBuilder().setSector(id)
                .setDataPath(data.toString()).setCacheDir(cache.toString())));
        assertEquals(JobState.JOB_STATE_SUCCEEDED, pc1.getState(), pc1.toString());
        Job pc2 = prove(JobRequest.newBuilder().setSealPc2(SealPreCommit2Request.newBuilder()
                .setRegisteredSealProof(proof.id()).setCacheDir(cache.toString()).setReplicaPath(replica.toString())));
        assertEquals(JobState.JOB_STATE_SUCCEEDED, pc2.getState(), pc2.toString());
        Job c1 = prove(JobRequest.newBuilder().setSealC1(SealCommit1Request.newBuilder().setSector(id)
                .setSeed(fr(rnd)).setCacheDir(cache.toString()).setReplicaPath(replica.toString())));
        assertEquals(JobState.JOB_STATE_SUCCEEDED, c1.getState(), c1.toString());
        BlobRef c1Blob = c1.getResult().getSealC1().getC1OutputBlob();
        byte[] json = readAll(blobs.download(c1Blob.getBlobId()));

        String paramsFile = CircuitIdentifiers.of(proof).paramsFile();
        // the C1 job's own blob, and the same output in lotus-bench's wrapper uploaded as a blob of its own
        byte[] wrapped = Phase1OutputJson.encodeLotusBench(Commit1Files.decode(json).output(), id.getSectorId());
        BlobRef wrappedBlob = blobs.upload(new ByteArrayInputStream(wrapped), wrapped.length);
        for (BlobRef blob : List.of(c1Blob, wrappedBlob)) {
            Job c2 = prove(c2(proof, blob));
            assertMissingParams(c2, paramsFile);
        }
        // inline (within the 128 KiB limit here): decoded at submit, run the same way
        assertMissingParams(prove(JobRequest.newBuilder().setSealC2(SealCommit2Request.newBuilder()
                .setRegisteredSealProof(proof.id()).setC1Output(ByteString.copyFrom(json)))), paramsFile);

        // the wrapped blob is referenced by its C2 job only: a late sweep keeps it
        store.blobs().sweep(System.currentTimeMillis() + 3_600_000L, 60_000, 60_000);
        assertTrue(store.blobs().find(wrappedBlob.getBlobId()).isPresent(), "the C2 job's blob is kept");
    }

    @Test
    void aBlobThatIsNotACOneOutputOfTheNamedProofFailsOnTheWorkerAsInvalidInputOnce() throws Exception {
        start();
        byte[] json = C1Fixture.twoKiB();
        byte[] broken = new String(json, StandardCharsets.UTF_8).replace("\"seed\"", "\"seeds\"")
                .getBytes(StandardCharsets.UTF_8);
        BlobRef bad = blobs.upload(new ByteArrayInputStream(broken), broken.length);
        Job j = prove(c2(C1Fixture.PROOF, bad));
        assertEquals(JobState.JOB_STATE_FAILED, j.getState(), j.toString());
        assertEquals(ErrorClass.ERROR_CLASS_PERMANENT, j.getError().getErrorClass(), j.toString());
        assertEquals("INVALID_INPUT", j.getError().getKind());
        assertEquals("seal_c2.c1_output_blob_id", j.getError().getField());
        assertEquals("seal_c2.c1_output_blob_id: seed: missing field", j.getError().getMessage());
        assertEquals(1, j.getAttempts(), "bad input is not retried");

        // a good output named with another registered proof: the same check as at submit
        BlobRef good = blobs.upload(new ByteArrayInputStream(json), json.length);
        Job other = prove(c2(RegisteredSealProof.STACKED_DRG_2KIB_V1, good));
        assertEquals(JobState.JOB_STATE_FAILED, other.getState(), other.toString());
        assertEquals("INVALID_INPUT", other.getError().getKind());
        assertTrue(other.getError().getMessage().contains("StackedDrg2KiBV1_1 sector's"), other.getError().getMessage());
    }

    @Test
    void aBadInlineOutputIsRefusedAtSubmitWithTheDecodersPathAndNothingIsStored() throws Exception {
        start();
        byte[] json = C1Fixture.twoKiB();
        String text = new String(json, StandardCharsets.UTF_8);
        record Case(long proof, String output, String expected) { }
        List<Case> cases = List.of(
                new Case(5, text.replace("\"comm_r\"", "\"comm_x\""), "seal_c2.c1_output: comm_r: missing field"),
                new Case(5, "{\"registered_proof\":", "seal_c2.c1_output: "),
                new Case(0, text, "seal_c2.c1_output: the output is a StackedDrg2KiBV1_1 sector's (id 5), not"
                        + " registered_seal_proof StackedDrg2KiBV1 (id 0)"));
        for (Case c : cases) {
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> client.submit(SubmitRequest
                    .newBuilder().setRequest(JobRequest.newBuilder().setSealC2(SealCommit2Request.newBuilder()
                            .setRegisteredSealProof(c.proof()).setC1Output(ByteString.copyFromUtf8(c.output())))).build()));
            assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
            assertTrue(e.getStatus().getDescription().startsWith(c.expected()), e.getStatus().getDescription());
        }
        assertEquals(0, client.listJobs(ListJobsRequest.getDefaultInstance()).getJobsCount(), "nothing stored");
    }

    @Test
    void needsScaleWithTheSectorAndNameTheCircuitsParameters() {
        JobRequest small = JobRequest.newBuilder().setSealC2(SealCommit2Request.newBuilder()
                .setRegisteredSealProof(RegisteredSealProof.STACKED_DRG_2KIB_V1_1.id()).setC1OutputBlobId("a".repeat(64))).build();
        JobNeeds n = JobNeeds.of(small);
        assertEquals(JobNeeds.BASE + (1L << 30), n.ramBytes());
        assertEquals(0, n.gpuBytes(), "auto reserves no GPU memory");
        assertEquals(CircuitIdentifiers.of(RegisteredSealProof.STACKED_DRG_2KIB_V1_1).paramsFile(), n.params());
        assertTrue(n.params().endsWith(".params"), n.params());
        assertEquals(4L << 30, JobNeeds.of(small.toBuilder().setBackend("cuda").build()).gpuBytes());
        JobRequest big = small.toBuilder().setSealC2(small.getSealC2().toBuilder()
                .setRegisteredSealProof(RegisteredSealProof.STACKED_DRG_32GIB_V1_1.id())).build();
        assertEquals(JobNeeds.BASE + (192L << 30), JobNeeds.of(big).ramBytes());
        assertEquals(CircuitIdentifiers.of(RegisteredSealProof.STACKED_DRG_32GIB_V1_1).paramsFile(), JobNeeds.of(big).params());
    }

    private void assertMissingParams(Job c2, String paramsFile) {
        assertEquals(JobState.JOB_STATE_FAILED, c2.getState(), c2.toString());
        assertEquals(ErrorClass.ERROR_CLASS_TEMPORARY, c2.getError().getErrorClass(), "another worker may have the file");
        assertEquals("NOT_FOUND", c2.getError().getKind());
        assertEquals(ATTEMPTS, c2.getAttempts(), "retried, then FAILED");
        assertTrue(c2.getError().getMessage().contains("parameters not found: " + paramsFile), c2.getError().getMessage());
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    private static byte[] randomBytes(Random rnd, int n) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        return b;
    }

    private static ByteString fr(Random rnd) {
        byte[] b = randomBytes(rnd, 32);
        b[31] &= 0x3f;
        return ByteString.copyFrom(b);
    }
}
