package io.filprover.cli;

import io.filprover.api.job.CancellationToken;
import io.filprover.api.job.JobContext;
import io.filprover.api.job.ProgressSink;
import io.filprover.proofs.api.CommitmentStages;
import io.filprover.proto.v1.CommPRequest;
import io.filprover.proto.v1.GetJobRequest;
import io.filprover.proto.v1.GetStatusRequest;
import io.filprover.proto.v1.Job;
import io.filprover.proto.v1.JobRequest;
import io.filprover.proto.v1.JobState;
import io.filprover.proto.v1.ListJobsRequest;
import io.filprover.proto.v1.ListJobsResponse;
import io.filprover.proto.v1.ProverServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;

import java.io.ByteArrayInputStream;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the multi-process service tests share: {@code filprover serve} and {@code filprover worker}
 * started as separate JVMs ({@code java -cp <this JVM's test class path> io.filprover.cli.Main ...}),
 * their output in a log file each, killed with {@link Process#destroyForcibly()} (SIGKILL) by the test
 * or by {@link #close()}; FIFO pieces a test feeds at its own pace; gRPC clients; bounded waits.
 */
final class ServiceProcesses implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on (\\S+)");
    private static final Pattern CONNECTED = Pattern.compile("worker (\\S+) connected");

    final Path dir;
    private final List<Proc> procs = new ArrayList<>();
    private final List<FifoWriter> writers = new ArrayList<>();
    private final List<ManagedChannel> channels = new ArrayList<>();
    private final AtomicInteger logs = new AtomicInteger();

    ServiceProcesses(Path dir) {
        this.dir = dir;
    }

    /** A child JVM and its log. */
    static final class Proc {
        final String name;
        final Process process;
        final Path log;
        String address;

        Proc(String name, Process process, Path log) {
            this.name = name;
            this.process = process;
            this.log = log;
        }

        String log() {
            try {
                return Files.readString(log, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(no log: " + e + ")";
            }
        }

        /** SIGKILL, and waits for the process to be gone. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                throw new AssertionError(name + " survived SIGKILL for 20 s");
            }
        }

        long count(String text) {
            return log().lines().filter(l -> l.contains(text)).count();
        }
    }

    /** Starts {@code filprover ARGS} in a JVM of its own; waits for the line {@code ready} matches (group 1 kept). */
    Proc start(String name, Map<String, String> env, String... args) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", cp, "io.filprover.cli.Main"));
        cmd.addAll(List.of(args));
        Path log = dir.resolve(String.format("%02d-%s.log", logs.incrementAndGet(), name));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        pb.environment().put("FILPROVER_LOG_LEVEL", "INFO");
        pb.environment().putAll(env);
        Proc p = new Proc(name, pb.start(), log);
        procs.add(p);
        Pattern ready = args[0].equals("serve") ? LISTENING : CONNECTED;
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < end) {
            Matcher m = ready.matcher(p.log());
            if (m.find()) {
                p.address = m.group(1);
                return p;
            }
            if (!p.process.isAlive()) {
                throw new AssertionError(name + " exited " + p.process.exitValue() + " before it was ready:\n" + p.log());
            }
            Thread.sleep(50);
        }
        throw new AssertionError(name + " not ready after 60 s:\n" + p.log());
    }

    Proc serve(String name, String listen, String... more) throws IOException, InterruptedException {
        List<String> a = new ArrayList<>(List.of("serve", "--listen", listen, "--storage-root", dir.toString(),
                "--threads", "2"));
        a.addAll(List.of(more));
        return start(name, Map.of(), a.toArray(String[]::new));
    }

    Proc worker(String name, String coordinator, int slots) throws IOException, InterruptedException {
        return start(name, Map.of(), "worker", "--coordinator", coordinator, "--name", name, "--storage-root",
                dir.toString(), "--slots", Integer.toString(slots), "--threads", "2");
    }

    ProverServiceGrpc.ProverServiceBlockingStub client(String address) {
        String[] hp = address.split(":");
        ManagedChannel ch = NettyChannelBuilder.forAddress(hp[0], Integer.parseInt(hp[1])).usePlaintext()
                .maxInboundMessageSize(64 << 20).build();
        channels.add(ch);
        return ProverServiceGrpc.newBlockingStub(ch);
    }

    /** A FIFO under the test directory. */
    Path fifo(String name) throws IOException, InterruptedException {
        Path f = dir.resolve(name);
        Process p = new ProcessBuilder("mkfifo", f.toString()).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IOException("mkfifo " + f + " failed");
        }
        return f;
    }

    FifoWriter feed(Path fifo, byte[] data, int firstBytes) {
        FifoWriter w = new FifoWriter(fifo, data, firstBytes);
        writers.add(w);
        w.thread.start();
        return w;
    }

    /**
     * Writes {@code data} into a FIFO: the first {@code firstBytes}, then waits for {@link #resume()}.
     * When the reader goes away (broken pipe: its worker was killed, or stopped reading) it counts the
     * break and, unless {@link #stopAfterBreak}, opens the FIFO again and writes everything from the start
     * for the next reader.
     */
    static final class FifoWriter {
        final Path fifo;
        final byte[] data;
        final int firstBytes;
        final CountDownLatch go = new CountDownLatch(1);
        final AtomicInteger opens = new AtomicInteger();
        final AtomicInteger breaks = new AtomicInteger();
        final AtomicLong written = new AtomicLong();
        final AtomicBoolean finished = new AtomicBoolean();
        volatile boolean stopAfterBreak;
        volatile boolean closed;
        final Thread thread;

        FifoWriter(Path fifo, byte[] data, int firstBytes) {
            this.fifo = fifo;
            this.data = data;
            this.firstBytes = firstBytes;
            this.thread = new Thread(this::run, "fifo-" + fifo.getFileName());
            thread.setDaemon(true);
        }

        void resume() {
            go.countDown();
        }

        private void run() {
            while (!closed) {
                try (OutputStream out = new FileOutputStream(fifo.toFile())) { // blocks until a reader opens
                    opens.incrementAndGet();
                    written.set(0);
                    int at = 0;
                    while (at < data.length && !closed) {
                        if (at >= firstBytes) {
                            go.await();
                        }
                        int n = Math.min(64 << 10, data.length - at);
                        if (at < firstBytes) {
                            n = Math.min(n, firstBytes - at);
                        }
                        out.write(data, at, n);
                        at += n;
                        written.set(at);
                    }
                    out.flush();
                    finished.set(true);
                    return;
                } catch (IOException e) {
                    breaks.incrementAndGet();
                    if (stopAfterBreak) {
                        return;
                    }
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        /** Ends the thread, opening the FIFO for reading if it waits for a reader. */
        void close() throws InterruptedException {
            closed = true;
            go.countDown();
            for (int i = 0; i < 20 && thread.isAlive(); i++) {
                Thread opener = new Thread(() -> {
                    try (InputStream in = new FileInputStream(fifo.toFile())) {
                        in.readNBytes(1);
                    } catch (IOException ignored) {
                        // gone
                    }
                });
                opener.setDaemon(true);
                opener.start();
                thread.join(250);
            }
        }
    }

    /** Polls GetJob until {@code until} holds; fails after {@code seconds}. */
    static Job waitJob(ProverServiceGrpc.ProverServiceBlockingStub api, String jobId, int seconds, Predicate<Job> until,
                       String what) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        Job j = null;
        while (System.nanoTime() < end) {
            j = api.withDeadlineAfter(10, TimeUnit.SECONDS).getJob(GetJobRequest.newBuilder().setJobId(jobId).build());
            if (until.test(j)) {
                return j;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("job " + jobId + " never " + what + " in " + seconds + " s: " + j);
    }

    /** Every job the coordinator lists, all pages. */
    static List<Job> allJobs(ProverServiceGrpc.ProverServiceBlockingStub api, JobState state) {
        List<Job> out = new ArrayList<>();
        String token = "";
        do {
            ListJobsRequest.Builder q = ListJobsRequest.newBuilder().setPageSize(1000).setPageToken(token);
            if (state != null) {
                q.setState(state);
            }
            ListJobsResponse page = api.withDeadlineAfter(30, TimeUnit.SECONDS).listJobs(q.build());
            out.addAll(page.getJobsList());
            token = page.getNextPageToken();
        } while (!token.isEmpty());
        return out;
    }

    /** Waits until the coordinator lists {@code n} connected workers. */
    static void waitWorkers(ProverServiceGrpc.ProverServiceBlockingStub api, int n, int seconds) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        int seen = -1;
        while (System.nanoTime() < end) {
            try {
                seen = api.withDeadlineAfter(5, TimeUnit.SECONDS).getStatus(GetStatusRequest.getDefaultInstance())
                        .getWorkersCount();
                if (seen >= n) {
                    return;
                }
            } catch (io.grpc.StatusRuntimeException e) {
                // not up yet
            }
            Thread.sleep(50);
        }
        throw new AssertionError(n + " workers never connected in " + seconds + " s (last seen " + seen + ")");
    }

    static JobRequest commp(String requestId, byte[] data) {
        return JobRequest.newBuilder().setRequestId(requestId)
                .setCommp(CommPRequest.newBuilder().setData(com.google.protobuf.ByteString.copyFrom(data))).build();
    }

    static JobRequest commpPath(String requestId, Path p) {
        return JobRequest.newBuilder().setRequestId(requestId)
                .setCommp(CommPRequest.newBuilder().setPath(p.toString())).build();
    }

    /** comm_p computed here, apart from the service. */
    static byte[] commP(byte[] data) {
        try (JobContext ctx = JobContext.open(KernelOptions.backends(), "cpu", 2, ProgressSink.NONE,
                CancellationToken.create(), null)) {
            return CommitmentStages.commP(new ByteArrayInputStream(data), ctx, b -> { }).commP().bytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kills every process (SIGKILL) and ends the FIFO writers and channels; the first failure is thrown. */
    @Override
    public void close() throws Exception {
        Exception first = null;
        for (Proc p : procs) {
            try {
                p.kill();
            } catch (Exception | AssertionError e) {
                if (first == null) {
                    first = new Exception(e);
                }
            }
        }
        for (FifoWriter w : writers) {
            w.close();
        }
        for (ManagedChannel ch : channels) {
            ch.shutdownNow();
        }
        if (first != null) {
            throw first;
        }
    }

    /** Every log, for a failure message. */
    String logs() {
        StringBuilder b = new StringBuilder();
        for (Proc p : procs) {
            String text = p.log();
            b.append("---- ").append(p.name).append(" ----\n")
                    .append(text.length() > 6000 ? text.substring(text.length() - 6000) : text).append('\n');
        }
        return b.toString();
    }
}
