package io.filprover.bench;

import com.google.protobuf.ByteString;
import io.filprover.api.kernels.Backends;
import io.filprover.proto.v1.AwaitRequest;
import io.filprover.proto.v1.CommPRequest;
import io.filprover.proto.v1.Job;
import io.filprover.proto.v1.JobRequest;
import io.filprover.proto.v1.JobState;
import io.filprover.proto.v1.ProverServiceGrpc;
import io.filprover.proto.v1.StageTiming;
import io.filprover.proto.v1.SubmitRequest;
import io.filprover.scheduler.EmbeddedService;
import io.filprover.scheduler.HostPort;
import io.filprover.scheduler.store.JobStore;
import io.filprover.scheduler.store.JobStores;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The proof service's own cost per job (issue #15): N tiny COMMP jobs (127 random bytes each, one
 * leaf: the work is about nothing) from C concurrent gRPC clients, each on its own loopback channel,
 * against an {@link EmbeddedService} (coordinator + a local worker) on H2 (a file database in a temp
 * directory, as {@code filprover serve} opens it) or PostgreSQL (a fresh schema, dropped afterwards).
 * Each client submits, awaits, and submits again. Per job, overhead = (Await returned − Submit sent)
 * − the worker's run time from the result's {@code comm_p} timing: submit → lease → complete → await.
 * Prints jobs/s and p50/p99/max of the overhead over the measured jobs (after a warm-up), and one JSON line.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.filprover.bench.ServiceOverheadBenchmark \
 *     --store h2|postgresql [--jobs 3000] [--warmup 500] [--clients 16] [--slots 4]
 *     [--db-url jdbc:postgresql://…] [--db-user U] [--db-password P]
 * </pre>
 * PostgreSQL's URL, user and password default to {@code FILPROVER_TEST_PG_URL/_USER/_PASSWORD}.
 */
public final class ServiceOverheadBenchmark {
    private ServiceOverheadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String store = "h2";
        int jobs = 3000;
        int warmup = 500;
        int clients = 16;
        int slots = 4;
        String url = System.getenv("FILPROVER_TEST_PG_URL");
        String user = System.getenv().getOrDefault("FILPROVER_TEST_PG_USER", "filprover");
        String password = System.getenv().getOrDefault("FILPROVER_TEST_PG_PASSWORD", "");
        for (int i = 0; i < args.length; i++) {
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--store" -> store = args[++i];
                case "--jobs" -> jobs = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--clients" -> clients = Integer.parseInt(args[++i]);
                case "--slots" -> slots = Integer.parseInt(args[++i]);
                case "--db-url" -> url = args[++i];
                case "--db-user" -> user = args[++i];
                case "--db-password" -> password = args[++i];
                default -> {
                    System.err.println("unknown option " + args[i] + (v == null ? "" : "") + "; see the class comment");
                    System.exit(2);
                }
            }
        }
        Path dir = Files.createTempDirectory("filprover-service-bench");
        String schema = null;
        JobStore jobStore;
        if (store.equals("h2")) {
            jobStore = JobStores.embedded(dir.resolve("db"));
        } else if (store.equals("postgresql")) {
            if (url == null || url.isBlank()) {
                System.err.println("--store postgresql needs --db-url or FILPROVER_TEST_PG_URL");
                System.exit(2);
            }
            schema = "bench_" + UUID.randomUUID().toString().replace("-", "");
            sql(url, user, password, "CREATE SCHEMA " + schema);
            jobStore = JobStores.open(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema, user, password);
        } else {
            throw new IllegalArgumentException("--store is h2 or postgresql, not " + store);
        }
        try (EmbeddedService service = EmbeddedService.start(jobStore, new HostPort("127.0.0.1", 0), List.of(dir),
                1, slots, Backends.discover(), dir.resolve("work"), dir.resolve("parents"))) {
            run(service.address(), warmup, clients, null, null);
            long[] overheadNs = new long[jobs];
            long[][] segments = new long[SEGMENTS.length][jobs];
            var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean();
            long cpu0 = os.getProcessCpuTime();
            long start = System.nanoTime();
            run(service.address(), jobs, clients, overheadNs, segments);
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuMsPerJob = (os.getProcessCpuTime() - cpu0) / 1e6 / jobs;
            Arrays.sort(overheadNs);
            double p50 = ms(overheadNs[(int) Math.ceil(0.50 * jobs) - 1]);
            double p99 = ms(overheadNs[(int) Math.ceil(0.99 * jobs) - 1]);
            double max = ms(overheadNs[jobs - 1]);
            double rate = jobs / seconds;
            System.out.printf(Locale.ROOT, "store %s, %d jobs (after %d warm-up) from %d clients, %d worker slots, "
                    + "%d CPUs, JDK %s%n", store, jobs, warmup, clients, slots,
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
            System.out.printf(Locale.ROOT, "  %.0f jobs/s; overhead p50 %.2f ms, p99 %.2f ms, max %.2f ms; "
                    + "%.2f ms CPU per job (this process: clients, coordinator, store, worker)%n",
                    rate, p50, p99, max, cpuMsPerJob);
            StringBuilder where = new StringBuilder("  where a job's time goes (p50 / p99, ms):");
            for (int k = 0; k < SEGMENTS.length; k++) {
                Arrays.sort(segments[k]);
                where.append(String.format(Locale.ROOT, " %s %d / %d;", SEGMENTS[k],
                        segments[k][(int) Math.ceil(0.50 * jobs) - 1], segments[k][(int) Math.ceil(0.99 * jobs) - 1]));
            }
            System.out.println(where);
            System.out.printf(Locale.ROOT, "{\"store\":\"%s\",\"jobs\":%d,\"clients\":%d,\"slots\":%d,\"jobs_per_s\":%.1f,"
                    + "\"overhead_p50_ms\":%.3f,\"overhead_p99_ms\":%.3f,\"overhead_max_ms\":%.3f,\"cpu_ms_per_job\":%.3f,\"jdk\":\"%s\"}%n",
                    store, jobs, clients, slots, rate, p50, p99, max, cpuMsPerJob, System.getProperty("java.version"));
        } finally {
            if (schema != null) {
                sql(url, user, password, "DROP SCHEMA " + schema + " CASCADE");
            }
            deleteTree(dir);
        }
    }

    /**
     * The parts of a job's time, from the client's clock and the job's stored times (one process, one
     * clock; milliseconds): Submit sent → job stored, stored → claimed (queue), claimed → result stored
     * less the work (assignment delivery, worker dispatch, Complete), the work, result stored → Await returned.
     */
    private static final String[] SEGMENTS = {"submit", "queue", "lease+complete", "work", "await"};

    /** Runs {@code jobs} jobs from {@code clients} threads; records each one's overhead when asked. */
    private static void run(String address, int jobs, int clients, long[] overheadNs, long[][] segments)
            throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(clients);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            long seed = new SplittableRandom().nextLong();
            Thread t = new Thread(() -> {
                ManagedChannel channel = NettyChannelBuilder.forTarget(address).usePlaintext().build();
                try {
                    SplittableRandom random = new SplittableRandom(seed);
                    var api = ProverServiceGrpc.newBlockingStub(channel);
                    byte[] piece = new byte[127];
                    for (int i; (i = next.getAndIncrement()) < jobs && failure.get() == null; ) {
                        random.nextBytes(piece);
                        JobRequest r = JobRequest.newBuilder().setCommp(CommPRequest.newBuilder()
                                .setData(ByteString.copyFrom(piece))).build();
                        long w0 = System.currentTimeMillis();
                        long t0 = System.nanoTime();
                        String id = api.withDeadlineAfter(60, TimeUnit.SECONDS)
                                .submit(SubmitRequest.newBuilder().setRequest(r).build()).getJob().getJobId();
                        Job j = api.withDeadlineAfter(60, TimeUnit.SECONDS)
                                .await(AwaitRequest.newBuilder().setJobId(id).build());
                        long t1 = System.nanoTime();
                        long w1 = System.currentTimeMillis();
                        if (j.getState() != JobState.JOB_STATE_SUCCEEDED) {
                            throw new IllegalStateException("job " + id + " ended " + j.getState() + ": " + j.getError());
                        }
                        long workMs = j.getResult().getTimingsList().stream()
                                .filter(s -> s.getStage().equals("comm_p")).mapToLong(StageTiming::getMillis).sum();
                        if (overheadNs != null) {
                            overheadNs[i] = Math.max(0, (t1 - t0) - TimeUnit.MILLISECONDS.toNanos(workMs));
                            segments[0][i] = j.getCreatedUnixMs() - w0;
                            segments[1][i] = j.getStartedUnixMs() - j.getCreatedUnixMs();
                            segments[2][i] = j.getFinishedUnixMs() - j.getStartedUnixMs() - workMs;
                            segments[3][i] = workMs;
                            segments[4][i] = w1 - j.getFinishedUnixMs();
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                } finally {
                    channel.shutdownNow();
                    done.countDown();
                }
            }, "bench-client-" + c);
            threads.add(t);
            t.start();
        }
        done.await();
        if (failure.get() != null) {
            throw new IllegalStateException("a client failed", failure.get());
        }
    }

    private static double ms(long ns) {
        return ns / 1e6;
    }

    private static void sql(String url, String user, String password, String statement) throws Exception {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
