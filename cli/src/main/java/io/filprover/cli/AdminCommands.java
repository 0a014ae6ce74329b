package io.filprover.cli;

import io.filprover.proto.v1.AdminServiceGrpc;
import io.filprover.proto.v1.CordonRequest;
import io.filprover.proto.v1.DrainRequest;
import io.filprover.proto.v1.DrainResponse;
import io.filprover.proto.v1.EvictParamsRequest;
import io.filprover.proto.v1.PreloadParamsRequest;
import io.filprover.proto.v1.WorkerStatus;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * {@code filprover admin cordon|uncordon|drain|preload-params|evict-params}: the coordinator's
 * AdminService on the command line (an admin token when the coordinator has tokens).
 */
final class AdminCommands {
    private AdminCommands() {
    }

    abstract static class AdminBase implements Callable<Integer> {
        @Mixin
        ServiceCommands.ClientOptions client = new ServiceCommands.ClientOptions();

        @Mixin
        OutputOptions output = new OutputOptions();

        @Spec
        CommandSpec spec;

        <T> T call(Function<AdminServiceGrpc.AdminServiceBlockingStub, T> body) {
            ManagedChannel ch = client.open();
            try {
                return body.apply(AdminServiceGrpc.newBlockingStub(ch));
            } catch (StatusRuntimeException e) {
                throw ServiceCommands.clientError(client, e);
            } finally {
                ch.shutdownNow();
            }
        }

        void print(Map<String, Object> m) {
            output.print(spec.commandLine().getOut(), m);
        }

        /** Prints the workers a parameter request reached; exit 0. */
        int printWorkers(List<String> ids) {
            print(Map.of("workers", ids));
            return 0;
        }

        static Map<String, Object> worker(WorkerStatus w) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("worker_id", w.getWorkerId());
            m.put("cordoned", w.getCordoned());
            m.put("running", w.getRunningJobIdsCount());
            return m;
        }
    }

    @Command(name = "cordon", mixinStandardHelpOptions = true, description = "The worker gets no new jobs; its running ones finish.")
    static final class Cordon extends AdminBase {
        @Parameters(index = "0", paramLabel = "WORKER_ID")
        String workerId;

        @Override
        public Integer call() {
            print(worker(call(s -> s.cordon(CordonRequest.newBuilder().setWorkerId(workerId).build()))));
            return 0;
        }
    }

    @Command(name = "uncordon", mixinStandardHelpOptions = true, description = "The worker takes jobs again.")
    static final class Uncordon extends AdminBase {
        @Parameters(index = "0", paramLabel = "WORKER_ID")
        String workerId;

        @Override
        public Integer call() {
            print(worker(call(s -> s.uncordon(CordonRequest.newBuilder().setWorkerId(workerId).build()))));
            return 0;
        }
    }

    @Command(name = "drain", mixinStandardHelpOptions = true,
            description = {"Cordons the worker and waits until its running jobs have ended (or --timeout passes).",
                "Exit 0 drained, 1 jobs still running at the timeout."})
    static final class Drain extends AdminBase {
        @Parameters(index = "0", paramLabel = "WORKER_ID")
        String workerId;

        @Option(names = "--timeout", paramLabel = "S", description = "Give up waiting after S seconds (default: wait).")
        Long timeoutSeconds;

        @Override
        public Integer call() {
            if (timeoutSeconds != null && timeoutSeconds < 0) {
                throw new io.filprover.api.InvalidInputException("timeout", "must not be negative, got " + timeoutSeconds);
            }
            DrainResponse r = call(s -> s.drain(DrainRequest.newBuilder().setWorkerId(workerId)
                    .setTimeoutMs(timeoutSeconds == null ? 0 : timeoutSeconds * 1000).build()));
            Map<String, Object> m = worker(r.getWorker());
            m.put("drained", r.getDrained());
            print(m);
            return r.getDrained() ? 0 : Main.EXIT_FAILURE;
        }
    }

    /** {@code --worker ID}: the one worker a parameter request is for (none: every worker). */
    static final class WorkerOption {
        @Option(names = "--worker", paramLabel = "WORKER_ID", description = "Only this worker.")
        String workerId;

        /** Names the worker in a request, if one was given. */
        void applyTo(java.util.function.Consumer<String> setWorkerId) {
            if (workerId != null) {
                setWorkerId.accept(workerId);
            }
        }
    }

    @Command(name = "preload-params", mixinStandardHelpOptions = true,
            description = "Asks workers (all, or --worker) to load parameter files and keep them loaded between jobs.")
    static final class Preload extends AdminBase {
        @Parameters(index = "0..*", arity = "1..*", paramLabel = "FILE_NAME", description = "Parameter file names (v28-….params).")
        List<String> params = new ArrayList<>();

        @Mixin
        WorkerOption worker = new WorkerOption();

        @Override
        public Integer call() {
            PreloadParamsRequest.Builder b = PreloadParamsRequest.newBuilder().addAllParams(params);
            worker.applyTo(b::setWorkerId);
            return printWorkers(call(s -> s.preloadParams(b.build())).getWorkerIdsList());
        }
    }

    @Command(name = "evict-params", mixinStandardHelpOptions = true,
            description = "Asks workers (all, or --worker) to let go of loaded parameter files (all, or those named).")
    static final class Evict extends AdminBase {
        @Parameters(index = "0..*", arity = "0..*", paramLabel = "FILE_NAME", description = "Parameter file names; none: every one.")
        List<String> params = new ArrayList<>();

        @Mixin
        WorkerOption worker = new WorkerOption();

        @Override
        public Integer call() {
            EvictParamsRequest.Builder b = EvictParamsRequest.newBuilder().addAllParams(params);
            worker.applyTo(b::setWorkerId);
            return printWorkers(call(s -> s.evictParams(b.build())).getWorkerIdsList());
        }
    }

    @Command(name = "admin", mixinStandardHelpOptions = true,
            description = "Operates the farm: cordon, uncordon, drain a worker; preload or evict parameters.",
            subcommands = {Cordon.class, Uncordon.class, Drain.class, Preload.class, Evict.class})
    static final class Admin implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(spec.commandLine().getOut());
        }
    }
}
