package io.filprover.cli;

import io.filprover.api.InvalidInputException;
import io.filprover.proto.v1.AwaitRequest;
import io.filprover.proto.v1.CancelRequest;
import io.filprover.proto.v1.GetJobRequest;
import io.filprover.proto.v1.GetStatusRequest;
import io.filprover.proto.v1.Job;
import io.filprover.proto.v1.JobState;
import io.filprover.proto.v1.ListJobsRequest;
import io.filprover.proto.v1.ListJobsResponse;
import io.filprover.proto.v1.ProverServiceGrpc;
import io.filprover.proto.v1.QueueDepth;
import io.filprover.proto.v1.StatusResponse;
import io.filprover.proto.v1.WatchRequest;
import io.filprover.proto.v1.WorkerStatus;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static io.filprover.cli.ServiceCommands.*;

/** {@code filprover await|jobs|status|cancel}: a coordinator's jobs and state, as a client. */
final class JobCommands {
    private JobCommands() {
    }

    @Command(name = "await", mixinStandardHelpOptions = true,
            description = {"Waits for a job to end and prints it, with its progress on stderr.",
                "Exit 0 succeeded, 3 its proof was rejected, 2 it failed on its input, 1 otherwise (cancelled, failed, timed out)."})
    static final class Await implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "JOB_ID")
        String jobId;

        @Option(names = "--timeout", paramLabel = "S", description = "Give up after S seconds (default: wait until the job ends).")
        Long timeoutSeconds;

        @Option(names = "--no-progress", description = "Never show the progress bar.")
        boolean noProgress;

        @Option(names = "--out", paramLabel = "FILE",
                description = "Write the result's payload to FILE when the job succeeds: a seal-c1 job's C1 output JSON, a seal-c2 job's proof bytes, a PoSt job's vanilla proofs (downloaded when they travelled as a blob).")
        java.nio.file.Path out;

        @Mixin
        ClientOptions client = new ClientOptions();

        @Mixin
        OutputOptions output = new OutputOptions();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws java.io.IOException {
            if (timeoutSeconds != null && timeoutSeconds < 0) {
                throw new InvalidInputException("timeout", "must not be negative, got " + timeoutSeconds);
            }
            if (out != null) {
                io.filprover.proofs.api.OutputPaths.checkFile("out", out);
            }
            Job job = withClient(client, s -> noProgress
                    ? s.await(AwaitRequest.newBuilder().setJobId(jobId)
                            .setTimeoutMs(timeoutSeconds == null ? 0 : timeoutSeconds * 1000).build())
                    : watch(s));
            output.print(spec.commandLine().getOut(), fields(job));
            if (!job.getState().equals(JobState.JOB_STATE_SUCCEEDED) && !job.getState().equals(JobState.JOB_STATE_FAILED)
                    && !job.getState().equals(JobState.JOB_STATE_CANCELLED)) {
                spec.commandLine().getErr().println("await: job " + jobId + " is still " + stateName(job.getState())
                        + " after " + timeoutSeconds + " s");
                spec.commandLine().getErr().flush();
                return Main.EXIT_FAILURE;
            }
            if (out != null && job.getState() == JobState.JOB_STATE_SUCCEEDED) {
                ResultPayloads.write(client, job, out);
            }
            return exitCode(job);
        }

        /** Follows the job's Watch stream, drawing its progress; the last snapshot. */
        private Job watch(ProverServiceGrpc.ProverServiceBlockingStub s) {
            ProverServiceGrpc.ProverServiceBlockingStub stub = timeoutSeconds == null || timeoutSeconds == 0 ? s
                    : s.withDeadlineAfter(timeoutSeconds, TimeUnit.SECONDS);
            Job last = null;
            ProgressBar bar = null;
            String task = null;
            try {
                Iterator<Job> it = stub.watch(WatchRequest.newBuilder().setJobId(jobId).build());
                while (it.hasNext()) {
                    last = it.next();
                    if (last.hasProgress() && last.getProgress().getTotal() > 0) {
                        if (bar == null || !last.getProgress().getTask().equals(task)) {
                            if (bar != null) {
                                bar.close();
                            }
                            task = last.getProgress().getTask();
                            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(last.getProgress().getTotal())
                                    .setStyle(ProgressBarStyle.ASCII)
                                    .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
                        }
                        bar.stepTo(last.getProgress().getDone());
                    }
                }
            } catch (StatusRuntimeException e) {
                if (e.getStatus().getCode() != Status.Code.DEADLINE_EXCEEDED) {
                    throw e;
                }
                last = s.getJob(GetJobRequest.newBuilder().setJobId(jobId).build());
            } finally {
                if (bar != null) {
                    bar.close();
                }
            }
            return last != null ? last : s.getJob(GetJobRequest.newBuilder().setJobId(jobId).build());
        }
    }

    @Command(name = "jobs", mixinStandardHelpOptions = true, description = "Lists jobs, oldest first.")
    static final class Jobs implements Callable<Integer> {
        @Option(names = "--state", paramLabel = "S", description = "queued, running, succeeded, failed or cancelled.")
        String state;

        @Option(names = "--kind", paramLabel = "K", description = "commp, seal-pc1, seal-pc2, seal-c1, seal-c2, window-post, winning-post.")
        String kind;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "1000", description = "At most N jobs (default: ${DEFAULT-VALUE}).")
        int limit;

        @Mixin
        ClientOptions client = new ClientOptions();

        @Mixin
        OutputOptions output = new OutputOptions();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            ListJobsRequest.Builder q = ListJobsRequest.newBuilder();
            if (state != null) {
                q.setState(parseState(state));
            }
            if (kind != null) {
                q.setKind(parseKind(kind));
            }
            List<Job> all = withClient(client, s -> {
                List<Job> out = new ArrayList<>();
                String token = "";
                do {
                    ListJobsResponse page = s.listJobs(q.setPageToken(token).setPageSize(Math.min(1000, Math.max(1, limit))).build());
                    out.addAll(page.getJobsList());
                    token = page.getNextPageToken();
                } while (!token.isEmpty() && out.size() < limit);
                return out;
            });
            PrintWriter w = spec.commandLine().getOut();
            for (Job j : all.subList(0, Math.min(limit, all.size()))) {
                Map<String, Object> m = fields(j);
                if (output.json) {
                    w.println(Json.line(m));
                } else {
                    w.println(String.format("%-24s %-13s %-10s %s", j.getJobId(), kindName(j.getKind()), stateName(j.getState()),
                            m.getOrDefault("comm_p", m.getOrDefault("error", ""))));
                }
            }
            w.flush();
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Shows the coordinator's workers, queues and accepted kinds.")
    static final class StatusCmd implements Callable<Integer> {
        @Mixin
        ClientOptions client = new ClientOptions();

        @Mixin
        OutputOptions output = new OutputOptions();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            StatusResponse st = withClient(client, s -> s.getStatus(GetStatusRequest.getDefaultInstance()));
            List<Map<String, Object>> workers = new ArrayList<>();
            for (WorkerStatus w : st.getWorkersList()) {
                workers.add(worker(w));
            }
            Map<String, Object> queues = new LinkedHashMap<>();
            for (QueueDepth q : st.getQueuesList()) {
                queues.put(kindName(q.getKind()), q.getQueued() + " queued, " + q.getRunning() + " running");
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("coordinator", client.coordinator);
            out.put("kinds", st.getKindsList().stream().map(ServiceCommands::kindName).toList());
            out.put("workers", output.json ? workers : workers.stream().map(m -> m.get("worker_id") + " " + m.get("backends")
                    + " running " + m.get("running") + " cpu fallbacks " + m.get("cpu_fallbacks")).toList());
            out.put("queues", queues);
            output.print(spec.commandLine().getOut(), out);
            return 0;
        }

        /** One worker's fields: devices, running jobs, device busy share, parameter bytes per tier, CPU fallbacks. */
        private static Map<String, Object> worker(WorkerStatus w) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("worker_id", w.getWorkerId());
            m.put("host", w.getInfo().getHost());
            m.put("threads", w.getInfo().getThreads());
            m.put("slots", w.getInfo().getSlots());
            m.put("backends", w.getInfo().getDevicesList().stream()
                    .map(d -> d.getBackend() + (d.getAvailable() ? "" : " (unavailable)")).distinct().toList());
            m.put("running", w.getRunningJobIdsList());
            Map<String, Object> busy = new LinkedHashMap<>();
            w.getDeviceUtilizationList().forEach(d -> busy.put(d.getBackend(), d.getBusyRatio()));
            m.put("device_busy", busy);
            Map<String, Long> params = new LinkedHashMap<>();
            for (String tier : List.of("hot", "warm", "cold")) {
                params.put(tier, 0L);
            }
            for (io.filprover.proto.v1.ParamFile f : w.getParamsList()) {
                String tier = switch (f.getTier()) {
                    case PARAM_TIER_HOT -> "hot";
                    case PARAM_TIER_WARM -> "warm";
                    case PARAM_TIER_COLD -> "cold";
                    default -> null;
                };
                if (tier != null) {
                    params.merge(tier, f.getBytes(), Long::sum);
                }
            }
            m.put("param_bytes", params);
            Map<String, Long> fallbacks = new LinkedHashMap<>();
            w.getCpuFallbacksList().forEach(f -> fallbacks.put(f.getBackend(), f.getCount()));
            m.put("cpu_fallbacks", fallbacks);
            return m;
        }
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true,
            description = "Cancels a job: a queued one ends at once, a running one at its next kernel boundary.")
    static final class Cancel implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "JOB_ID")
        String jobId;

        @Option(names = "--reason", paramLabel = "TEXT", defaultValue = "cancelled from the command line")
        String reason;

        @Mixin
        ClientOptions client = new ClientOptions();

        @Mixin
        OutputOptions output = new OutputOptions();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Job j = withClient(client, s -> s.cancel(CancelRequest.newBuilder().setJobId(jobId).setReason(reason).build()));
            output.print(spec.commandLine().getOut(), fields(j));
            return 0;
        }
    }
}
