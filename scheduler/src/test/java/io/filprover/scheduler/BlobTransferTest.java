package io.filprover.scheduler;

import com.google.protobuf.ByteString;
import io.filprover.api.RegisteredPoStProof;
import io.filprover.api.RegisteredSealProof;
import io.filprover.api.job.CancellationToken;
import io.filprover.api.job.JobContext;
import io.filprover.api.kernels.Backends;
import io.filprover.proofs.api.CommitmentStages;
import io.filprover.proofs.commitment.PieceCommitments;
import io.filprover.proofs.commitment.StreamingTreeHasher;
import io.filprover.proofs.porep.Commit1;
import io.filprover.proofs.porep.Commit1Files;
import io.filprover.proofs.porep.PoRepVerifier;
import io.filprover.proofs.post.VanillaPoStCodec;
import io.filprover.proofs.post.VanillaPoStVerifier;
import io.filprover.proto.v1.AwaitRequest;
import io.filprover.proto.v1.BlobRef;
import io.filprover.proto.v1.BlobServiceGrpc;
import io.filprover.proto.v1.CommPRequest;
import io.filprover.proto.v1.Job;
import io.filprover.proto.v1.JobRequest;
import io.filprover.proto.v1.JobState;
import io.filprover.proto.v1.PoStRequest;
import io.filprover.proto.v1.PoStSector;
import io.filprover.proto.v1.ProverServiceGrpc;
import io.filprover.proto.v1.SealCommit1Request;
import io.filprover.proto.v1.SealPreCommit1Request;
import io.filprover.proto.v1.SealPreCommit2Request;
import io.filprover.proto.v1.SectorIdentity;
import io.filprover.proto.v1.SubmitRequest;
import io.filprover.proto.v1.UploadHeader;
import io.filprover.proto.v1.UploadRequest;
import io.filprover.scheduler.store.BlobStore;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Payloads past the message limit, over loopback gRPC: a piece uploaded in chunks and named by blob id, large results
 * stored as blobs and downloaded, and uploads that are not what they say refused with nothing stored.
 * The coordinator's message limit is set low (64 KiB inline, so about 1 MiB a message) to make the
 * payloads here several times larger than one message.
 */
class BlobTransferTest {
    private static final int INLINE = 64 << 10;

    @TempDir
    Path root;

    private final InMemoryJobStore store = new InMemoryJobStore();
    private Coordinator coordinator;
    private Worker worker;
    private ManagedChannel channel;
    private ProverServiceGrpc.ProverServiceBlockingStub client;
    private BlobClient blobs;

    private void start(int inlineResultBytes) throws IOException {
        coordinator = Coordinator.builder(store).listen(new HostPort("127.0.0.1", 0)).storageRoots(List.of(root))
                .lease(5_000, 200).pollMs(50).maxInlineBytes(INLINE).maxBlobBytes(8L << 20).build().start();
        // loopback Netty, so the message limit is enforced as in production (in-process calls skip it)
        channel = NettyChannelBuilder.forAddress("127.0.0.1", coordinator.port()).usePlaintext()
                .maxInboundMessageSize(INLINE + (1 << 20)).build();
        client = ProverServiceGrpc.newBlockingStub(channel).withDeadlineAfter(120, TimeUnit.SECONDS);
        blobs = new BlobClient(channel);
        worker = Worker.builder().channel(channel).name("local").storageRoots(List.of(root)).threads(2)
                .workDir(root.resolve("work")).parentCacheDir(root.resolve("parents")).grace(Duration.ZERO)
                .inlineResultBytes(inlineResultBytes).build().start();
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

    private static String sha256Hex(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Test
    void aPieceUploadedInChunksGivesTheCommPOfADirectComputation() throws Exception {
        start(JobRunner.INLINE_RESULT_BYTES);
        long seed = new Random().nextLong();
        Random rnd = new Random(seed);
        byte[] piece = new byte[(5 << 19) + rnd.nextInt(1 << 20)]; // 2.5 to 3.5 MiB: three or four messages
        rnd.nextBytes(piece);

        BlobRef ref = blobs.upload(new ByteArrayInputStream(piece), piece.length);
        assertEquals(sha256Hex(piece), ref.getBlobId(), "the id is the bytes' SHA-256");
        assertEquals(piece.length, ref.getSize());
        assertEquals(ref, blobs.upload(new ByteArrayInputStream(piece), piece.length), "the same bytes are one blob");
        // the piece does not fit one message: inline it is refused by the transport itself
        StatusRuntimeException tooBig = assertThrows(StatusRuntimeException.class, () -> client.submit(SubmitRequest
                .newBuilder().setRequest(JobRequest.newBuilder().setCommp(CommPRequest.newBuilder()
                        .setData(ByteString.copyFrom(piece)))).build()));
        assertEquals(Status.Code.RESOURCE_EXHAUSTED, tooBig.getStatus().getCode(), tooBig.toString());

        Job job = prove(JobRequest.newBuilder().setCommp(CommPRequest.newBuilder().setBlobId(ref.getBlobId())));
        assertEquals(JobState.JOB_STATE_SUCCEEDED, job.getState(), job.toString());
        PieceCommitments.Result expected;
        try (JobContext ctx = JobContext.open(Backends.discover(), "cpu", 2, null, CancellationToken.create(), null)) {
            expected = CommitmentStages.commP(new ByteArrayInputStream(piece), ctx, StreamingTreeHasher.Progress.NONE);
        }
        assertArrayEquals(expected.commP().bytes(), job.getResult().getCommp().getCommP().toByteArray(), "seed " + seed);
        assertEquals(expected.unpaddedSize().bytes(), job.getResult().getCommp().getUnpaddedSize());

        // read back whole and from an offset
        try (BlobClient.Download d = blobs.download(ref.getBlobId())) {
            assertEquals(piece.length, d.size());
            assertArrayEquals(piece, d.readAllBytes());
        }
        long offset = 1 + rnd.nextInt(piece.length - 1);
        Iterable<io.filprover.proto.v1.BlobChunk> part = () -> BlobServiceGrpc.newBlockingStub(channel)
                .download(io.filprover.proto.v1.DownloadRequest.newBuilder().setBlobId(ref.getBlobId()).setOffset(offset).build());
        java.io.ByteArrayOutputStream tail = new java.io.ByteArrayOutputStream();
        part.forEach(c -> tail.writeBytes(c.getData().toByteArray()));
        assertArrayEquals(Arrays.copyOfRange(piece, (int) offset, piece.length), tail.toByteArray());

        // referenced by its job: a sweep long after keeps it; an unreferenced blob goes
        byte[] other = Arrays.copyOf(piece, 1000);
        BlobRef orphan = blobs.upload(new ByteArrayInputStream(other), other.length);
        BlobStore.Sweep s = store.blobs().sweep(System.currentTimeMillis() + 3_600_000L, 60_000, 60_000);
        assertEquals(1, s.blobs());
        assertTrue(store.blobs().find(ref.getBlobId()).isPresent());
        assertTrue(store.blobs().find(orphan.getBlobId()).isEmpty());
    }

    @Test
    void unknownOrMalformedBlobIdsAreInvalidArgumentsNamingTheField() throws IOException {
        start(JobRunner.INLINE_RESULT_BYTES);
        for (String id : List.of("a".repeat(64), "not-a-blob", "A".repeat(64))) {
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> client.submit(SubmitRequest
                    .newBuilder().setRequest(JobRequest.newBuilder().setCommp(CommPRequest.newBuilder().setBlobId(id))).build()));
            assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
            assertTrue(e.getStatus().getDescription().startsWith("commp.blob_id: "), e.getStatus().getDescription());
        }
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> blobs.download("b".repeat(64)).close());
        assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode());
    }

    /** Sends raw upload messages; the status the coordinator answers with (OK: the stored blob's id). */
    private Status rawUpload(Consumer<StreamObserver<UploadRequest>> send) throws Exception {
        CompletableFuture<Status> done = new CompletableFuture<>();
        StreamObserver<UploadRequest> req = BlobServiceGrpc.newStub(channel).upload(new StreamObserver<>() {
            @Override public void onNext(BlobRef r) { }
            @Override public void onError(Throwable t) { done.complete(Status.fromThrowable(t)); }
            @Override public void onCompleted() { done.complete(Status.OK); }
        });
        send.accept(req);
        req.onCompleted();
        return done.get(30, TimeUnit.SECONDS);
    }

    private static UploadRequest header(long size, byte[] sha) {
        UploadHeader.Builder h = UploadHeader.newBuilder().setSize(size);
        if (sha != null) {
            h.setSha256(ByteString.copyFrom(sha));
        }
        return UploadRequest.newBuilder().setHeader(h).build();
    }

    private static UploadRequest chunk(byte[] b) {
        return UploadRequest.newBuilder().setChunk(ByteString.copyFrom(b)).build();
    }

    @Test
    void uploadsThatAreNotWhatTheySayAreRefusedAndStoreNothing() throws Exception {
        start(JobRunner.INLINE_RESULT_BYTES);
        byte[] data = new byte[3000 + new Random().nextInt(3000)];
        new Random().nextBytes(data);
        byte[] sha = MessageDigest.getInstance("SHA-256").digest(data);
        byte[] wrongSha = sha.clone();
        wrongSha[7] ^= 1;
        record Case(String field, Consumer<StreamObserver<UploadRequest>> send) { }
        List<Case> cases = List.of(
                new Case("header", r -> r.onNext(chunk(data))),
                new Case("header", r -> { }),
                new Case("header.size", r -> r.onNext(header(0, null))),
                new Case("header.size", r -> r.onNext(header(9L << 20, null))),
                new Case("header.sha256", r -> r.onNext(UploadRequest.newBuilder().setHeader(UploadHeader.newBuilder()
                        .setSize(data.length).setSha256(ByteString.copyFrom(new byte[5]))).build())),
                new Case("header", r -> { r.onNext(header(data.length, null)); r.onNext(header(data.length, null)); }),
                new Case("chunk", r -> { r.onNext(header(data.length - 1, null)); r.onNext(chunk(data)); }),
                new Case("chunk", r -> { r.onNext(header(data.length + 1, null)); r.onNext(chunk(data)); }),
                new Case("header.sha256", r -> { r.onNext(header(data.length, wrongSha)); r.onNext(chunk(data)); }));
        for (Case c : cases) {
            Status s = rawUpload(c.send());
            assertEquals(Status.Code.INVALID_ARGUMENT, s.getCode(), c.field() + ": " + s);
            assertTrue(s.getDescription().startsWith(c.field() + ": "), s.getDescription());
        }
        assertTrue(store.blobs().find(HexFormat.of().formatHex(sha)).isEmpty(), "no refused upload stored a blob");
        assertEquals(new BlobStore.Sweep(0, 0), store.blobs().sweep(System.currentTimeMillis() + 3_600_000L, 1, 1),
                "no refused upload left chunks behind");
        // the service keeps serving: the right upload with its digest is stored
        assertEquals(Status.Code.OK, rawUpload(r -> { r.onNext(header(data.length, sha)); r.onNext(chunk(data)); }).getCode());
        assertTrue(store.blobs().find(HexFormat.of().formatHex(sha)).isPresent());
    }

    @Test
    void largeResultsTravelAsBlobsAndReadBackToVerifiedProofs() throws Exception {
        start(1024); // a 2 KiB sector's C1 output and PoSt proofs are larger than this
        Random rnd = new Random();
        byte[] sector = new byte[2032]; // the unpadded bytes of a 2 KiB sector
        rnd.nextBytes(sector);
        Path data = Files.write(root.resolve("staged"), sector);
        Path cache = root.resolve("cache");
        Path replica = root.resolve("sealed");
        RegisteredSealProof proof = RegisteredSealProof.STACKED_DRG_2KIB_V1_1;
        SectorIdentity id = SectorIdentity.newBuilder().setProverId(random32(rnd)).setSectorId(1 + rnd.nextInt(1000))
                .setTicket(random32(rnd)).setRegisteredSealProof(proof.id()).build();
        Job pc1 = prove(JobRequest.newBuilder().setSealPc1(SealPreCommit1Request.newBuilder().setSector(id)
                .setDataPath(data.toString()).setCacheDir(cache.toString())));
        assertEquals(JobState.JOB_STATE_SUCCEEDED, pc1.getState(), pc1.toString());
        Job pc2 = prove(JobRequest.newBuilder().setSealPc2(SealPreCommit2Request.newBuilder()
                .setRegisteredSealProof(proof.id()).setCacheDir(cache.toString()).setReplicaPath(replica.toString())));
        assertEquals(JobState.JOB_STATE_SUCCEEDED, pc2.getState(), pc2.toString());
        byte[] commR = pc2.getResult().getSealPc2().getCommR().toByteArray();

        Job c1 = prove(JobRequest.newBuilder().setSealC1(SealCommit1Request.newBuilder().setSector(id)
                .setSeed(random32(rnd)).setCacheDir(cache.toString()).setReplicaPath(replica.toString())));
        assertEquals(JobState.JOB_STATE_SUCCEEDED, c1.getState(), c1.toString());
        var c1Result = c1.getResult().getSealC1();
        assertTrue(c1Result.getC1Output().isEmpty(), "the output travelled as a blob");
        byte[] json = readAll(blobs.download(c1Result.getC1OutputBlob().getBlobId()));
        assertEquals(c1Result.getC1OutputBlob().getSize(), json.length);
        Commit1Files.Loaded loaded = Commit1Files.decode(json);
        assertEquals(Commit1Files.Format.UPSTREAM, loaded.format(), "a 2KiB sector of a registered proof: upstream JSON");
        Commit1.Output out = loaded.output();
        assertTrue(PoRepVerifier.verify(out).valid(), "the downloaded C1 output verifies");
        assertArrayEquals(commR, out.commR());

        byte[] randomness = random32(rnd).toByteArray();
        randomness[31] &= 0x3f;
        RegisteredPoStProof window = RegisteredPoStProof.STACKED_DRG_WINDOW_2KIB_V1_2;
        Job post = prove(JobRequest.newBuilder().setWindowPost(PoStRequest.newBuilder().setRegisteredPostProof(window.id())
                .setRandomness(ByteString.copyFrom(randomness)).setProverId(id.getProverId())
                .addSectors(PoStSector.newBuilder().setSectorId(id.getSectorId()).setCommR(ByteString.copyFrom(commR))
                        .setCacheDir(cache.toString()).setReplicaPath(replica.toString()))));
        assertEquals(JobState.JOB_STATE_SUCCEEDED, post.getState(), post.toString());
        assertTrue(post.getResult().getPost().getProofs().isEmpty());
        byte[] proofs = readAll(blobs.download(post.getResult().getPost().getProofsBlob().getBlobId()));
        assertTrue(new VanillaPoStVerifier().verify(window, randomness, id.getSectorId(), commR, 0,
                VanillaPoStCodec.decode(proofs)).valid(), "the downloaded PoSt proofs verify");
        // both result blobs belong to their jobs: a late sweep keeps them
        store.blobs().sweep(System.currentTimeMillis() + 3_600_000L, 60_000, 60_000);
        assertTrue(store.blobs().find(c1Result.getC1OutputBlob().getBlobId()).isPresent());
        assertTrue(store.blobs().find(post.getResult().getPost().getProofsBlob().getBlobId()).isPresent());
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    private static ByteString random32(Random rnd) {
        byte[] b = new byte[32];
        rnd.nextBytes(b);
        b[31] &= 0x3f;
        return ByteString.copyFrom(b);
    }
}
