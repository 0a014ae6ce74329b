package io.filprover.scheduler;

import com.google.protobuf.ByteString;
import io.filprover.api.job.CancellationToken;
import io.filprover.api.job.JobContext;
import io.filprover.api.kernels.Backends;
import io.filprover.proofs.api.CommitmentStages;
import io.filprover.proofs.commitment.PieceCommitments;
import io.filprover.proofs.commitment.StreamingTreeHasher;
import io.filprover.proto.v1.AwaitRequest;
import io.filprover.proto.v1.CommPRequest;
import io.filprover.proto.v1.Job;
import io.filprover.proto.v1.JobRequest;
import io.filprover.proto.v1.JobState;
import io.filprover.proto.v1.ListJobsRequest;
import io.filprover.proto.v1.ListJobsResponse;
import io.filprover.proto.v1.ProverServiceGrpc;
import io.filprover.proto.v1.SubmitRequest;
import io.filprover.proto.v1.SubmitResponse;
import io.filprover.scheduler.store.JobStores;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Load: 1,000 COMMP jobs of random pieces (200 to 2,000 bytes) from 20 concurrent gRPC clients, each on
 * its own loopback channel, against an {@link EmbeddedService} on an H2 file store with a local worker
 * of 4 slots. Every job must succeed with the comm_p computed directly on its bytes, and the store must
 * hold exactly 1,000 jobs: none lost, none run into a second job.
 */
class ServiceLoadTest {
    private static final int CLIENTS = 20;
    private static final int JOBS = 1_000;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aThousandCommPJobsFromTwentyClientsAllCompleteCorrectlyOnce() throws Exception {
        long seed = new SplittableRandom().nextLong();
        String why = "seed " + seed;
        Map<String, String> jobsByRequest = new ConcurrentHashMap<>();
        try (EmbeddedService service = EmbeddedService.start(JobStores.embedded(dir.resolve("db")),
                new HostPort("127.0.0.1", 0), List.of(dir), 2, 4, Backends.discover(), dir.resolve("work"),
                dir.resolve("parents"))) {
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            List<Future<?>> done = new ArrayList<>();
            long start = System.nanoTime();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                SplittableRandom random = new SplittableRandom(seed + c);
                done.add(clients.submit(() -> {
                    runClient(service.address(), client, random, jobsByRequest, why);
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(110, TimeUnit.SECONDS);
            }
            clients.shutdown();
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            System.out.printf("ServiceLoadTest: %d jobs from %d clients in %d ms (%.0f jobs/s), %s%n",
                    JOBS, CLIENTS, ms, JOBS * 1000.0 / ms, why);

            assertEquals(JOBS, jobsByRequest.size(), why);
            assertEquals(JOBS, new HashSet<>(jobsByRequest.values()).size(), "one job per request: " + why);
            ManagedChannel channel = NettyChannelBuilder.forTarget(service.address()).usePlaintext().build();
            try {
                var api = ProverServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
                Set<String> listed = new HashSet<>();
                int rows = 0;
                String token = "";
                do {
                    ListJobsResponse page = api.listJobs(ListJobsRequest.newBuilder().setPageSize(1000)
                            .setPageToken(token).build());
                    for (Job j : page.getJobsList()) {
                        rows++;
                        listed.add(j.getJobId());
                        assertEquals(JobState.JOB_STATE_SUCCEEDED, j.getState(), j.getJobId());
                        assertEquals(1, j.getAttempts(), "each job ran once: " + j.getJobId());
                    }
                    token = page.getNextPageToken();
                } while (!token.isEmpty());
                assertEquals(JOBS, rows, "ListJobs counts every job once: " + why);
                assertEquals(new HashSet<>(jobsByRequest.values()), listed, why);
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
    }

    private static void runClient(String address, int client, SplittableRandom random,
                                  Map<String, String> jobsByRequest, String why) throws Exception {
        ManagedChannel channel = NettyChannelBuilder.forTarget(address).usePlaintext().build();
        try (JobContext ctx = JobContext.open(Backends.discover(), "cpu", 1, null, CancellationToken.create(), null)) {
            var api = ProverServiceGrpc.newBlockingStub(channel);
            for (int i = 0; i < JOBS / CLIENTS; i++) {
                byte[] piece = new byte[200 + random.nextInt(1801)];
                random.nextBytes(piece);
                String requestId = "load-" + client + "-" + i;
                SubmitResponse s = api.withDeadlineAfter(30, TimeUnit.SECONDS).submit(SubmitRequest.newBuilder()
                        .setRequest(JobRequest.newBuilder().setRequestId(requestId)
                                .setCommp(CommPRequest.newBuilder().setData(ByteString.copyFrom(piece))))
                        .build());
                assertTrue(s.getCreated(), requestId);
                Job j = api.withDeadlineAfter(60, TimeUnit.SECONDS)
                        .await(AwaitRequest.newBuilder().setJobId(s.getJob().getJobId()).build());
                String what = requestId + " (" + piece.length + " bytes, " + why + ")";
                assertEquals(JobState.JOB_STATE_SUCCEEDED, j.getState(), what + ": " + j);
                PieceCommitments.Result expected = CommitmentStages.commP(new ByteArrayInputStream(piece), ctx,
                        StreamingTreeHasher.Progress.NONE);
                assertArrayEquals(expected.commP().bytes(), j.getResult().getCommp().getCommP().toByteArray(), what);
                assertEquals(expected.paddedSize().bytes(), j.getResult().getCommp().getPaddedSize(), what);
                assertEquals(null, jobsByRequest.putIfAbsent(requestId, j.getJobId()), what);
            }
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
