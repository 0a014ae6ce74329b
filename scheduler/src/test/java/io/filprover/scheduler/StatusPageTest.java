package io.filprover.scheduler;

import io.filprover.proto.v1.Assignment;
import io.filprover.proto.v1.CommPRequest;
import io.filprover.proto.v1.ErrorClass;
import io.filprover.proto.v1.FailRequest;
import io.filprover.proto.v1.GetJobRequest;
import io.filprover.proto.v1.HeartbeatRequest;
import io.filprover.proto.v1.Job;
import io.filprover.proto.v1.JobError;
import io.filprover.proto.v1.JobKind;
import io.filprover.proto.v1.JobRequest;
import io.filprover.proto.v1.JobState;
import io.filprover.proto.v1.LeaseProgress;
import io.filprover.proto.v1.LeaseRequest;
import io.filprover.proto.v1.Priority;
import io.filprover.proto.v1.Progress;
import io.filprover.proto.v1.ProverServiceGrpc;
import io.filprover.proto.v1.RegisterRequest;
import io.filprover.proto.v1.SubmitRequest;
import io.filprover.proto.v1.WorkerInfo;
import io.filprover.proto.v1.WorkerServiceGrpc;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The status page over live state: a worker (its name full of HTML metacharacters) runs one job with
 * reported progress, two wait in the queue, one failed with a message that is markup. Read as served
 * (its tables parsed), and as headless Chromium renders it: a screenshot, and the rendered DOM's
 * tables holding the live jobs and the worker.
 */
class StatusPageTest {
    private static final String NAME = "op<b>\"x\"</b>&co";
    private static final String MARKUP = "<script>alert('boom')</script>";

    @TempDir
    Path root;

    private InProcessFarm farm;
    private String workerId;
    private Job running;
    private Job queuedHigh;
    private Job queuedLow;
    private Job failed;

    @BeforeEach
    void liveState() throws Exception {
        farm = new InProcessFarm(root, new InMemoryJobStore(), b -> b.http(new HostPort("127.0.0.1", 0), false)
                .lease(60_000, 1_000));
        ProverServiceGrpc.ProverServiceBlockingStub client = farm.client;
        WorkerServiceGrpc.WorkerServiceBlockingStub w = farm.workerService;
        workerId = w.register(RegisterRequest.newBuilder().setInfo(WorkerInfo.newBuilder().setName(NAME).setHost("rig-7")
                .addKinds(JobKind.JOB_KIND_COMMP).setSlots(1).setThreads(8)).build()).getWorkerId();
        Iterator<Assignment> stream = w.lease(LeaseRequest.newBuilder().setWorkerId(workerId).build());

        failed = submit(client, Priority.PRIORITY_NORMAL, "bad");
        Assignment a = stream.next();
        w.fail(FailRequest.newBuilder().setLeaseId(a.getLeaseId()).setError(JobError.newBuilder()
                .setErrorClass(ErrorClass.ERROR_CLASS_PERMANENT).setKind("INVALID_INPUT").setMessage(MARKUP)).build());
        running = submit(client, Priority.PRIORITY_NORMAL, "run");
        Assignment r = stream.next();
        assertEquals(running.getJobId(), r.getJob().getJobId());
        w.heartbeat(HeartbeatRequest.newBuilder().setWorkerId(workerId).addLeases(LeaseProgress.newBuilder()
                .setLeaseId(r.getLeaseId()).setProgress(Progress.newBuilder().setTask("comm_p").setDone(50).setTotal(200)))
                .build());
        queuedLow = submit(client, Priority.PRIORITY_LOW, "low");
        queuedHigh = submit(client, Priority.PRIORITY_HIGH, "high");
        assertEquals(JobState.JOB_STATE_FAILED,
                client.getJob(GetJobRequest.newBuilder().setJobId(failed.getJobId()).build()).getState());
    }

    private static Job submit(ProverServiceGrpc.ProverServiceBlockingStub client, Priority p, String data) {
        return client.submit(SubmitRequest.newBuilder().setRequest(JobRequest.newBuilder().setPriority(p)
                .setCommp(CommPRequest.newBuilder().setData(com.google.protobuf.ByteString.copyFromUtf8(data)))).build())
                .getJob();
    }

    @AfterEach
    void stop() {
        farm.close();
    }

    /** The inner HTML of {@code <table id="ID">}. */
    static String table(String html, String id) {
        Matcher m = Pattern.compile("<table id=\"" + id + "\">(.*?)</table>", Pattern.DOTALL).matcher(html);
        assertTrue(m.find(), "no table " + id + " in:\n" + html);
        return m.group(1);
    }

    /** The text of some HTML: tags dropped, entities read. */
    static String text(String html) {
        return html.replaceAll("<[^>]*>", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&amp;", "&");
    }

    /** Checks the page's tables hold the live state; {@code html} as served or as Chromium's DOM. */
    private void holdsTheLiveState(String html) {
        String queue = text(table(html, "queue"));
        assertTrue(queue.contains(queuedHigh.getJobId()) && queue.contains(queuedLow.getJobId()), queue);
        assertFalse(queue.contains(running.getJobId()), queue);
        assertTrue(queue.indexOf(queuedHigh.getJobId()) < queue.indexOf(queuedLow.getJobId()),
                "the queue lists jobs in the order they will run: " + queue);
        String run = text(table(html, "running"));
        assertTrue(run.contains(running.getJobId()) && run.contains(workerId), run);
        assertTrue(run.contains("comm_p 25.0% (50 / 200)"), run);
        String workers = text(table(html, "workers"));
        assertTrue(workers.contains(workerId) && workers.contains("rig-7") && workers.contains("1 / 1")
                && workers.contains(running.getJobId()), workers);
        String failures = text(table(html, "failures"));
        assertTrue(failures.contains(failed.getJobId()) && failures.contains("INVALID_INPUT")
                && failures.contains(MARKUP), failures);
        String depth = text(table(html, "queue-depth"));
        assertTrue(depth.matches("(?s).*commp\\s+1 / 0\\s+0 / 1\\s+1 / 0\\s+0 / 0.*"), depth);
    }

    @Test
    void thePageServesTheLiveJobsAndWorkersEscaped() throws Exception {
        HttpResponse<String> r = Scrape.get("http://" + farm.coordinator.httpAddress() + "/");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        String html = r.body();
        holdsTheLiveState(html);
        // every value is escaped: the worker's name and the error's markup stay text
        assertFalse(html.contains("<script"), html);
        assertFalse(html.contains("<b>"), html);
        assertTrue(html.contains(StatusPage.esc(workerId)), html);
        assertTrue(html.contains("http-equiv=\"refresh\""), "it reloads itself");
        assertFalse(html.matches("(?s).*(src|href)=\"https?:.*"), "no external asset");
    }

    @Test
    void headlessChromiumRendersItWithTheLiveTables() throws Exception {
        Path chromium = ExternalTool.require("FILPROVER_TEST_CHROMIUM_REQUIRED", "chromium", "chromium",
                "chromium-browser", "google-chrome");
        String url = "http://" + farm.coordinator.httpAddress() + "/";
        Path png = root.resolve("status.png");
        // as docs/operations.md shows; --no-sandbox because CI runs as root
        List<String> common = List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--user-data-dir=" + root.resolve("profile"));
        List<String> shot = new java.util.ArrayList<>(common);
        shot.addAll(List.of("--screenshot=" + png, "--window-size=1280,1024", url));
        ExternalTool.Run s = ExternalTool.run(shot, null, root, 120);
        assertEquals(0, s.code(), s.out() + s.err());
        assertTrue(Files.size(png) > 1000, "a screenshot of " + Files.size(png) + " bytes");
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1280, image.getWidth());
        assertEquals(1024, image.getHeight());

        List<String> dump = new java.util.ArrayList<>(common);
        dump.addAll(List.of("--dump-dom", url));
        ExternalTool.Run d = ExternalTool.run(dump, null, root, 120);
        assertEquals(0, d.code(), d.err());
        holdsTheLiveState(d.out());
    }
}
