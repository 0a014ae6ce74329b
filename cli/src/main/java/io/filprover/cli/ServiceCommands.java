package io.filprover.cli;

import io.filprover.api.ErrorKind;
import io.filprover.api.Hex;
import io.filprover.api.InvalidInputException;
import io.filprover.proto.v1.Job;
import io.filprover.proto.v1.JobKind;
import io.filprover.proto.v1.JobResult;
import io.filprover.proto.v1.JobState;
import io.filprover.proto.v1.ProverServiceGrpc;
import io.filprover.proto.v1.StageTiming;
import io.filprover.scheduler.HostPort;
import io.filprover.scheduler.store.JobStore;
import io.filprover.scheduler.store.JobStores;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.filprover.scheduler.TransportSecurity;
import io.grpc.ChannelCredentials;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** The proof service on the command line: {@code serve}, {@code worker} and the client commands. */
final class ServiceCommands {
    static final String DEFAULT_COORDINATOR = "127.0.0.1:7777";
    /** comm_p pieces up to this size travel inline; larger ones by path (under the storage roots). */
    static final long INLINE_PIECE = 8L << 20;

    /** Opens the durable store under a data directory (H2 embedded); tests replace this. */
    static volatile Function<Path, JobStore> stores = JobStores::embedded;

    private ServiceCommands() {
    }

    static HostPort address(String s, String field) {
        try {
            return HostPort.parse(s);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field, e.getMessage());
        }
    }

    /** {@code --coordinator}: where the client commands connect, and how ({@link TransportOptions}). */
    static final class ClientOptions {
        @Option(names = "--coordinator", paramLabel = "HOST:PORT", defaultValue = DEFAULT_COORDINATOR,
                description = "The coordinator (default: ${DEFAULT-VALUE}).")
        String coordinator;

        @Mixin
        TransportOptions transport = new TransportOptions();

        ManagedChannel open() {
            HostPort a = address(coordinator, "coordinator");
            return TransportSecurity.channel(a, transport.credentials());
        }
    }

    /**
     * The token and TLS options of every client command and {@code worker} (docs/operations.md). The
     * token comes from a file or the environment, never from an option's value.
     */
    static final class TransportOptions {
        @Option(names = "--token-file", paramLabel = "FILE",
                description = "A file whose first line is the bearer token; else the environment variable "
                        + TransportSecurity.TOKEN_ENV + ", else none.")
        Path tokenFile;

        @Option(names = "--tls", description = "Connect with TLS, trusting the JDK's CAs (implied by --tls-ca).")
        boolean tls;

        @Option(names = "--tls-ca", paramLabel = "FILE", description = "Connect with TLS, trusting the CA certificates in this PEM file.")
        Path tlsCa;

        @Option(names = "--tls-cert", paramLabel = "FILE", description = "This end's certificate chain (PEM), for mutual TLS.")
        Path tlsCert;

        @Option(names = "--tls-key", paramLabel = "FILE", description = "The private key of --tls-cert (PKCS#8 PEM).")
        Path tlsKey;

        ChannelCredentials credentials() {
            String token = null;
            try {
                if (tokenFile != null) {
                    token = TransportSecurity.readToken(UserPaths.inputFile(tokenFile, "token-file"));
                } else {
                    String env = System.getenv(TransportSecurity.TOKEN_ENV);
                    token = env == null || env.isBlank() ? null : env.strip();
                }
                return TransportSecurity.client(tls, tlsCa, tlsCert, tlsKey, token);
            } catch (IllegalArgumentException e) {
                throw fieldError(e);
            }
        }
    }

    /** A TransportSecurity message "field: reason" as the CLI's bad-input error (exit 2). */
    static InvalidInputException fieldError(IllegalArgumentException e) {
        String m = e.getMessage();
        int colon = m.indexOf(": ");
        return colon > 0 && m.substring(0, colon).matches("[a-z-]+")
                ? new InvalidInputException(m.substring(0, colon), m.substring(colon + 2))
                : new InvalidInputException("tls", m);
    }

    /** Runs {@code body} with a client stub, closing the channel after. */
    static <T> T withClient(ClientOptions o, Function<ProverServiceGrpc.ProverServiceBlockingStub, T> body) {
        ManagedChannel ch = o.open();
        try {
            return body.apply(ProverServiceGrpc.newBlockingStub(ch));
        } catch (StatusRuntimeException e) {
            throw clientError(o, e);
        } finally {
            ch.shutdownNow();
        }
    }

    /** An unreachable coordinator says which one. */
    static StatusRuntimeException clientError(ClientOptions o, StatusRuntimeException e) {
        if (e.getStatus().getCode() == Status.Code.UNAVAILABLE) {
            return Status.UNAVAILABLE.withDescription("coordinator " + o.coordinator + " unavailable: "
                    + e.getStatus().getDescription()).asRuntimeException();
        }
        return e;
    }

    static String kindName(JobKind k) {
        return k.name().replace("JOB_KIND_", "").toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static String stateName(JobState s) {
        return s.name().replace("JOB_STATE_", "").toLowerCase(Locale.ROOT);
    }

    static JobKind parseKind(String s) {
        for (JobKind k : JobKind.values()) {
            if (k != JobKind.UNRECOGNIZED && k != JobKind.JOB_KIND_UNSPECIFIED && kindName(k).equalsIgnoreCase(s.trim())) {
                return k;
            }
        }
        throw new InvalidInputException("kind", "unknown kind '" + s + "' (commp, seal-pc1, seal-pc2, seal-c1, seal-c2, window-post, winning-post)");
    }

    static JobState parseState(String s) {
        for (JobState k : JobState.values()) {
            if (k != JobState.UNRECOGNIZED && k != JobState.JOB_STATE_UNSPECIFIED && stateName(k).equalsIgnoreCase(s.trim())) {
                return k;
            }
        }
        throw new InvalidInputException("state", "unknown state '" + s + "' (queued, running, succeeded, failed, cancelled)");
    }

    /** A job as printed: its identity, state, result or error, and timings. */
    static Map<String, Object> fields(Job j) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("job_id", j.getJobId());
        m.put("request_id", j.getRequestId());
        m.put("kind", kindName(j.getKind()));
        m.put("state", stateName(j.getState()));
        m.put("priority", j.getPriority().name().replace("PRIORITY_", "").toLowerCase(Locale.ROOT));
        m.put("attempts", j.getAttempts());
        if (!j.getWorkerId().isEmpty()) {
            m.put("worker", j.getWorkerId());
        }
        JobResult r = j.getResult();
        switch (r.getResultCase()) {
            case COMMP:
                m.put("comm_p", Hex.encode(r.getCommp().getCommP().toByteArray()));
                m.put("cid", r.getCommp().getCid());
                m.put("padded_size", r.getCommp().getPaddedSize());
                m.put("unpadded_size", r.getCommp().getUnpaddedSize());
                break;
            case SEAL_PC1:
                m.put("comm_d", Hex.encode(r.getSealPc1().getCommD().toByteArray()));
                m.put("replica_id", Hex.encode(r.getSealPc1().getReplicaId().toByteArray()));
                break;
            case SEAL_PC2:
                m.put("comm_c", Hex.encode(r.getSealPc2().getCommC().toByteArray()));
                m.put("comm_r_last", Hex.encode(r.getSealPc2().getCommRLast().toByteArray()));
                m.put("comm_r", Hex.encode(r.getSealPc2().getCommR().toByteArray()));
                break;
            case SEAL_C1:
                m.put("challenges", r.getSealC1().getChallenges());
                if (r.getSealC1().hasC1OutputBlob()) {
                    m.put("c1_output_bytes", r.getSealC1().getC1OutputBlob().getSize());
                    m.put("c1_output_blob", r.getSealC1().getC1OutputBlob().getBlobId());
                } else {
                    m.put("c1_output_bytes", r.getSealC1().getC1Output().size());
                }
                break;
            case SEAL_C2:
                m.put("partitions", r.getSealC2().getPartitions());
                m.put("proof_bytes", r.getSealC2().getProof().size());
                m.put("proof", Hex.encode(r.getSealC2().getProof().toByteArray()));
                break;
            case POST:
                if (r.getPost().hasProofsBlob()) {
                    m.put("proofs_bytes", r.getPost().getProofsBlob().getSize());
                    m.put("proofs_blob", r.getPost().getProofsBlob().getBlobId());
                } else {
                    m.put("proofs_bytes", r.getPost().getProofs().size());
                    m.put("proofs", Hex.encode(r.getPost().getProofs().toByteArray()));
                }
                m.put("sector_ids", r.getPost().getSectorIdsList().stream().map(Long::toUnsignedString).toList());
                break;
            default:
                break;
        }
        if (r.getResultCase() != JobResult.ResultCase.RESULT_NOT_SET) {
            m.put("verified", r.getVerified());
            if (r.getCpuFallbacks() > 0) {
                m.put("cpu_fallbacks", r.getCpuFallbacks());
            }
        }
        // the backend once (every stage of a run names the same one), then each stage's time in order:
        // queue_wait_ms, the recorded stages (labeling_ms, tree_c_ms, verification_ms, ...), total_ms
        r.getTimingsList().stream().map(StageTiming::getBackend).filter(b -> !b.isEmpty()).findFirst()
                .ifPresent(b -> m.put("backend", b));
        for (StageTiming t : r.getTimingsList()) {
            m.put(t.getStage() + "_ms", t.getMillis());
        }
        if (j.hasError()) {
            m.put("error_class", j.getError().getErrorClass().name().replace("ERROR_CLASS_", "").toLowerCase(Locale.ROOT));
            m.put("error_kind", j.getError().getKind());
            if (!j.getError().getField().isEmpty()) {
                m.put("error_field", j.getError().getField());
            }
            m.put("error", j.getError().getMessage());
        }
        if (j.hasProgress() && j.getState() == JobState.JOB_STATE_RUNNING) {
            m.put("progress", j.getProgress().getTask() + " " + j.getProgress().getDone() + "/" + j.getProgress().getTotal());
        }
        return m;
    }

    /** The exit code of an ended job: 0 succeeded, its error kind's code when failed (3 rejected), 1 cancelled. */
    static int exitCode(Job j) {
        switch (j.getState()) {
            case JOB_STATE_SUCCEEDED:
                return 0;
            case JOB_STATE_FAILED:
                try {
                    return Main.exitCode(ErrorKind.valueOf(j.getError().getKind()));
                } catch (IllegalArgumentException e) {
                    return Main.EXIT_FAILURE;
                }
            default:
                return Main.EXIT_FAILURE;
        }
    }

}
