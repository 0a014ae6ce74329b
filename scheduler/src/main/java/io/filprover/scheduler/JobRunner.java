package io.filprover.scheduler;

import com.google.protobuf.ByteString;
import io.filprover.api.Commitment;
import io.filprover.api.RegisteredPoStProof;
import io.filprover.api.RegisteredSealProof;
import io.filprover.api.SectorSize;
import io.filprover.api.job.JobContext;
import io.filprover.api.job.StageTimes;
import io.filprover.proofs.api.CommitmentStages;
import io.filprover.proofs.api.PoStStages;
import io.filprover.proofs.api.SealRequest;
import io.filprover.proofs.api.SealStages;
import io.filprover.proofs.commitment.PieceCommitments;
import io.filprover.proofs.commitment.StreamingTreeHasher;
import io.filprover.proofs.groth16.Proof;
import io.filprover.proofs.params.CircuitIdentifiers;
import io.filprover.proofs.params.ParameterCache;
import io.filprover.proofs.params.RegisteredProof;
import io.filprover.proofs.porep.Commit1;
import io.filprover.proofs.porep.PreCommit1;
import io.filprover.proofs.porep.PreCommit2;
import io.filprover.proto.v1.CommPResult;
import io.filprover.proto.v1.Commit1Result;
import io.filprover.proto.v1.Commit2Result;
import io.filprover.proto.v1.JobRequest;
import io.filprover.proto.v1.JobResult;
import io.filprover.proto.v1.PoStResult;
import io.filprover.proto.v1.PoStSector;
import io.filprover.proto.v1.PreCommit1Result;
import io.filprover.proto.v1.PreCommit2Result;
import io.filprover.proto.v1.Progress;
import io.filprover.proto.v1.SectorIdentity;
import io.filprover.proto.v1.StageTiming;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one job's request through the proving API and builds its result message: the kinds a worker
 * runs, the storage-root check of every path the request names, and the scratch files a stage
 * writes before its bytes go into the result.
 */
final class JobRunner {
    /** By default, result payloads above this size go to the coordinator as blobs, not inside Complete. */
    static final int INLINE_RESULT_BYTES = 4 << 20;

    private final StoragePaths paths;
    private final Path parentCacheDir;
    private final Path workDir;
    private final BlobClient blobs;
    private final int inlineResultBytes;
    private final ParameterCache params;
    /** Told which parameter files running jobs map (their tier: warm). */
    private final ParamsHolder holder;

    JobRunner(StoragePaths paths, Path parentCacheDir, Path workDir, BlobClient blobs, int inlineResultBytes,
              ParameterCache params, ParamsHolder holder) {
        this.params = params;
        this.holder = holder;
        this.paths = paths;
        this.parentCacheDir = parentCacheDir;
        this.workDir = workDir;
        this.blobs = blobs;
        this.inlineResultBytes = inlineResultBytes;
    }

    /** Runs {@code req} through the proving API in {@code ctx}; {@code leaseId} names its scratch files. */
    JobResult.Builder run(String leaseId, JobRequest req, JobContext ctx) throws IOException {
        switch (req.getPayloadCase()) {
            case COMMP: return commP(req, ctx);
            case SEAL_PC1: return pc1(req, ctx);
            case SEAL_PC2: return pc2(req, ctx);
            case SEAL_C1: return c1(leaseId, req, ctx);
            case SEAL_C2: return c2(req, ctx);
            case WINDOW_POST: return post(leaseId, "window_post", req.getWindowPost(), ctx);
            case WINNING_POST: return post(leaseId, "winning_post", req.getWinningPost(), ctx);
            default:
                throw new io.filprover.api.InvalidInputException("payload", "no job kind this worker runs");
        }
    }

    private JobResult.Builder commP(JobRequest req, JobContext ctx) throws IOException {
        InputStream in;
        long total;
        if (req.getCommp().hasPath()) {
            Path p = paths.check("commp.path", req.getCommp().getPath());
            if (!Files.exists(p) || Files.isDirectory(p)) {
                throw new io.filprover.api.InvalidInputException("commp.path", "no such file: " + p);
            }
            total = Files.isRegularFile(p) ? Files.size(p) : 0;
            // not Files.newInputStream for a pipe: its available() seeks, which a pipe answers "Illegal seek"
            in = new BufferedInputStream(Files.isRegularFile(p) ? Files.newInputStream(p)
                    : new java.io.FileInputStream(p.toFile()), 1 << 20);
        } else if (req.getCommp().hasBlobId()) {
            BlobClient.Download d = blobs.download(req.getCommp().getBlobId());
            total = d.size();
            in = new BufferedInputStream(d, 1 << 20);
        } else {
            total = req.getCommp().getData().size();
            in = new ByteArrayInputStream(req.getCommp().getData().toByteArray());
        }
        PieceCommitments.Result c;
        try (InputStream src = in) {
            StreamingTreeHasher.Progress progress = bytes -> ctx.progress().progress("comm_p", bytes, total);
            c = CommitmentStages.commP(src, total, ctx, progress);
        }
        return JobResult.newBuilder().setCommp(CommPResult.newBuilder()
                .setCommP(ByteString.copyFrom(c.commP().bytes()))
                .setCid(c.commP().toCid(Commitment.Kind.UNSEALED))
                .setPaddedSize(c.paddedSize().bytes())
                .setUnpaddedSize(c.unpaddedSize().bytes()));
    }

    private static PreCommit1.SectorIdentity identity(SectorIdentity s, RegisteredSealProof proof) {
        return new PreCommit1.SectorIdentity(s.getProverId().toByteArray(), s.getSectorId(), s.getTicket().toByteArray(),
                proof.porepId(), proof.apiVersion());
    }

    private static int layers(int requested, SectorSize size) {
        return requested == 0 ? size.layers() : requested;
    }

    private JobResult.Builder pc1(JobRequest req, JobContext ctx) throws IOException {
        var p = req.getSealPc1();
        RegisteredSealProof proof = RegisteredSealProof.ofId(p.getSector().getRegisteredSealProof());
        SectorSize size = proof.sectorSize();
        Path data = paths.check("seal_pc1.data_path", p.getDataPath());
        Path cache = paths.check("seal_pc1.cache_dir", p.getCacheDir());
        Path parents = p.getParentCacheDir().isEmpty() ? parentCacheDir
                : paths.check("seal_pc1.parent_cache_dir", p.getParentCacheDir());
        SealRequest sr = new SealRequest(size, proof, data, identity(p.getSector(), proof), new byte[32],
                layers(p.getLayers(), size), cache, cache.resolve("sealed-replica"), parents, cache.resolve("c1-output.json"));
        PreCommit1.Output out = SealStages.preCommit1(sr, ctx);
        return JobResult.newBuilder().setSealPc1(PreCommit1Result.newBuilder()
                .setCommD(ByteString.copyFrom(out.commD())).setReplicaId(ByteString.copyFrom(out.replicaId())));
    }

    private JobResult.Builder pc2(JobRequest req, JobContext ctx) throws IOException {
        var p = req.getSealPc2();
        RegisteredSealProof proof = RegisteredSealProof.ofId(p.getRegisteredSealProof());
        SectorSize size = proof.sectorSize();
        Path cache = paths.check("seal_pc2.cache_dir", p.getCacheDir());
        Path replica = paths.check("seal_pc2.replica_path", p.getReplicaPath());
        PreCommit2.Output out = SealStages.preCommit2(size, layers(p.getLayers(), size), cache, replica, ctx);
        return JobResult.newBuilder().setSealPc2(PreCommit2Result.newBuilder()
                .setCommC(ByteString.copyFrom(out.commC())).setCommRLast(ByteString.copyFrom(out.commRLast()))
                .setCommR(ByteString.copyFrom(out.commR())));
    }

    private JobResult.Builder c1(String leaseId, JobRequest req, JobContext ctx) throws IOException {
        var p = req.getSealC1();
        RegisteredSealProof proof = RegisteredSealProof.ofId(p.getSector().getRegisteredSealProof());
        SectorSize size = proof.sectorSize();
        Path cache = paths.check("seal_c1.cache_dir", p.getCacheDir());
        Path replica = paths.check("seal_c1.replica_path", p.getReplicaPath());
        Path out = scratch(leaseId, "c1.json");
        try {
            SealRequest sr = new SealRequest(size, proof, replica, identity(p.getSector(), proof),
                    p.getSeed().toByteArray(), layers(p.getLayers(), size), cache, replica, parentCacheDir, out);
            Commit1.Output c1 = SealStages.commit1(sr, ctx);
            int challenges = c1.partitions().stream().mapToInt(List::size).sum();
            return JobResult.newBuilder().setVerified(true).setSealC1(Commit1Result.newBuilder()
                    .setC1Output(ByteString.copyFrom(Files.readAllBytes(out))).setChallenges(challenges));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /**
     * C2 of an inline or blob C1 output with this worker's parameters. A leased mapping is shared:
     * when the worker holds the file hot (PreloadParams) this lease reuses that mapping.
     */
    private JobResult.Builder c2(JobRequest req, JobContext ctx) throws IOException {
        var p = req.getSealC2();
        byte[] bytes;
        String field;
        if (p.hasC1OutputBlobId()) {
            field = "seal_c2.c1_output_blob_id";
            try (BlobClient.Download d = blobs.download(p.getC1OutputBlobId())) {
                bytes = d.readAllBytes();
            }
        } else {
            field = "seal_c2.c1_output";
            bytes = p.getC1Output().toByteArray();
        }
        Commit1.Output c1 = C2Input.decode(bytes, p.getRegisteredSealProof(), field);
        ctx.checkpoint();
        byte[] proof;
        RegisteredProof circuit = RegisteredProof.of(RegisteredSealProof.ofId(p.getRegisteredSealProof()));
        try (ParameterCache.Lease lease = params.parameters(circuit);
             ParamsHolder.Use use = holder.using(CircuitIdentifiers.of(circuit).paramsFile())) {
            proof = SealStages.commit2(c1, lease, ctx);
        }
        return JobResult.newBuilder().setVerified(true).setSealC2(Commit2Result.newBuilder()
                .setProof(ByteString.copyFrom(proof)).setPartitions(proof.length / Proof.BYTES));
    }

    private JobResult.Builder post(String leaseId, String name, io.filprover.proto.v1.PoStRequest p, JobContext ctx)
            throws IOException {
        RegisteredPoStProof type = RegisteredPoStProof.ofId(p.getRegisteredPostProof());
        List<io.filprover.proofs.api.PoStRequest.Sector> sectors = new ArrayList<>();
        for (int i = 0; i < p.getSectorsCount(); i++) {
            PoStSector s = p.getSectors(i);
            String f = name + ".sectors[" + i + "]";
            sectors.add(new io.filprover.proofs.api.PoStRequest.Sector(s.getSectorId(), s.getCommR().toByteArray(),
                    paths.check(f + ".cache_dir", s.getCacheDir()), paths.check(f + ".replica_path", s.getReplicaPath()),
                    s.hasPosition() ? s.getPosition() : null));
        }
        Path out = scratch(leaseId, "post.bin");
        try {
            io.filprover.proofs.api.PoStResult res = PoStStages.vanilla(new io.filprover.proofs.api.PoStRequest(type,
                    p.getRandomness().toByteArray(), p.getProverId().toByteArray(), sectors, p.getPartition(), out), ctx);
            PoStResult.Builder b = PoStResult.newBuilder().setProofs(ByteString.copyFrom(Files.readAllBytes(out)));
            res.sectors().forEach(s -> b.addSectorIds(s.sectorId()));
            return JobResult.newBuilder().setVerified(true).setPost(b);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** Moves result payloads past the inline size into blobs, so Complete stays small. */
    void offloadLargePayloads(JobResult.Builder r) throws IOException {
        if (r.hasSealC1() && r.getSealC1().getC1Output().size() > inlineResultBytes) {
            ByteString bytes = r.getSealC1().getC1Output();
            r.getSealC1Builder().setC1OutputBlob(blobs.upload(bytes.newInput(), bytes.size()))
                    .setC1Output(ByteString.EMPTY);
        }
        if (r.hasPost() && r.getPost().getProofs().size() > inlineResultBytes) {
            ByteString bytes = r.getPost().getProofs();
            r.getPostBuilder().setProofsBlob(blobs.upload(bytes.newInput(), bytes.size())).setProofs(ByteString.EMPTY);
        }
    }

    /** queue_wait, the stages the proving API recorded in order, then the whole run on this worker. */
    static void addTimings(JobResult.Builder result, io.filprover.proto.v1.Job job, List<StageTimes.Stage> stages,
                           long runMs, String workerId, String backend) {
        long queued = job.getStartedUnixMs() > 0 ? Math.max(0, job.getStartedUnixMs() - job.getCreatedUnixMs()) : 0;
        result.addTimings(StageTiming.newBuilder().setStage("queue_wait").setMillis(queued).setWorker(workerId));
        for (StageTimes.Stage s : stages) {
            result.addTimings(StageTiming.newBuilder().setStage(s.name()).setMillis(s.millis())
                    .setWorker(workerId).setBackend(backend));
        }
        result.addTimings(StageTiming.newBuilder().setStage("total").setMillis(runMs).setWorker(workerId)
                .setBackend(backend));
    }

    private Path scratch(String leaseId, String name) throws IOException {
        Files.createDirectories(workDir);
        return workDir.resolve(leaseId.replaceAll("[^A-Za-z0-9_-]", "_") + "-" + name);
    }
}
