package io.filprover.scheduler;

import com.google.protobuf.ByteString;
import io.filprover.proto.v1.CommPRequest;
import io.filprover.proto.v1.JobKind;
import io.filprover.proto.v1.JobRequest;
import io.filprover.proto.v1.PoStRequest;
import io.filprover.proto.v1.PoStSector;
import io.filprover.proto.v1.Priority;
import io.filprover.proto.v1.SealCommit1Request;
import io.filprover.proto.v1.SealCommit2Request;
import io.filprover.proto.v1.SealPreCommit1Request;
import io.filprover.proto.v1.SealPreCommit2Request;
import io.filprover.proto.v1.SectorIdentity;
import io.filprover.scheduler.StoragePaths.FieldException;

import java.util.List;
import java.util.Set;

/**
 * Checks a {@link JobRequest} before anything is stored: every field present where required, of
 * the right size, a known enum value, within the limits, and every path under the storage roots.
 * A failure is a {@link FieldException} whose message names the field as the proto spells it
 * ({@code seal_pc1.sector.prover_id: must be 32 bytes, got 31}); a kind this coordinator does not
 * run is an {@link UnimplementedException}.
 */
public final class RequestValidator {
    /** Layer counts whose column hash has a Poseidon arity every backend supports. */
    static final List<Integer> SUPPORTED_LAYERS = List.of(2, 4, 8, 11, 16, 24, 36);
    static final int MAX_REQUEST_ID = 128;
    static final int MAX_THREADS = 1024;
    static final int MAX_SECTORS = 10_000;
    static final Set<String> BACKENDS = Set.of("", "auto", "cpu", "cuda", "opencl");

    private final StoragePaths paths;
    private final int maxInlineBytes;
    private final Set<JobKind> accepted;
    private final java.util.function.Predicate<String> blobExists;

    public RequestValidator(StoragePaths paths, int maxInlineBytes, Set<JobKind> accepted,
                            java.util.function.Predicate<String> blobExists) {
        this.paths = paths;
        this.maxInlineBytes = maxInlineBytes;
        this.accepted = Set.copyOf(accepted);
        this.blobExists = blobExists;
    }

    /** The kind a request's payload asks for, or UNSPECIFIED when it has none. */
    public static JobKind kindOf(JobRequest r) {
        switch (r.getPayloadCase()) {
            case COMMP: return JobKind.JOB_KIND_COMMP;
            case SEAL_PC1: return JobKind.JOB_KIND_SEAL_PC1;
            case SEAL_PC2: return JobKind.JOB_KIND_SEAL_PC2;
            case SEAL_C1: return JobKind.JOB_KIND_SEAL_C1;
            case WINDOW_POST: return JobKind.JOB_KIND_WINDOW_POST;
            case WINNING_POST: return JobKind.JOB_KIND_WINNING_POST;
            case SEAL_C2: return JobKind.JOB_KIND_SEAL_C2;
            default: return JobKind.JOB_KIND_UNSPECIFIED;
        }
    }

    /** The priority a kind runs at when the request leaves it unspecified. */
    public static Priority defaultPriority(JobKind kind) {
        switch (kind) {
            case JOB_KIND_WINNING_POST: return Priority.PRIORITY_CRITICAL;
            case JOB_KIND_WINDOW_POST: return Priority.PRIORITY_HIGH;
            case JOB_KIND_COMMP: return Priority.PRIORITY_LOW;
            default: return Priority.PRIORITY_NORMAL;
        }
    }

    /** The request checked, with its priority filled in; what is stored and compared for idempotency. */
    public JobRequest validate(JobRequest r) {
        JobKind kind = kindOf(r);
        if (kind == JobKind.JOB_KIND_UNSPECIFIED) {
            if (!r.getUnknownFields().asMap().isEmpty()) {
                throw new UnimplementedException("payload: a job kind this coordinator does not know (field "
                        + r.getUnknownFields().asMap().keySet() + ")");
            }
            throw new FieldException("payload", "missing: one of commp, seal_pc1, seal_pc2, seal_c1, seal_c2, window_post, winning_post");
        }
        if (!accepted.contains(kind)) {
            throw new UnimplementedException("payload: " + kind + " is not run by this coordinator (it runs " + accepted + ")");
        }
        if (r.getRequestId().length() > MAX_REQUEST_ID) {
            throw new FieldException("request_id", "longer than " + MAX_REQUEST_ID + " characters");
        }
        if (r.getRequestId().chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new FieldException("request_id", "contains control characters");
        }
        if (r.getPriority() == Priority.UNRECOGNIZED) {
            throw new FieldException("priority", "unknown value " + r.getPriorityValue());
        }
        if (r.getDeadlineUnixMs() < 0) {
            throw new FieldException("deadline_unix_ms", "must not be negative, got " + r.getDeadlineUnixMs());
        }
        if (!BACKENDS.contains(r.getBackend())) {
            throw new FieldException("backend", "unknown backend '" + r.getBackend() + "' (auto, cpu, cuda, opencl)");
        }
        if (Integer.compareUnsigned(r.getThreads(), MAX_THREADS) > 0) {
            throw new FieldException("threads", "must be at most " + MAX_THREADS + ", got " + Integer.toUnsignedString(r.getThreads()));
        }
        switch (kind) {
            case JOB_KIND_COMMP: commP(r.getCommp()); break;
            case JOB_KIND_SEAL_PC1: pc1(r.getSealPc1()); break;
            case JOB_KIND_SEAL_PC2: pc2(r.getSealPc2()); break;
            case JOB_KIND_SEAL_C1: c1(r.getSealC1()); break;
            case JOB_KIND_SEAL_C2: c2(r.getSealC2()); break;
            case JOB_KIND_WINDOW_POST: post("window_post", r.getWindowPost(), false); break;
            case JOB_KIND_WINNING_POST: post("winning_post", r.getWinningPost(), true); break;
            default: throw new IllegalStateException(kind.toString());
        }
        if (r.getPriority() == Priority.PRIORITY_UNSPECIFIED) {
            return r.toBuilder().setPriority(defaultPriority(kind)).build();
        }
        return r;
    }

    private void commP(CommPRequest c) {
        switch (c.getSourceCase()) {
            case DATA:
                if (c.getData().isEmpty()) {
                    throw new FieldException("commp.data", "empty");
                }
                if (c.getData().size() > maxInlineBytes) {
                    throw new FieldException("commp.data", c.getData().size() + " bytes is more than the inline limit of "
                            + maxInlineBytes + " bytes; upload it (BlobService) and name commp.blob_id, or name a file"
                            + " with commp.path");
                }
                break;
            case PATH:
                paths.check("commp.path", c.getPath());
                break;
            case BLOB_ID:
                blob("commp.blob_id", c.getBlobId());
                break;
            default:
                throw new FieldException("commp.source", "missing: data, path or blob_id");
        }
    }

    private void blob(String field, String id) {
        if (!io.filprover.scheduler.store.JdbcBlobStore.isBlobId(id)) {
            throw new FieldException(field, id.isEmpty() ? "missing" : "not a blob id (64 lowercase hex digits): " + id);
        }
        if (!blobExists.test(id)) {
            throw new FieldException(field, "no blob " + id + " (upload it first with BlobService.Upload)");
        }
    }

    private void pc1(SealPreCommit1Request p) {
        sector("seal_pc1.sector", p.hasSector() ? p.getSector() : null);
        paths.check("seal_pc1.data_path", p.getDataPath());
        paths.check("seal_pc1.cache_dir", p.getCacheDir());
        if (!p.getParentCacheDir().isEmpty()) {
            paths.check("seal_pc1.parent_cache_dir", p.getParentCacheDir());
        }
        layers("seal_pc1.layers", p.getLayers());
    }

    private void pc2(SealPreCommit2Request p) {
        sealProof("seal_pc2.registered_seal_proof", p.getRegisteredSealProof());
        paths.check("seal_pc2.cache_dir", p.getCacheDir());
        paths.check("seal_pc2.replica_path", p.getReplicaPath());
        layers("seal_pc2.layers", p.getLayers());
    }

    private void c1(SealCommit1Request p) {
        sector("seal_c1.sector", p.hasSector() ? p.getSector() : null);
        bytes32("seal_c1.seed", p.getSeed());
        paths.check("seal_c1.cache_dir", p.getCacheDir());
        paths.check("seal_c1.replica_path", p.getReplicaPath());
        layers("seal_c1.layers", p.getLayers());
    }

    private void c2(SealCommit2Request p) {
        sealProof("seal_c2.registered_seal_proof", p.getRegisteredSealProof());
        switch (p.getC1Case()) {
            case C1_OUTPUT:
                if (p.getC1Output().size() > maxInlineBytes) {
                    throw new FieldException("seal_c2.c1_output", p.getC1Output().size() + " bytes is more than the inline"
                            + " limit of " + maxInlineBytes + " bytes; upload it (BlobService) and name seal_c2.c1_output_blob_id");
                }
                // decoded here so a bad output is the client's INVALID_ARGUMENT, not a failed job
                C2Input.decode(p.getC1Output().toByteArray(), p.getRegisteredSealProof(), "seal_c2.c1_output");
                break;
            case C1_OUTPUT_BLOB_ID:
                // the blob is decoded on the worker: the coordinator does not read large payloads
                blob("seal_c2.c1_output_blob_id", p.getC1OutputBlobId());
                break;
            default:
                throw new FieldException("seal_c2.c1", "missing: c1_output or c1_output_blob_id");
        }
    }

    private void post(String name, PoStRequest p, boolean winning) {
        long id = p.getRegisteredPostProof();
        if (id < 0 || id >= io.filprover.api.RegisteredPoStProof.values().length) {
            throw new FieldException(name + ".registered_post_proof", "unknown registered PoSt proof id "
                    + Long.toUnsignedString(id) + " (known: 0..14)");
        }
        io.filprover.api.RegisteredPoStProof type = io.filprover.api.RegisteredPoStProof.values()[(int) id];
        if ((type.kind() == io.filprover.api.RegisteredPoStProof.Kind.WINNING) != winning) {
            throw new FieldException(name + ".registered_post_proof", type.upstreamName() + " is not a "
                    + (winning ? "Winning" : "Window") + " PoSt proof");
        }
        bytes32(name + ".randomness", p.getRandomness());
        bytes32(name + ".prover_id", p.getProverId());
        if (p.getSectorsCount() == 0) {
            throw new FieldException(name + ".sectors", "missing: at least one sector");
        }
        if (p.getSectorsCount() > MAX_SECTORS) {
            throw new FieldException(name + ".sectors", p.getSectorsCount() + " sectors is more than " + MAX_SECTORS);
        }
        if (winning && p.getPartition() != 0) {
            throw new FieldException(name + ".partition", "Winning PoSt has no partitions, got " + p.getPartition());
        }
        for (int i = 0; i < p.getSectorsCount(); i++) {
            PoStSector s = p.getSectors(i);
            String f = name + ".sectors[" + i + "]";
            bytes32(f + ".comm_r", s.getCommR());
            paths.check(f + ".cache_dir", s.getCacheDir());
            paths.check(f + ".replica_path", s.getReplicaPath());
        }
    }

    /** Checks a sector identity; returns its registered seal proof id. */
    private static long sector(String name, SectorIdentity s) {
        if (s == null) {
            throw new FieldException(name, "missing");
        }
        bytes32(name + ".prover_id", s.getProverId());
        bytes32(name + ".ticket", s.getTicket());
        sealProof(name + ".registered_seal_proof", s.getRegisteredSealProof());
        return s.getRegisteredSealProof();
    }

    private static void sealProof(String field, long id) {
        if (id < 0 || id >= io.filprover.api.RegisteredSealProof.values().length) {
            throw new FieldException(field, "unknown registered seal proof id " + Long.toUnsignedString(id) + " (known: 0..19)");
        }
    }

    private static void layers(String field, int layers) {
        if (layers != 0 && !SUPPORTED_LAYERS.contains(layers)) {
            throw new FieldException(field, "unsupported layer count " + Integer.toUnsignedString(layers)
                    + " (0 for the sector size's, or one of " + SUPPORTED_LAYERS + ")");
        }
    }

    private static void bytes32(String field, ByteString b) {
        if (b.isEmpty()) {
            throw new FieldException(field, "missing (32 bytes)");
        }
        if (b.size() != 32) {
            throw new FieldException(field, "must be 32 bytes, got " + b.size());
        }
    }

    /** A job kind this coordinator does not run. */
    public static final class UnimplementedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public UnimplementedException(String message) {
            super(message);
        }
    }
}
