package io.filprover.scheduler;

import io.filprover.proto.v1.Assignment;
import io.filprover.proto.v1.CommPResult;
import io.filprover.proto.v1.CommPRequest;
import io.filprover.proto.v1.CompleteRequest;
import io.filprover.proto.v1.Device;
import io.filprover.proto.v1.DeviceUtilization;
import io.filprover.proto.v1.ErrorClass;
import io.filprover.proto.v1.FailRequest;
import io.filprover.proto.v1.HeartbeatRequest;
import io.filprover.proto.v1.Job;
import io.filprover.proto.v1.JobError;
import io.filprover.proto.v1.JobKind;
import io.filprover.proto.v1.JobRequest;
import io.filprover.proto.v1.JobResult;
import io.filprover.proto.v1.JobState;
import io.filprover.proto.v1.LeaseProgress;
import io.filprover.proto.v1.LeaseRequest;
import io.filprover.proto.v1.ParamFile;
import io.filprover.proto.v1.ParamTier;
import io.filprover.proto.v1.Priority;
import io.filprover.proto.v1.RegisterRequest;
import io.filprover.proto.v1.StageTiming;
import io.filprover.proto.v1.WorkerInfo;
import io.filprover.proto.v1.WorkerServiceGrpc;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The coordinator's /metrics after real traffic: a comm_p job a worker runs, one that fails for good,
 * one retried after a temporary failure (and late for its deadline, on the CPU while the worker's GPU
 * was unavailable), and one whose lease expired; then a live scrape over HTTP, read sample by sample,
 * and checked by {@code promtool check metrics} when it is installed.
 */
class MetricsEndpointTest {
    @TempDir
    Path root;

    private final AtomicLong now = new AtomicLong(System.currentTimeMillis());
    private InProcessFarm farm;

    @AfterEach
    void stop() {
        if (farm != null) {
            farm.close();
        }
    }

    private void start() throws IOException {
        farm = new InProcessFarm(root, new InMemoryJobStore(), b -> b.http(new HostPort("127.0.0.1", 0), false)
                .lease(2_000, 100).clock(now::get));
    }

    private static JobRequest commp(byte[] data) {
        return InProcessFarm.commp(data);
    }

    private Job submit(JobRequest r) {
        return farm.submit(r);
    }

    private Job waitFor(String jobId, Predicate<Job> p) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        Job j = farm.get(jobId);
        while (!p.test(j) && System.nanoTime() < end) {
            Thread.sleep(20);
            j = farm.get(jobId);
        }
        assertTrue(p.test(j), j.toString());
        return j;
    }

    /** Scrapes until {@code ready} holds (gauges over the store refresh once a second), at most 10 s. */
    private Scrape scrapeUntil(Predicate<Scrape> ready) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        Scrape s = farm.scrape();
        while (!ready.test(s) && System.nanoTime() < end) {
            Thread.sleep(100);
            s = farm.scrape();
        }
        return s;
    }

    /** Runs the traffic described above; leaves one job running on the fake worker and one queued behind it. */
    private Traffic traffic() throws Exception {
        start();
        Worker worker = farm.start(farm.worker("local"));
        byte[] piece = new byte[50_000];
        new Random(1).nextBytes(piece);
        Job ok = submit(commp(piece).toBuilder().setDeadlineUnixMs(now.get() + 3_600_000).build());
        Job bad = submit(JobRequest.newBuilder().setCommp(CommPRequest.newBuilder()
                .setPath(root.resolve("no-such-piece").toString())).build());
        ok = farm.await(ok);
        bad = farm.await(bad);
        assertEquals(JobState.JOB_STATE_SUCCEEDED, ok.getState(), ok.toString());
        assertEquals(JobState.JOB_STATE_FAILED, bad.getState(), bad.toString());
        worker.stop();

        // a worker whose CUDA backend is unavailable: its auto jobs run on the CPU; one parameter file
        // on its disk when it registers
        WorkerServiceGrpc.WorkerServiceBlockingStub w = farm.workerService;
        String fake = w.register(RegisterRequest.newBuilder().setInfo(WorkerInfo.newBuilder().setName("fake")
                .addKinds(JobKind.JOB_KIND_COMMP).setSlots(1)
                .addDevices(Device.newBuilder().setBackend("cuda").setAvailable(false).setDetail("no driver"))
                .addDevices(Device.newBuilder().setBackend("cpu").setAvailable(true).setName("2 threads")))
                .addParams(param("v28-a.params", ParamTier.PARAM_TIER_COLD, 1234))
                .build()).getWorkerId();
        Iterator<Assignment> stream = w.lease(LeaseRequest.newBuilder().setWorkerId(fake).build());

        Job retried = submit(commp(new byte[] {1, 2, 3}).toBuilder().setDeadlineUnixMs(now.get() + 500).build());
        Assignment first = stream.next();
        assertEquals(retried.getJobId(), first.getJob().getJobId());
        assertTrue(w.fail(FailRequest.newBuilder().setLeaseId(first.getLeaseId()).setError(JobError.newBuilder()
                .setErrorClass(ErrorClass.ERROR_CLASS_TEMPORARY).setKind("INTERNAL").setMessage("flaky <disk>"))
                .build()).getWillRetry());
        Assignment second = stream.next();
        assertEquals(retried.getJobId(), second.getJob().getJobId());
        now.addAndGet(1_000); // past its deadline, within the 2 s lease
        JobResult result = JobResult.newBuilder().setCommp(CommPResult.newBuilder().setCid("x"))
                .addTimings(StageTiming.newBuilder().setStage("queue_wait").setMillis(5).setWorker(fake))
                .addTimings(StageTiming.newBuilder().setStage("tree_hashing").setMillis(40).setWorker(fake).setBackend("cpu"))
                .addTimings(StageTiming.newBuilder().setStage("total").setMillis(45).setWorker(fake).setBackend("cpu"))
                .setCpuFallbacks(3) // as if its device failed three times and the CPU redid the work
                .build();
        assertTrue(w.complete(CompleteRequest.newBuilder().setLeaseId(second.getLeaseId()).setResult(result).build())
                .getAccepted());

        Job expired = submit(commp(new byte[] {4, 5, 6}));
        Assignment lost = stream.next();
        assertEquals(expired.getJobId(), lost.getJob().getJobId());
        now.addAndGet(10_000); // past the lease: the ticker takes the job back
        waitFor(expired.getJobId(), j -> j.getState() == JobState.JOB_STATE_QUEUED);
        // the worker's next heartbeat learns the lease is lost, which frees its slot for the job's next attempt;
        // it reports its CPU busy 40 % of the interval, one file now held (hot) and the other still on disk
        assertEquals(List.of(lost.getLeaseId()), w.heartbeat(HeartbeatRequest.newBuilder().setWorkerId(fake)
                .addLeases(LeaseProgress.newBuilder().setLeaseId(lost.getLeaseId()))
                .addDeviceUtilization(DeviceUtilization.newBuilder().setBackend("cpu").setBusyRatio(0.4).setIntervalMs(100))
                .addParams(param("v28-a.params", ParamTier.PARAM_TIER_COLD, 1234))
                .addParams(param("v28-b.params", ParamTier.PARAM_TIER_HOT, 5678))
                .build()).getLostLeaseIdsList());
        Assignment again = stream.next();
        assertEquals(expired.getJobId(), again.getJob().getJobId());
        waitFor(expired.getJobId(), j -> j.getState() == JobState.JOB_STATE_RUNNING && j.getAttempts() == 2);
        Job queued = submit(commp(new byte[] {7}).toBuilder().setPriority(Priority.PRIORITY_HIGH).build());
        return new Traffic(ok, bad, retried, expired, queued, fake);
    }

    record Traffic(Job ok, Job bad, Job retried, Job expired, Job queued, String fakeWorker) {
    }

    private static ParamFile param(String name, ParamTier tier, long bytes) {
        return ParamFile.newBuilder().setName(name).setTier(tier).setBytes(bytes).build();
    }

    @Test
    void aLiveScrapeHasEveryFamilyWithTheValuesTheTrafficLeft() throws Exception {
        Traffic t = traffic();
        Scrape s = scrapeUntil(x -> x.value("filprover_queue_depth", "kind", "commp", "priority", "high") == 1);

        assertTrue(s.families().containsAll(Set.of("filprover_queue_depth", "filprover_jobs_running",
                "filprover_job_duration_seconds", "filprover_job_stage_duration_seconds", "filprover_deadline_misses_total",
                "filprover_job_retries_total", "filprover_lease_expiries_total", "filprover_cpu_fallbacks_total",
                "filprover_device_utilization_ratio", "filprover_parameter_cache_bytes", "filprover_preemptions_total",
                "filprover_workers")), s.families().toString());

        // the queue: one HIGH job waits behind the expired one, which runs again (LOW, comm_p's default)
        assertEquals(1, s.value("filprover_queue_depth", "kind", "commp", "priority", "high"));
        assertEquals(0, s.value("filprover_queue_depth", "kind", "commp", "priority", "low"));
        assertEquals(1, s.value("filprover_jobs_running", "kind", "commp", "priority", "low"));
        assertEquals(0, s.value("filprover_queue_depth", "kind", "seal_pc1", "priority", "normal"));

        // ends: two succeeded (the worker's and the retried one), one failed for good
        assertEquals(2, s.value("filprover_job_duration_seconds_count", "kind", "commp", "outcome", "succeeded"));
        assertEquals(1, s.value("filprover_job_duration_seconds_count", "kind", "commp", "outcome", "failed"));
        assertEquals(1, s.value("filprover_job_duration_seconds_bucket", "kind", "commp", "outcome", "failed", "le", "+Inf"));
        // stage times from both results: the real tree_hashing one and the fake 40 ms one
        assertEquals(2, s.value("filprover_job_stage_duration_seconds_count", "kind", "commp", "stage", "tree_hashing"));
        assertEquals(2, s.value("filprover_job_stage_duration_seconds_count", "kind", "commp", "stage", "total"));
        double realTotal = t.ok().getResult().getTimingsList().stream().filter(x -> x.getStage().equals("total"))
                .mapToLong(StageTiming::getMillis).sum();
        assertEquals((realTotal + 45) / 1000.0,
                s.value("filprover_job_stage_duration_seconds_sum", "kind", "commp", "stage", "total"), 1e-9);

        assertEquals(1, s.value("filprover_deadline_misses_total", "kind", "commp"), "the retried job ended late");
        assertEquals(1, s.value("filprover_job_retries_total", "kind", "commp", "error_class", "temporary"));
        assertEquals(1, s.value("filprover_lease_expiries_total"));
        assertEquals(0, t.ok().getResult().getCpuFallbacks(), "the local worker's device never failed");
        assertEquals(3, s.value("filprover_cpu_fallbacks_total", "kind", "commp"), "the fake worker's fallbacks");
        assertEquals(0, s.value("filprover_preemptions_total", "kind", "commp"));

        // the fake worker's last report; the stopped local worker is gone from the per-worker gauges
        assertEquals(0.4, s.value("filprover_device_utilization_ratio", "worker", t.fakeWorker(), "backend", "cpu"));
        assertEquals(1, s.all("filprover_device_utilization_ratio").size(), s.text);
        assertEquals(1, s.value("filprover_workers"));
        assertEquals(5678, s.value("filprover_parameter_cache_bytes", "worker", t.fakeWorker(), "tier", "hot"));
        assertEquals(0, s.value("filprover_parameter_cache_bytes", "worker", t.fakeWorker(), "tier", "warm"));
        assertEquals(1234, s.value("filprover_parameter_cache_bytes", "worker", t.fakeWorker(), "tier", "cold"));
        assertEquals(3, s.all("filprover_parameter_cache_bytes").size(), s.text);
    }

    @Test
    void promtoolAcceptsALiveScrape() throws Exception {
        Path promtool = ExternalTool.require("FILPROVER_TEST_PROMTOOL_REQUIRED", "prometheus", "promtool");
        traffic();
        Scrape s = scrapeUntil(x -> x.value("filprover_queue_depth", "kind", "commp", "priority", "high") == 1);
        Path scrape = Files.writeString(root.resolve("scrape.prom"), s.text);
        // as docs/operations.md shows: curl -s http://HOST:PORT/metrics | promtool check metrics
        ExternalTool.Run r = ExternalTool.run(List.of(promtool.toString(), "check", "metrics"), s.text, root, 60);
        assertEquals(0, r.code(), "promtool check metrics on " + scrape + ":\n" + r.out() + r.err());
    }

    @Test
    void theEndpointIsReadOnlyAndAnswersHealth() throws Exception {
        start();
        String base = "http://" + farm.coordinator.httpAddress();
        HttpResponse<String> health = Scrape.get(base + "/healthz");
        assertEquals(200, health.statusCode());
        assertEquals("ok", health.body().trim());
        assertEquals(404, Scrape.get(base + "/no-such-page").statusCode());
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        HttpResponse<String> post = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/metrics"))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
        // before any traffic every family is there, at zero
        Scrape s = farm.scrape();
        assertEquals(0, s.value("filprover_deadline_misses_total", "kind", "winning_post"));
        assertEquals(0, s.value("filprover_queue_depth", "kind", "window_post", "priority", "critical"));
        assertEquals(0, s.value("filprover_job_duration_seconds_count", "kind", "seal_pc2", "outcome", "succeeded"));
        String address = farm.coordinator.httpAddress();
        farm.coordinator.stop();
        assertTrue(assertThrowsIo(() -> Scrape.get("http://" + address + "/healthz")), "stopped with the coordinator");
    }

    private interface Call {
        void run() throws Exception;
    }

    private static boolean assertThrowsIo(Call c) throws Exception {
        try {
            c.run();
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
