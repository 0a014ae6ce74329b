package io.filprover.scheduler;

import com.google.protobuf.ByteString;
import io.filprover.proto.v1.AdminServiceGrpc;
import io.filprover.proto.v1.Assignment;
import io.filprover.proto.v1.CancelRequest;
import io.filprover.proto.v1.CommPRequest;
import io.filprover.proto.v1.CompleteRequest;
import io.filprover.proto.v1.CordonRequest;
import io.filprover.proto.v1.DrainRequest;
import io.filprover.proto.v1.DrainResponse;
import io.filprover.proto.v1.EvictParamsRequest;
import io.filprover.proto.v1.GetJobRequest;
import io.filprover.proto.v1.GetStatusRequest;
import io.filprover.proto.v1.Job;
import io.filprover.proto.v1.JobKind;
import io.filprover.proto.v1.JobRequest;
import io.filprover.proto.v1.JobResult;
import io.filprover.proto.v1.JobState;
import io.filprover.proto.v1.LeaseRequest;
import io.filprover.proto.v1.ListJobsRequest;
import io.filprover.proto.v1.ProverServiceGrpc;
import io.filprover.proto.v1.RegisterRequest;
import io.filprover.proto.v1.SubmitRequest;
import io.filprover.proto.v1.WorkerInfo;
import io.filprover.proto.v1.WorkerServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bearer tokens and roles on a coordinator (in-process), and the AdminService's cordon and drain. */
class AuthTest {
    static final String ADMIN = "admin-token-0123456789abcdef";
    static final String WORKER = "worker-token-0123456789abcdef";
    static final String ALICE = "alice-token-0123456789abcdef";
    static final String BOB = "bob-token-0123456789abcdef";
    static final Tokens TOKENS = Tokens.parse(List.of("# test tokens", "admin ops " + ADMIN, "worker w1 " + WORKER,
            "client alice " + ALICE, "", "client bob " + BOB + "  # a comment"), "tokens.txt");

    @TempDir
    Path root;

    private final InMemoryJobStore store = new InMemoryJobStore();
    private Coordinator coordinator;
    private ManagedChannel channel;

    @BeforeEach
    void start() throws IOException {
        String name = "auth-" + UUID.randomUUID();
        coordinator = Coordinator.builder(store).inProcess(name).storageRoots(List.of(root)).lease(5_000, 100).pollMs(50)
                .tokens(TOKENS).build().start();
        channel = InProcessChannelBuilder.forName(name).build();
    }

    @AfterEach
    void stop() {
        coordinator.stop();
        channel.shutdownNow();
    }

    private <S extends AbstractStub<S>> S as(S stub, String token) {
        S s = stub.withDeadlineAfter(30, TimeUnit.SECONDS);
        return token == null ? s : s.withCallCredentials(TransportSecurity.bearer(token));
    }

    private ProverServiceGrpc.ProverServiceBlockingStub prover(String token) {
        return as(ProverServiceGrpc.newBlockingStub(channel), token);
    }

    private AdminServiceGrpc.AdminServiceBlockingStub admin(String token) {
        return as(AdminServiceGrpc.newBlockingStub(channel), token);
    }

    private static SubmitRequest commp(String requestId) {
        return SubmitRequest.newBuilder().setRequest(JobRequest.newBuilder().setRequestId(requestId)
                .setCommp(CommPRequest.newBuilder().setData(ByteString.copyFrom(new byte[] {1, 2, 3})))).build();
    }

    private static Status.Code code(Executable call) {
        return assertThrows(StatusRuntimeException.class, call).getStatus().getCode();
    }

    @Test
    void noTokenOrAnUnknownOneIsUnauthenticatedButHealthChecksNeedNone() {
        StatusRuntimeException none = assertThrows(StatusRuntimeException.class,
                () -> prover(null).getStatus(GetStatusRequest.getDefaultInstance()));
        assertEquals(Status.Code.UNAUTHENTICATED, none.getStatus().getCode());
        assertTrue(none.getStatus().getDescription().contains("missing bearer token"), none.toString());
        assertEquals(Status.Code.UNAUTHENTICATED, code(() -> prover("not-a-known-token-at-all").submit(commp("x"))));
        assertEquals(Status.Code.UNAUTHENTICATED, code(() -> prover(ALICE + "x").submit(commp("x"))));
        assertEquals(0, store.list(io.filprover.scheduler.store.JobStore.JobFilter.ALL, 10, null).size(), "nothing was queued");
        assertEquals(HealthCheckResponse.ServingStatus.SERVING, HealthGrpc.newBlockingStub(channel)
                .check(HealthCheckRequest.getDefaultInstance()).getStatus());
    }

    @Test
    void aWorkerTokenCallingSubmitAndAClientTokenCallingDrainArePermissionDenied() {
        StatusRuntimeException submit = assertThrows(StatusRuntimeException.class, () -> prover(WORKER).submit(commp("x")));
        assertEquals(Status.Code.PERMISSION_DENIED, submit.getStatus().getCode());
        assertEquals("filprover.v1.ProverService/Submit is not allowed for role worker (token w1)",
                submit.getStatus().getDescription());
        StatusRuntimeException drain = assertThrows(StatusRuntimeException.class,
                () -> admin(ALICE).drain(DrainRequest.newBuilder().setWorkerId("w").build()));
        assertEquals(Status.Code.PERMISSION_DENIED, drain.getStatus().getCode());
        assertTrue(drain.getStatus().getDescription().contains("AdminService/Drain is not allowed for role client"));
        assertEquals(Status.Code.PERMISSION_DENIED, code(() -> as(WorkerServiceGrpc.newBlockingStub(channel), ALICE)
                .register(RegisterRequest.getDefaultInstance())));
        assertEquals(Status.Code.PERMISSION_DENIED, code(() -> admin(WORKER).cordon(CordonRequest.newBuilder()
                .setWorkerId("w").build())));
        assertEquals(0, store.list(io.filprover.scheduler.store.JobStore.JobFilter.ALL, 10, null).size(), "nothing was queued");
        // admin may do everything: a missing worker is NOT_FOUND, not PERMISSION_DENIED
        assertEquals(Status.Code.NOT_FOUND, code(() -> admin(ADMIN).drain(DrainRequest.newBuilder().setWorkerId("w").build())));
        assertEquals(Status.Code.INVALID_ARGUMENT, code(() -> admin(ADMIN).cordon(CordonRequest.getDefaultInstance())));
        assertEquals(Status.Code.NOT_FOUND, code(() -> admin(ADMIN).evictParams(EvictParamsRequest.newBuilder().setWorkerId("w").build())));
        assertTrue(prover(ADMIN).submit(commp("by-admin")).getCreated());
    }

    @Test
    void aClientSeesOnlyItsOwnJobsAndAnAdminSeesAndCancelsAny() {
        // alice claims to be bob: the coordinator records the token's name instead
        SubmitRequest forged = commp("a1").toBuilder().setRequest(commp("a1").getRequest().toBuilder().setOwner("bob")).build();
        Job alices = prover(ALICE).submit(forged).getJob();
        assertEquals("alice", alices.getRequest().getOwner());
        Job bobs = prover(BOB).submit(commp("b1")).getJob();
        String id = alices.getJobId();
        GetJobRequest get = GetJobRequest.newBuilder().setJobId(id).build();

        assertEquals(id, prover(ALICE).getJob(get).getJobId());
        StatusRuntimeException hidden = assertThrows(StatusRuntimeException.class, () -> prover(BOB).getJob(get));
        assertEquals(Status.Code.NOT_FOUND, hidden.getStatus().getCode());
        assertEquals("job_id: no job " + id, hidden.getStatus().getDescription(), "as if it did not exist");
        assertEquals(Status.Code.NOT_FOUND, code(() -> prover(BOB).cancel(CancelRequest.newBuilder().setJobId(id).build())));
        assertEquals(Status.Code.NOT_FOUND, code(() -> prover(BOB).await(io.filprover.proto.v1.AwaitRequest.newBuilder()
                .setJobId(id).setTimeoutMs(10).build())));
        assertEquals(Status.Code.NOT_FOUND, code(() -> prover(BOB).watch(io.filprover.proto.v1.WatchRequest.newBuilder()
                .setJobId(id).build()).next()));
        assertEquals(JobState.JOB_STATE_QUEUED, prover(ALICE).getJob(get).getState(), "bob's cancel touched nothing");
        // the same request id from another client is refused, not answered with the other's job
        assertEquals(Status.Code.ALREADY_EXISTS, code(() -> prover(BOB).submit(commp("a1"))));

        for (int i = 0; i < 5; i++) {
            prover(BOB).submit(commp("b-more-" + i));
        }
        List<Job> alicesList = prover(ALICE).listJobs(ListJobsRequest.getDefaultInstance()).getJobsList();
        assertEquals(List.of(id), alicesList.stream().map(Job::getJobId).toList());
        // paging a client's own jobs skips the others' between them
        var page = prover(BOB).listJobs(ListJobsRequest.newBuilder().setPageSize(4).build());
        assertEquals(4, page.getJobsCount());
        assertFalse(page.getNextPageToken().isEmpty());
        var rest = prover(BOB).listJobs(ListJobsRequest.newBuilder().setPageSize(4).setPageToken(page.getNextPageToken()).build());
        assertEquals(2, rest.getJobsCount());
        assertTrue(rest.getNextPageToken().isEmpty());
        assertTrue(rest.getJobsList().stream().noneMatch(j -> j.getJobId().equals(id)));
        assertEquals(bobs.getJobId(), page.getJobs(0).getJobId());
        assertEquals(7, prover(ADMIN).listJobs(ListJobsRequest.getDefaultInstance()).getJobsCount());

        Job cancelled = prover(ADMIN).cancel(CancelRequest.newBuilder().setJobId(id).build());
        assertEquals(JobState.JOB_STATE_CANCELLED, cancelled.getState());
    }

    @Test
    void aCordonedWorkerGetsNoLeasesAndDrainWaitsForItsRunningJob() throws Exception {
        WorkerServiceGrpc.WorkerServiceBlockingStub w = as(WorkerServiceGrpc.newBlockingStub(channel), WORKER);
        String workerId = w.register(RegisterRequest.newBuilder().setInfo(WorkerInfo.newBuilder().setName("w1")
                .addKinds(JobKind.JOB_KIND_COMMP).setSlots(2)).build()).getWorkerId();
        assertTrue(admin(ADMIN).cordon(CordonRequest.newBuilder().setWorkerId(workerId).build()).getCordoned());
        BlockingQueue<Assignment> got = new LinkedBlockingQueue<>();
        as(WorkerServiceGrpc.newStub(channel), WORKER).withDeadline(null).lease(LeaseRequest.newBuilder()
                .setWorkerId(workerId).build(), new StreamObserver<>() {
                    @Override
                    public void onNext(Assignment a) {
                        got.add(a);
                    }

                    @Override
                    public void onError(Throwable t) {
                    }

                    @Override
                    public void onCompleted() {
                    }
                });
        Job job = prover(ALICE).submit(commp("c1")).getJob();
        assertNull(got.poll(600, TimeUnit.MILLISECONDS), "a cordoned worker is offered nothing");
        assertTrue(prover(ADMIN).getStatus(GetStatusRequest.getDefaultInstance()).getWorkers(0).getCordoned());

        assertFalse(admin(ADMIN).uncordon(CordonRequest.newBuilder().setWorkerId(workerId).build()).getCordoned());
        Assignment a = got.poll(10, TimeUnit.SECONDS);
        assertNotNull(a, "uncordoned, it leases the queued job");
        assertEquals(job.getJobId(), a.getJob().getJobId());

        DrainResponse early = admin(ADMIN).drain(DrainRequest.newBuilder().setWorkerId(workerId).setTimeoutMs(200).build());
        assertFalse(early.getDrained());
        assertTrue(early.getWorker().getCordoned());
        assertEquals(List.of(job.getJobId()), early.getWorker().getRunningJobIdsList());
        prover(ALICE).submit(commp("c2"));
        assertNull(got.poll(400, TimeUnit.MILLISECONDS), "a draining worker takes no new job");

        var drain = java.util.concurrent.CompletableFuture.supplyAsync(() -> admin(ADMIN).drain(DrainRequest.newBuilder()
                .setWorkerId(workerId).build()));
        Thread.sleep(200);
        assertFalse(drain.isDone(), "drain waits for the running job");
        assertTrue(w.complete(CompleteRequest.newBuilder().setLeaseId(a.getLeaseId())
                .setResult(JobResult.getDefaultInstance()).build()).getAccepted());
        DrainResponse done = drain.get(10, TimeUnit.SECONDS);
        assertTrue(done.getDrained());
        assertEquals(0, done.getWorker().getRunningJobIdsCount());
        assertEquals(JobState.JOB_STATE_QUEUED, store.list(io.filprover.scheduler.store.JobStore.JobFilter.ALL, 10, null).stream()
                .filter(j -> j.requestId().equals("c2")).findFirst().orElseThrow().state());
    }

    @Test
    void theDocumentedTokenCommandsMakeAFileEveryTokenOfWhichAuthenticates(@TempDir Path dir) throws Exception {
        DocCommands.run("tokens", dir);
        Tokens t = Tokens.read(dir.resolve("tokens.txt"));
        assertEquals(4, t.size());
        assertEquals(new Principal("alice", Role.CLIENT),
                t.authenticate(TransportSecurity.readToken(dir.resolve("alice.token"))).orElseThrow());
        assertEquals(new Principal("worker-1", Role.WORKER),
                t.authenticate(TransportSecurity.readToken(dir.resolve("worker-1.token"))).orElseThrow());
        assertEquals(Role.ADMIN, t.authenticate(Files.readString(dir.resolve("ops.token")).strip()).orElseThrow().role());
        assertFalse(t.toString().contains(Files.readString(dir.resolve("ops.token")).strip()));
    }

    @Test
    void aBadTokenFileNamesTheLineAndNeverTheToken() {
        String secret = "s3cret-s3cret-s3cret";
        List<List<String>> bad = List.of(List.of("admin ops"), List.of("root ops " + secret), List.of("client a/b " + secret),
                List.of("client a short"), List.of("client a " + secret, "client a " + secret + "2"),
                List.of("client a " + secret, "admin b " + secret), List.of("# only a comment"));
        List<String> want = List.of("line 1: want 'ROLE NAME TOKEN'", "line 1: unknown role 'root'", "line 1: name must be",
                "line 1: token of a is shorter than 16", "line 2: name a appears twice", "line 2: the token of b is also",
                "no tokens");
        for (int i = 0; i < bad.size(); i++) {
            List<String> lines = bad.get(i);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tokens.parse(lines, "t.txt"));
            assertTrue(e.getMessage().startsWith("t.txt") && e.getMessage().contains(want.get(i)), e.getMessage());
            assertFalse(e.getMessage().contains(secret), e.getMessage());
        }
    }
}
