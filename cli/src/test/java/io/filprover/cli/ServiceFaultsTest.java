package io.filprover.cli;

import io.filprover.cli.ServiceProcesses.FifoWriter;
import io.filprover.cli.ServiceProcesses.Proc;
import io.filprover.proto.v1.AwaitRequest;
import io.filprover.proto.v1.CancelRequest;
import io.filprover.proto.v1.ErrorClass;
import io.filprover.proto.v1.Job;
import io.filprover.proto.v1.JobRequest;
import io.filprover.proto.v1.JobState;
import io.filprover.proto.v1.ProverServiceGrpc;
import io.filprover.proto.v1.SubmitRequest;
import io.filprover.proto.v1.SubmitResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static io.filprover.cli.ServiceProcesses.allJobs;
import static io.filprover.cli.ServiceProcesses.commP;
import static io.filprover.cli.ServiceProcesses.commp;
import static io.filprover.cli.ServiceProcesses.commpPath;
import static io.filprover.cli.ServiceProcesses.waitJob;
import static io.filprover.cli.ServiceProcesses.waitWorkers;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The service's faults with real processes: the coordinator ({@code filprover serve --no-local-worker})
 * and its workers ({@code filprover worker}) are separate JVMs on loopback gRPC, killed with SIGKILL;
 * the tests talk to them only through the gRPC API. Long-running jobs are comm_p jobs whose piece is a
 * FIFO this test feeds: the job holds its worker exactly as long as the test wants, and its progress
 * (bytes read) shows it is mid-job. The PostgreSQL case runs against the server of
 * {@code FILPROVER_TEST_PG_URL} (Debian's PostgreSQL 15, started by {@code .ci/pg-test-server}), in a
 * schema of its own; without it the case is skipped, unless {@code FILPROVER_TEST_PG_REQUIRED=1}.
 * Each test prints what it observed (times, attempts, counts) on stdout.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class ServiceFaultsTest {
    private static final int MIB = 1 << 20;

    @TempDir
    Path dir;

    private ServiceProcesses svc;
    private String schema;
    private String testName;

    @BeforeEach
    void setUp(TestInfo info) {
        svc = new ServiceProcesses(dir);
        testName = info.getDisplayName();
    }

    @AfterEach
    void tearDown() throws Exception {
        try {
            svc.close();
        } finally {
            if (schema != null) {
                sql("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    private static byte[] random(long seed, int n) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private void observed(String format, Object... args) {
        System.out.println("[" + testName + "] " + String.format(format, args));
    }

    private static Job submit(ProverServiceGrpc.ProverServiceBlockingStub api, JobRequest r) {
        return api.withDeadlineAfter(30, TimeUnit.SECONDS).submit(SubmitRequest.newBuilder().setRequest(r).build())
                .getJob();
    }

    private static Job await(ProverServiceGrpc.ProverServiceBlockingStub api, String jobId, int seconds) {
        return api.withDeadlineAfter(seconds + 10, TimeUnit.SECONDS)
                .await(AwaitRequest.newBuilder().setJobId(jobId).setTimeoutMs(seconds * 1000L).build());
    }

    private static String workerName(Job j) {
        String id = j.getWorkerId();
        return id.substring(0, id.lastIndexOf('-'));
    }

    @Test
    void aWorkerKilledMidJobLeavesItToTheOtherWorker() throws Exception {
        Proc coordinator = svc.serve("coordinator", "127.0.0.1:0", "--data-dir", dir.resolve("data").toString(),
                "--no-local-worker", "--lease-ms", "2000", "--heartbeat-ms", "250");
        Map<String, Proc> workers = new HashMap<>();
        workers.put("w1", svc.worker("w1", coordinator.address, 1));
        workers.put("w2", svc.worker("w2", coordinator.address, 1));
        var api = svc.client(coordinator.address);
        try {
            // a job runs
            byte[] small = random(1, 5000);
            Job first = await(api, submit(api, commp("first", small)).getJobId(), 60);
            assertEquals(JobState.JOB_STATE_SUCCEEDED, first.getState(), first.toString());
            assertArrayEquals(commP(small), first.getResult().getCommp().getCommP().toByteArray());

            // a job that holds its worker until this test feeds it: 2 MiB in, then it waits
            byte[] piece = random(2, 6 * MIB);
            Path fifo = svc.fifo("piece.fifo");
            FifoWriter writer = svc.feed(fifo, piece, 2 * MIB);
            String jobId = submit(api, commpPath("slow", fifo)).getJobId();
            Job running = waitJob(api, jobId, 30, j -> j.getState() == JobState.JOB_STATE_RUNNING
                    && j.getProgress().getDone() > 0, "ran with progress");
            String victim = workerName(running);
            String survivor = victim.equals("w1") ? "w2" : "w1";
            observed("job running on %s (%s), progress %d bytes read", victim, running.getWorkerId(),
                    running.getProgress().getDone());

            long killed = System.nanoTime();
            workers.get(victim).kill();
            writer.resume();
            Job done = await(api, jobId, 60);
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
            observed("after kill -9 of %s: %s on %s in %d ms, attempts %d, FIFO opened %d times, %d broken pipe(s)",
                    victim, done.getState(), done.getWorkerId(), ms, done.getAttempts(), writer.opens.get(),
                    writer.breaks.get());
            assertEquals(JobState.JOB_STATE_SUCCEEDED, done.getState(), done + svc.logs());
            assertEquals(survivor, workerName(done), "the other worker finished it");
            assertEquals(2, done.getAttempts(), "the killed worker's attempt and the survivor's");
            assertArrayEquals(commP(piece), done.getResult().getCommp().getCommP().toByteArray());
            assertTrue(writer.finished.get());
            assertEquals(2, writer.opens.get(), "read once by the killed worker, once by the survivor");

            // exactly one result stored: one job per request id, one completion accepted
            List<Job> all = allJobs(api, null);
            assertEquals(2, all.size(), all.toString());
            assertEquals(1, all.stream().filter(j -> j.getRequestId().equals("slow")).count());
            assertEquals(0, workers.get(survivor).count("refused"), workers.get(survivor).log());
            assertTrue(coordinator.count("expired lease(s) returned to the queue") >= 1, coordinator.log());
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError(e.getMessage() + "\n" + svc.logs(), e);
        }
    }

    @Test
    void aCoordinatorKilledWithFiftyQueuedAndTwoRunningLosesAndDuplicatesNothing() throws Exception {
        String data = dir.resolve("data").toString();
        String[] opts = {"--data-dir", data, "--no-local-worker", "--lease-ms", "20000", "--heartbeat-ms", "500"};
        Proc coordinator = svc.serve("coordinator", "127.0.0.1:0", opts);
        String address = coordinator.address;
        List<Proc> workers = List.of(svc.worker("w1", address, 1), svc.worker("w2", address, 1));
        var api = svc.client(address);
        try {
            // two jobs that run until fed: one on each worker
            Map<String, JobRequest> requests = new HashMap<>();
            Map<String, byte[]> pieces = new HashMap<>();
            List<FifoWriter> writers = new ArrayList<>();
            List<String> running = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                byte[] piece = random(100 + i, 3 * MIB);
                Path fifo = svc.fifo("running-" + i + ".fifo");
                writers.add(svc.feed(fifo, piece, MIB + MIB / 2));
                JobRequest r = commpPath("running-" + i, fifo);
                requests.put(r.getRequestId(), r);
                pieces.put(r.getRequestId(), piece);
                running.add(submit(api, r).getJobId());
            }
            Set<String> holders = new HashSet<>();
            for (String id : running) {
                holders.add(waitJob(api, id, 30, j -> j.getState() == JobState.JOB_STATE_RUNNING
                        && j.getProgress().getDone() > 0, "ran with progress").getWorkerId());
            }
            assertEquals(2, holders.size(), "one running job on each worker");
            for (int i = 0; i < 50; i++) {
                byte[] piece = random(200 + i, 1000 + 97 * i);
                JobRequest r = commp("queued-" + i, piece);
                requests.put(r.getRequestId(), r);
                pieces.put(r.getRequestId(), piece);
                submit(api, r);
            }
            assertEquals(50, allJobs(api, JobState.JOB_STATE_QUEUED).size());
            assertEquals(2, allJobs(api, JobState.JOB_STATE_RUNNING).size());

            long killed = System.nanoTime();
            coordinator.kill();
            // the same port, so the workers find it again (a just-freed port may take a moment)
            String listen = address;
            Proc again = null;
            for (int i = 0; again == null; i++) {
                try {
                    again = svc.serve("coordinator-restarted-" + i, listen, opts);
                } catch (AssertionError e) {
                    if (i >= 4) {
                        throw e;
                    }
                    Thread.sleep(1000);
                }
            }
            long up = System.nanoTime();
            waitWorkers(api, 2, 30);
            long reconnected = System.nanoTime();
            observed("coordinator restarted in %d ms; both workers re-registered %d ms after it listened",
                    TimeUnit.NANOSECONDS.toMillis(up - killed), TimeUnit.NANOSECONDS.toMillis(reconnected - up));

            // a client that lost its answers submits everything again: the same jobs, nothing new
            Map<String, String> jobIds = new HashMap<>();
            for (JobRequest r : requests.values()) {
                SubmitResponse resp = api.submit(SubmitRequest.newBuilder().setRequest(r).build());
                assertFalse(resp.getCreated(), r.getRequestId() + " was queued before the crash");
                jobIds.put(r.getRequestId(), resp.getJob().getJobId());
            }
            writers.forEach(FifoWriter::resume);
            for (String id : jobIds.values()) {
                assertEquals(JobState.JOB_STATE_SUCCEEDED, await(api, id, 60).getState(), id);
            }
            long allDone = System.nanoTime();

            List<Job> all = allJobs(api, null);
            assertEquals(52, all.size(), "none lost, none added");
            assertEquals(52, all.stream().map(Job::getRequestId).distinct().count(), "52 distinct request ids");
            Map<Integer, Long> attempts = all.stream().collect(Collectors.groupingBy(Job::getAttempts, Collectors.counting()));
            Map<String, Long> byWorker = all.stream().collect(Collectors.groupingBy(ServiceFaultsTest::workerName,
                    Collectors.counting()));
            observed("all 52 SUCCEEDED %d ms after the restart; attempts histogram %s; jobs per worker %s",
                    TimeUnit.NANOSECONDS.toMillis(allDone - up), attempts, byWorker);
            for (Job j : all) {
                assertEquals(JobState.JOB_STATE_SUCCEEDED, j.getState(), j.getRequestId());
                assertEquals(jobIds.get(j.getRequestId()), j.getJobId());
                assertArrayEquals(commP(pieces.get(j.getRequestId())), j.getResult().getCommp().getCommP().toByteArray(),
                        j.getRequestId());
                // the two running leases outlived the restart (20 s leases, renewed by the re-registered
                // workers); the queued jobs were claimed once, after it
                assertEquals(1, j.getAttempts(), j.getRequestId() + " ran once");
            }
            for (FifoWriter w : writers) {
                assertEquals(1, w.opens.get(), "each running job read its FIFO once");
            }
            for (Proc w : workers) {
                // registered twice; the second time its slot was still taken by the job it carried over
                assertEquals(2, w.count("registered as"), w.log());
                assertEquals(1, w.count("carried over fill every slot"), w.log());
            }
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError(e.getMessage() + "\n" + svc.logs(), e);
        }
    }

    @Test
    void cancelWhileRunningStopsTheWorkerAtTheNextKernelBoundary() throws Exception {
        Proc coordinator = svc.serve("coordinator", "127.0.0.1:0", "--data-dir", dir.resolve("data").toString(),
                "--no-local-worker", "--lease-ms", "5000", "--heartbeat-ms", "200");
        Proc worker = svc.worker("w1", coordinator.address, 1);
        var api = svc.client(coordinator.address);
        try {
            byte[] piece = random(3, 32 * MIB);
            Path fifo = svc.fifo("cancel.fifo");
            FifoWriter writer = svc.feed(fifo, piece, 2 * MIB);
            writer.stopAfterBreak = true;
            String jobId = submit(api, commpPath("to-cancel", fifo)).getJobId();
            waitJob(api, jobId, 30, j -> j.getState() == JobState.JOB_STATE_RUNNING
                    && j.getProgress().getDone() > 0, "ran with progress");

            Job asked = api.cancel(CancelRequest.newBuilder().setJobId(jobId).setReason("test").build());
            assertEquals(JobState.JOB_STATE_RUNNING, asked.getState(), "running until its worker stops it");
            // the cancel reaches the worker with its next heartbeats; the job waits on the FIFO meanwhile
            Thread.sleep(1000);
            long resumed = System.nanoTime();
            writer.resume();
            Job done = await(api, jobId, 60);
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - resumed);
            writer.thread.join(10_000);
            observed("%s %d ms after the FIFO resumed; attempts %d, error class %s; %d of %d bytes written before "
                            + "the worker closed the FIFO (broken pipes %d)", done.getState(), ms, done.getAttempts(),
                    done.getError().getErrorClass(), writer.written.get(), piece.length, writer.breaks.get());
            assertEquals(JobState.JOB_STATE_CANCELLED, done.getState(), done.toString());
            assertEquals(ErrorClass.ERROR_CLASS_CANCELLED, done.getError().getErrorClass());
            assertEquals(1, done.getAttempts());
            assertFalse(done.hasResult() && done.getResult().hasCommp(), "no result");
            assertFalse(writer.finished.get(), "the worker stopped reading before the piece's end");
            assertEquals(1, writer.breaks.get());
            assertTrue(writer.written.get() < piece.length / 2, "stopped within a few chunks: " + writer.written.get());
            // the worker is free again: it runs the next job
            byte[] small = random(4, 3000);
            Job next = await(api, submit(api, commp("after-cancel", small)).getJobId(), 60);
            assertEquals(JobState.JOB_STATE_SUCCEEDED, next.getState());
            assertTrue(worker.count("CANCELLED") >= 1, worker.log());
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError(e.getMessage() + "\n" + svc.logs(), e);
        }
    }

    // ---- PostgreSQL ----------------------------------------------------------------------------

    private static String pgUrl() {
        String url = System.getenv("FILPROVER_TEST_PG_URL");
        if (url == null || url.isBlank()) {
            String why = "FILPROVER_TEST_PG_URL is not set: no PostgreSQL server to test against "
                    + "(.ci/pg-test-server starts one and prints it)";
            if ("1".equals(System.getenv("FILPROVER_TEST_PG_REQUIRED"))) {
                fail(why);
            }
            Assumptions.abort(why);
        }
        return url;
    }

    private static void sql(String statement) throws Exception {
        String url = pgUrl();
        try (Connection c = DriverManager.getConnection(url, System.getenv().getOrDefault("FILPROVER_TEST_PG_USER", "filprover"),
                System.getenv().getOrDefault("FILPROVER_TEST_PG_PASSWORD", ""));
             Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    @Test
    void twoCoordinatorsOnOnePostgresRunFiveHundredJobsEachOnce() throws Exception {
        String url = pgUrl();
        schema = "faults_" + UUID.randomUUID().toString().replace("-", "");
        sql("CREATE SCHEMA " + schema);
        String dbUrl = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        Path passwordFile = Files.writeString(dir.resolve("db-password"),
                System.getenv().getOrDefault("FILPROVER_TEST_PG_PASSWORD", "") + "\n");
        String user = System.getenv().getOrDefault("FILPROVER_TEST_PG_USER", "filprover");
        String[] common = {"--db-url", dbUrl, "--db-user", user, "--db-password-file", passwordFile.toString(),
                "--no-local-worker", "--lease-ms", "10000", "--heartbeat-ms", "1000"};
        List<String> a = new ArrayList<>(List.of("--data-dir", dir.resolve("a").toString()));
        a.addAll(Arrays.asList(common));
        List<String> b = new ArrayList<>(List.of("--data-dir", dir.resolve("b").toString()));
        b.addAll(Arrays.asList(common));
        Proc ca = svc.serve("coordinator-a", "127.0.0.1:0", a.toArray(String[]::new));
        Proc cb = svc.serve("coordinator-b", "127.0.0.1:0", b.toArray(String[]::new));
        Proc wa = svc.worker("wa", ca.address, 2);
        Proc wb = svc.worker("wb", cb.address, 2);
        assertFalse(ca.log().contains(System.getenv().getOrDefault("FILPROVER_TEST_PG_PASSWORD", "\0")),
                "the password is not logged");
        var apiA = svc.client(ca.address);
        var apiB = svc.client(cb.address);
        try {
            int n = 500;
            byte[][] pieces = new byte[n][];
            for (int i = 0; i < n; i++) {
                pieces[i] = random(1000 + i, 200 + 37 * i);
            }
            long start = System.nanoTime();
            ExecutorService clients = Executors.newFixedThreadPool(4);
            List<Future<String>> ids = new ArrayList<>();
            try {
                for (int i = 0; i < n; i++) {
                    int k = i;
                    ids.add(clients.submit(() -> submit(k % 2 == 0 ? apiA : apiB, commp("pg-" + k, pieces[k])).getJobId()));
                }
                for (Future<String> f : ids) {
                    f.get(60, TimeUnit.SECONDS);
                }
            } finally {
                clients.shutdownNow();
            }
            long submitted = System.nanoTime();
            List<Job> done = List.of();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (System.nanoTime() < end) {
                done = allJobs(apiB, null);
                if (done.size() == n && done.stream().allMatch(j -> j.getState() == JobState.JOB_STATE_SUCCEEDED)) {
                    break;
                }
                Thread.sleep(200);
            }
            long finished = System.nanoTime();
            Map<JobState, Long> states = done.stream().collect(Collectors.groupingBy(Job::getState, Collectors.counting()));
            Map<Integer, Long> attempts = done.stream().collect(Collectors.groupingBy(Job::getAttempts, Collectors.counting()));
            Map<String, Long> byWorker = done.stream().filter(j -> !j.getWorkerId().isEmpty())
                    .collect(Collectors.groupingBy(ServiceFaultsTest::workerName, Collectors.counting()));
            long crossed = done.stream().filter(j -> {
                int k = Integer.parseInt(j.getRequestId().substring(3));
                return !workerName(j).equals(k % 2 == 0 ? "wa" : "wb");
            }).count();
            observed("%d jobs submitted across 2 coordinators in %d ms, all ended %d ms later: states %s, attempts %s, "
                            + "jobs per worker %s, %d run by the other coordinator's worker", n,
                    TimeUnit.NANOSECONDS.toMillis(submitted - start), TimeUnit.NANOSECONDS.toMillis(finished - submitted),
                    states, attempts, byWorker, crossed);
            assertEquals(n, done.size());
            assertEquals(n, done.stream().map(Job::getRequestId).distinct().count());
            for (Job j : done) {
                assertEquals(JobState.JOB_STATE_SUCCEEDED, j.getState(), j.toString());
                assertEquals(1, j.getAttempts(), j.getRequestId() + " leased once");
                int k = Integer.parseInt(j.getRequestId().substring(3));
                assertArrayEquals(commP(pieces[k]), j.getResult().getCommp().getCommP().toByteArray(), j.getRequestId());
            }
            assertEquals(2, byWorker.size(), "both coordinators' workers ran jobs: " + byWorker);
            // no completion was refused anywhere: no job ran under two leases
            for (Proc p : List.of(ca, cb, wa, wb)) {
                assertEquals(0, p.count("refused"), p.name + ":\n" + p.log());
            }
            assertNotEquals(ca.address, cb.address);
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError(e.getMessage() + "\n" + svc.logs(), e);
        }
    }
}
