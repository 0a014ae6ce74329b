package io.filprover.scheduler;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import io.filprover.api.job.CancellationToken;
import io.filprover.api.job.JobContext;
import io.filprover.api.kernels.Backends;
import io.filprover.proofs.api.CommitmentStages;
import io.filprover.proofs.commitment.PieceCommitments;
import io.filprover.proofs.commitment.StreamingTreeHasher;
import io.filprover.proto.v1.Assignment;
import io.filprover.proto.v1.AwaitRequest;
import io.filprover.proto.v1.CancelRequest;
import io.filprover.proto.v1.CommPRequest;
import io.filprover.proto.v1.CompleteRequest;
import io.filprover.proto.v1.ErrorClass;
import io.filprover.proto.v1.GetJobRequest;
import io.filprover.proto.v1.GetStatusRequest;
import io.filprover.proto.v1.Job;
import io.filprover.proto.v1.JobKind;
import io.filprover.proto.v1.JobRequest;
import io.filprover.proto.v1.JobResult;
import io.filprover.proto.v1.JobState;
import io.filprover.proto.v1.LeaseRequest;
import io.filprover.proto.v1.ListJobsRequest;
import io.filprover.proto.v1.Priority;
import io.filprover.proto.v1.ProverServiceGrpc;
import io.filprover.proto.v1.RegisterRequest;
import io.filprover.proto.v1.StatusResponse;
import io.filprover.proto.v1.SubmitRequest;
import io.filprover.proto.v1.SubmitResponse;
import io.filprover.proto.v1.WorkerInfo;
import io.filprover.proto.v1.WorkerServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The coordinator and a worker in one JVM over in-process gRPC (and once over loopback Netty). */
class CoordinatorServiceTest {
    @TempDir
    Path root;

    private final InMemoryJobStore store = new InMemoryJobStore();
    private Coordinator coordinator;
    private Worker worker;
    private ManagedChannel channel;
    private ProverServiceGrpc.ProverServiceBlockingStub client;

    private void start(CoordinatorConfig b, boolean withWorker) throws IOException {
        String name = "coordinator-" + UUID.randomUUID();
        coordinator = b.store(store).inProcess(name).storageRoots(List.of(root)).lease(2_000, 100).pollMs(50).build().start();
        channel = InProcessChannelBuilder.forName(name).build();
        client = ProverServiceGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS);
        if (withWorker) {
            worker = Worker.builder().channel(channel).name("local").storageRoots(List.of(root)).threads(2)
                    .workDir(root.resolve("work")).grace(Duration.ZERO).build().start();
        }
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
    }

    private static PieceCommitments.Result direct(byte[] data) throws IOException {
        try (JobContext ctx = JobContext.open(Backends.discover(), "cpu", 2, null, CancellationToken.create(), null)) {
            return CommitmentStages.commP(new ByteArrayInputStream(data), ctx, StreamingTreeHasher.Progress.NONE);
        }
    }

    private static JobRequest commp(byte[] data) {
        return JobRequest.newBuilder().setCommp(CommPRequest.newBuilder().setData(ByteString.copyFrom(data))).build();
    }

    private Job submitAndAwait(JobRequest r) {
        Job j = client.submit(SubmitRequest.newBuilder().setRequest(r).build()).getJob();
        return client.await(AwaitRequest.newBuilder().setJobId(j.getJobId()).build());
    }

    @Test
    void aCommPJobLeasedByAWorkerEqualsTheDirectComputation() throws IOException {
        start(Coordinator.builder(store), true);
        byte[] data = new byte[100_000 + new Random().nextInt(50_000)];
        new Random().nextBytes(data);
        PieceCommitments.Result expected = direct(data);

        Job inline = submitAndAwait(commp(data));
        assertEquals(JobState.JOB_STATE_SUCCEEDED, inline.getState(), inline.toString());
        assertArrayEquals(expected.commP().bytes(), inline.getResult().getCommp().getCommP().toByteArray());
        assertEquals(expected.paddedSize().bytes(), inline.getResult().getCommp().getPaddedSize());
        assertEquals(Priority.PRIORITY_LOW, inline.getPriority(), "comm_p defaults to LOW");
        assertEquals(worker.id(), inline.getWorkerId());
        Set<String> stages = inline.getResult().getTimingsList().stream().map(t -> t.getStage()).collect(Collectors.toSet());
        assertEquals(Set.of("queue_wait", "tree_hashing", "total"), stages);
        assertEquals("cpu", inline.getResult().getTimings(1).getBackend());

        Path file = Files.write(root.resolve("piece.bin"), data);
        Job byPath = submitAndAwait(JobRequest.newBuilder()
                .setCommp(CommPRequest.newBuilder().setPath(file.toString())).build());
        assertEquals(JobState.JOB_STATE_SUCCEEDED, byPath.getState(), byPath.toString());
        assertEquals(inline.getResult().getCommp().getCommP(), byPath.getResult().getCommp().getCommP());
        assertEquals(expected.commP().toCid(io.filprover.api.Commitment.Kind.UNSEALED), byPath.getResult().getCommp().getCid());

        StatusResponse status = client.getStatus(GetStatusRequest.getDefaultInstance());
        assertEquals(1, status.getWorkersCount());
        assertTrue(status.getWorkers(0).getInfo().getDevicesList().stream().anyMatch(d -> d.getBackend().equals("cpu")));
        assertEquals(Coordinator.RUNNABLE_KINDS, Set.copyOf(status.getKindsList()), "every kind, C2 included, is advertised");
    }

    @Test
    void theSameRequestIdReturnsTheSameJobAndADifferentRequestUnderItIsAlreadyExists() throws IOException {
        start(Coordinator.builder(store), false);
        JobRequest r = commp(new byte[] {1, 2, 3}).toBuilder().setRequestId("piece-1").build();
        SubmitResponse first = client.submit(SubmitRequest.newBuilder().setRequest(r).build());
        SubmitResponse again = client.submit(SubmitRequest.newBuilder().setRequest(r).build());
        assertTrue(first.getCreated());
        assertFalse(again.getCreated());
        assertEquals(first.getJob().getJobId(), again.getJob().getJobId());
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> client.submit(SubmitRequest.newBuilder()
                .setRequest(commp(new byte[] {1, 2, 4}).toBuilder().setRequestId("piece-1")).build()));
        assertEquals(Status.Code.ALREADY_EXISTS, e.getStatus().getCode());
        assertEquals(1, client.listJobs(ListJobsRequest.getDefaultInstance()).getJobsCount());
    }

    @Test
    void cancellingARunningJobStopsItAtTheNextKernelBoundaryAndItEndsCancelled() throws Exception {
        start(Coordinator.builder(store), true);
        // a FIFO the test feeds slowly: the job runs until it is cancelled
        Path fifo = root.resolve("slow-piece");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        Job j = client.submit(SubmitRequest.newBuilder().setRequest(JobRequest.newBuilder()
                .setCommp(CommPRequest.newBuilder().setPath(fifo.toString()))).build()).getJob();
        CountDownLatch stopFeeding = new CountDownLatch(1);
        CompletableFuture<Long> fed = new CompletableFuture<>();
        Thread feeder = new Thread(() -> {
            long n = 0;
            byte[] chunk = new byte[1 << 20];
            try (OutputStream out = new java.io.FileOutputStream(fifo.toFile())) {
                while (n < (256L << 20) && !stopFeeding.await(20, TimeUnit.MILLISECONDS)) {
                    out.write(chunk);
                    n += chunk.length;
                }
            } catch (IOException | InterruptedException e) {
                // the reader closed the pipe: the job stopped
            }
            fed.complete(n);
        }, "fifo-feeder");
        feeder.setDaemon(true);
        feeder.start();
        // wait until the worker reports progress through a heartbeat
        Job seen = j;
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (seen.getProgress().getDone() == 0 && System.nanoTime() < end) {
            Thread.sleep(50);
            seen = client.getJob(GetJobRequest.newBuilder().setJobId(j.getJobId()).build());
        }
        assertEquals(JobState.JOB_STATE_RUNNING, seen.getState());
        assertEquals("comm_p", seen.getProgress().getTask());
        client.cancel(CancelRequest.newBuilder().setJobId(j.getJobId()).setReason("test").build());
        Job done = client.await(AwaitRequest.newBuilder().setJobId(j.getJobId()).setTimeoutMs(30_000).build());
        stopFeeding.countDown();
        assertEquals(JobState.JOB_STATE_CANCELLED, done.getState(), done.toString());
        assertEquals(ErrorClass.ERROR_CLASS_CANCELLED, done.getError().getErrorClass());
        assertTrue(fed.get(30, TimeUnit.SECONDS) < (256L << 20), "the job stopped before the end of the input");
    }

    @Test
    void aCompletionUnderAnExpiredLeaseIsRefusedAndOneResultIsStored() throws Exception {
        AtomicLong now = new AtomicLong(1_000_000);
        start(Coordinator.builder(store).clock(now::get), false);
        WorkerServiceGrpc.WorkerServiceBlockingStub w = WorkerServiceGrpc.newBlockingStub(channel)
                .withDeadlineAfter(30, TimeUnit.SECONDS);
        String id = w.register(RegisterRequest.newBuilder().setInfo(WorkerInfo.newBuilder().setName("fake")
                .addKinds(JobKind.JOB_KIND_COMMP).setSlots(1)).build()).getWorkerId();
        Job j = client.submit(SubmitRequest.newBuilder().setRequest(commp(new byte[] {9})).build()).getJob();
        Iterator<Assignment> stream = w.lease(LeaseRequest.newBuilder().setWorkerId(id).build());
        Assignment first = stream.next();
        assertEquals(j.getJobId(), first.getJob().getJobId());

        now.addAndGet(10_000); // past the 2 s lease: the ticker returns the job to the queue
        Job requeued = client.getJob(GetJobRequest.newBuilder().setJobId(j.getJobId()).build());
        for (long t = System.nanoTime(); requeued.getState() != JobState.JOB_STATE_QUEUED
                && System.nanoTime() - t < 10e9; ) {
            Thread.sleep(20);
            requeued = client.getJob(GetJobRequest.newBuilder().setJobId(j.getJobId()).build());
        }
        assertEquals(JobState.JOB_STATE_QUEUED, requeued.getState());
        JobResult stale = JobResult.newBuilder().setCommp(io.filprover.proto.v1.CommPResult.newBuilder()
                .setCid("stale")).build();
        assertFalse(w.complete(CompleteRequest.newBuilder().setLeaseId(first.getLeaseId()).setResult(stale).build())
                .getAccepted(), "the stale lease's result must be refused");

        Assignment second = stream.next();
        assertEquals(j.getJobId(), second.getJob().getJobId());
        assertEquals(2, second.getJob().getAttempts());
        JobResult good = JobResult.newBuilder().setCommp(io.filprover.proto.v1.CommPResult.newBuilder().setCid("good")).build();
        assertTrue(w.complete(CompleteRequest.newBuilder().setLeaseId(second.getLeaseId()).setResult(good).build())
                .getAccepted());
        assertFalse(w.complete(CompleteRequest.newBuilder().setLeaseId(first.getLeaseId()).setResult(stale).build())
                .getAccepted());
        Job done = client.getJob(GetJobRequest.newBuilder().setJobId(j.getJobId()).build());
        assertEquals(JobState.JOB_STATE_SUCCEEDED, done.getState());
        assertEquals("good", done.getResult().getCommp().getCid());
    }

    @Test
    void aKindWithoutAnEngineIsUnimplemented() throws IOException {
        start(Coordinator.builder(store).kinds(Set.of(JobKind.JOB_KIND_COMMP)), false);
        JobRequest winning = BadInputTableTest.goodRequests(root).get("winning_post");
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> client.submit(SubmitRequest.newBuilder().setRequest(winning).build()));
        assertEquals(Status.Code.UNIMPLEMENTED, e.getStatus().getCode());
        assertTrue(e.getStatus().getDescription().startsWith("payload: JOB_KIND_WINNING_POST is not run"), e.toString());
        JobRequest c2 = JobRequest.newBuilder().setSealC2(io.filprover.proto.v1.SealCommit2Request.newBuilder()
                .setRegisteredSealProof(5).setC1OutputBlobId("a".repeat(64))).build();
        e = assertThrows(StatusRuntimeException.class, () -> client.submit(SubmitRequest.newBuilder().setRequest(c2).build()));
        assertEquals(Status.Code.UNIMPLEMENTED, e.getStatus().getCode(), "the kind is checked before its fields");
        assertEquals(List.of(JobKind.JOB_KIND_COMMP), client.getStatus(GetStatusRequest.getDefaultInstance()).getKindsList());
        // a payload from a newer contract (an unknown oneof field) is UNIMPLEMENTED too
        JobRequest future = JobRequest.newBuilder().setUnknownFields(UnknownFieldSet.newBuilder()
                .addField(99, UnknownFieldSet.Field.newBuilder().addLengthDelimited(ByteString.copyFromUtf8("x")).build())
                .build()).build();
        e = assertThrows(StatusRuntimeException.class,
                () -> client.submit(SubmitRequest.newBuilder().setRequest(future).build()));
        assertEquals(Status.Code.UNIMPLEMENTED, e.getStatus().getCode());
        assertEquals(0, client.listJobs(ListJobsRequest.getDefaultInstance()).getJobsCount());
    }

    @Test
    void healthAnswersServingAndReflectionListsTheServices() throws Exception {
        start(Coordinator.builder(store), false);
        HealthCheckResponse h = HealthGrpc.newBlockingStub(channel).check(HealthCheckRequest.newBuilder()
                .setService(ProverServiceGrpc.SERVICE_NAME).build());
        assertEquals(HealthCheckResponse.ServingStatus.SERVING, h.getStatus());
        assertEquals(HealthCheckResponse.ServingStatus.SERVING,
                HealthGrpc.newBlockingStub(channel).check(HealthCheckRequest.getDefaultInstance()).getStatus());

        CompletableFuture<ServerReflectionResponse> answer = new CompletableFuture<>();
        StreamObserver<ServerReflectionRequest> req = ServerReflectionGrpc.newStub(channel).serverReflectionInfo(
                new StreamObserver<>() {
                    @Override
                    public void onNext(ServerReflectionResponse r) {
                        answer.complete(r);
                    }

                    @Override
                    public void onError(Throwable t) {
                        answer.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {
                    }
                });
        req.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
        Set<String> names = answer.get(10, TimeUnit.SECONDS).getListServicesResponse().getServiceList().stream()
                .map(ServiceResponse::getName).collect(Collectors.toSet());
        req.onCompleted();
        assertTrue(names.containsAll(Set.of("filprover.v1.ProverService", "filprover.v1.WorkerService",
                "grpc.health.v1.Health")), names.toString());
    }

    @Test
    void overLoopbackNettyAWorkerConnectedByAddressRunsAJob() throws IOException {
        coordinator = Coordinator.builder(store).listen(new HostPort("127.0.0.1", 0)).storageRoots(List.of(root))
                .lease(2_000, 100).pollMs(50).build().start();
        worker = Worker.builder().coordinator(coordinator.address()).storageRoots(List.of(root)).threads(2)
                .workDir(root.resolve("work")).build().start();
        channel = io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder.forTarget(coordinator.address()).usePlaintext()
                .build();
        client = ProverServiceGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS);
        byte[] data = new byte[5000];
        new Random().nextBytes(data);
        Job j = client.prove(commp(data));
        assertEquals(JobState.JOB_STATE_SUCCEEDED, j.getState(), j.toString());
        assertArrayEquals(direct(data).commP().bytes(), j.getResult().getCommp().getCommP().toByteArray());
    }
}
