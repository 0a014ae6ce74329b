package io.filprover.proofs.api;

import io.filprover.api.Commitment;
import io.filprover.api.InternalException;
import io.filprover.api.InvalidInputException;
import io.filprover.api.PoRepFeature;
import io.filprover.api.SectorSize;
import io.filprover.api.job.JobContext;
import io.filprover.api.job.StageTimes;
import io.filprover.bls12381.field.FieldEncodingException;
import io.filprover.proofs.porep.Commit1;
import io.filprover.proofs.porep.Commit1Files;
import io.filprover.proofs.porep.Commit2;
import io.filprover.proofs.groth16.params.ParameterSource;
import io.filprover.proofs.porep.PoRepVerifier;
import io.filprover.proofs.porep.PreCommit1;
import io.filprover.proofs.porep.PreCommit2;
import io.filprover.proofs.porep.SealedSector;
import io.filprover.proofs.porep.SyntheticProofsFile;
import io.filprover.proofs.sdr.ReplicaId;
import io.filprover.proofs.sdr.SdrGraph;
import io.filprover.proofs.tree.CacheFiles;
import io.filprover.proofs.tree.SectorFilesException;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The sealing stages of the proving API: PC1, PC2, C1 and C2 each on their own, and {@link #seal} for
 * the three in sequence. Every entry validates its request and checks its output paths before any
 * work, runs on the job context's backend and threads, and stops at the next layer or kernel
 * boundary when the context is cancelled.
 *
 * <p>Each records the wall time of its phases in the context's {@link StageTimes}: PC1
 * {@code data_padding}, {@code tree_d}, {@code parent_cache}, {@code labeling} ({@link PreCommit1});
 * PC2 {@code tree_c}, {@code tree_r_last} ({@link PreCommit2}); C1 {@code synthetic_proofs} (synthetic
 * PoRep only), {@code vanilla_proofs}, {@code verification} (the proofs checked by the verifier
 * before they are written) and {@code write_output} (the C1 JSON); C2 ({@link #commit2}) the
 * prover's phases and {@code verification}. {@link #seal} records PC1, PC2 and C1.
 */
public final class SealStages {
    private SealStages() {
    }

    /** PC1: tree_d and the SDR layers of {@code request}'s sector into its cache directory. */
    public static PreCommit1.Output preCommit1(SealRequest request, JobContext ctx) throws IOException {
        checkInputs(request);
        OutputPaths.checkDirectory("cache", request.cacheDir());
        OutputPaths.checkDirectory("parent-cache", request.parentCacheDir());
        return runPreCommit1(request, ctx);
    }

    /** PC2: tree_c, the replica, tree_r_last and p_aux from the layers PC1 left in the cache directory. */
    public static PreCommit2.Output preCommit2(SectorSize size, int layers, Path cacheDir, Path replica, JobContext ctx)
            throws IOException {
        OutputPaths.checkFile("out", replica);
        try {
            return new PreCommit2(ctx).run(size, layers, cacheDir, replica, size.rowsToDiscard());
        } catch (SectorFilesException | FieldEncodingException e) {
            throw new InvalidInputException("cache", e.getMessage(), e);
        }
    }

    /** PC1 → PC2 → C1 on one sector; the C1 output is verified before it is written. */
    public static SealResult seal(SealRequest request, JobContext ctx) throws IOException {
        checkInputs(request);
        OutputPaths.checkDirectory("cache", request.cacheDir());
        OutputPaths.checkDirectory("parent-cache", request.parentCacheDir());
        OutputPaths.checkFile("out", request.replica());
        OutputPaths.checkFile("c1-out", request.c1Output());
        try {
            long t0 = System.nanoTime();
            ctx.progress().stage("PC1");
            PreCommit1.Output pc1 = runPreCommit1(request, ctx);
            long t1 = System.nanoTime();
            ctx.progress().stage("PC2");
            ctx.checkpoint();
            PreCommit2.Output pc2 = new PreCommit2(ctx).run(request.sectorSize(), request.layers(), request.cacheDir(),
                    request.replica(), request.sectorSize().rowsToDiscard());
            long t2 = System.nanoTime();
            ctx.progress().stage("C1");
            ctx.checkpoint();
            Commit1.Output c1 = commit1(request, pc1.replicaId(), pc2.commR(), ctx);
            long t3 = System.nanoTime();
            int challenges = c1.partitions().stream().mapToInt(java.util.List::size).sum();
            return new SealResult(Commitment.of(pc1.commD()), Commitment.of(pc2.commR()), Commitment.of(pc2.commC()),
                    Commitment.of(pc2.commRLast()), pc1.replicaId(), request.id().porepId(), request.id().apiVersion(),
                    challenges, request.c1Output(), Commit1Files.formatFor(c1).text(), Duration.ofNanos(t1 - t0), Duration.ofNanos(t2 - t1),
                    Duration.ofNanos(t3 - t2));
        } catch (SectorFilesException | FieldEncodingException e) {
            throw new InvalidInputException("cache", e.getMessage(), e);
        }
    }

    /**
     * C1 on its own: the vanilla proofs of {@code request}'s sector from what PC1 and PC2 left in its
     * cache directory and replica (comm_d, comm_c and comm_r_last read from there; the replica id
     * derived from them and the request's identity), verified, then written to its C1 output.
     * {@code request.data()} is not read.
     */
    public static Commit1.Output commit1(SealRequest request, JobContext ctx) throws IOException {
        checkIdentity(request);
        OutputPaths.checkFile("c1-out", request.c1Output());
        if (!Files.isDirectory(request.cacheDir())) {
            throw new InvalidInputException("cache", "no such directory: " + request.cacheDir());
        }
        if (!Files.isRegularFile(request.replica())) {
            throw new InvalidInputException("replica", "no such file: " + request.replica());
        }
        try {
            ctx.checkpoint();
            SealedSector sealed = SealedSector.open(request.sectorSize(), request.layers(), request.cacheDir(),
                    request.replica(), ctx.kernels());
            PreCommit1.SectorIdentity id = request.id();
            byte[] replicaId = ReplicaId.compute(id.proverId(), id.sectorId(), id.ticket(), sealed.commD(), id.porepId());
            return commit1(request, replicaId, sealed.commR(), ctx);
        } catch (SectorFilesException | FieldEncodingException e) {
            throw new InvalidInputException("cache", e.getMessage(), e);
        }
    }

    /**
     * C2: the Groth16 proofs of every partition of {@code c1}, 192 bytes each, concatenated in
     * partition order (as filecoin-ffi returns them), each verified before they are returned
     * ({@link Commit2}). The vanilla proofs are checked first ({@code vanilla_verification}), so a
     * C1 output that cannot prove is an input error rather than a failed proof. {@code params}: the
     * stacked circuit's parameters for the sector size.
     */
    public static byte[] commit2(Commit1.Output c1, ParameterSource params, JobContext ctx) {
        PoRepVerifier.Result check = ctx.stageTimes().time("vanilla_verification", () -> PoRepVerifier.verify(c1));
        if (!check.valid()) {
            throw new InvalidInputException("c1", "the C1 output does not verify: " + check.reason());
        }
        ctx.checkpoint();
        return Commit2.prove(c1, params, ctx);
    }

    private static Commit1.Output commit1(SealRequest request, byte[] replicaId, byte[] commR, JobContext ctx)
            throws IOException {
        SectorSize size = request.sectorSize();
        Path cache = request.cacheDir();
        StageTimes times = ctx.stageTimes();
        SealedSector sealed = SealedSector.open(size, request.layers(), cache, request.replica(), ctx.kernels());
        Commit1.Output c1;
        PoRepFeature feature = request.proof().feature();
        if (feature == PoRepFeature.SYNTHETIC) {
            // Synthetic PoRep: all synthetic proofs are written after PC2, C1 selects from the file
            Path syn = cache.resolve(CacheFiles.SYNTHETIC_PROOFS);
            try (var t = times.start("synthetic_proofs")) {
                new SyntheticProofsFile(size, request.layers()).write(sealed,
                        new SdrGraph(size.nodes(), request.id().porepId(), request.id().apiVersion()), replicaId,
                        commR, syn, ctx.pool());
            }
            ctx.checkpoint();
            c1 = times.time("vanilla_proofs",
                    () -> Commit1.runFromSyntheticProofs(syn, size, request.layers(), request.id(), request.seed()));
        } else {
            c1 = times.time("vanilla_proofs", () -> Commit1.run(sealed, request.id(), feature, request.seed()));
        }
        PoRepVerifier.Result check = times.time("verification", () -> PoRepVerifier.verify(c1));
        if (!check.valid()) {
            throw new InternalException("", "the generated C1 proofs do not verify: " + check.reason());
        }
        try (var t = times.start("write_output")) {
            Commit1Files.write(c1, request.c1Output());
        }
        return c1;
    }

    private static PreCommit1.Output runPreCommit1(SealRequest request, JobContext ctx) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(request.data()), 1 << 20)) {
            return new PreCommit1(ctx).run(request.sectorSize(), in, request.id(), request.layers(),
                    request.cacheDir(), request.parentCacheDir());
        }
    }

    /** The request's own consistency: sizes, ids and the data file, before anything is written. */
    private static void checkInputs(SealRequest request) throws IOException {
        checkIdentity(request);
        SectorSize size = request.sectorSize();
        Path data = request.data();
        if (Files.isDirectory(data)) {
            throw new InvalidInputException("data", data + " is a directory");
        }
        if (!Files.isRegularFile(data)) {
            throw new InvalidInputException("data", "no such file: " + data);
        }
        long bytes = Files.size(data);
        if (bytes > size.unpaddedBytes()) {
            throw new InvalidInputException("data", bytes + " bytes is more than the " + size.unpaddedBytes()
                    + " unpadded bytes of a " + size + " sector");
        }
    }

    /** Sizes, proof id, seed and layers: what every stage needs consistent. */
    private static void checkIdentity(SealRequest request) {
        SectorSize size = request.sectorSize();
        // test sizes (4 KiB, 16 MiB, ...) have no registered proof of their own and take any id
        boolean registeredSize = java.util.Arrays.stream(io.filprover.api.RegisteredSealProof.values())
                .anyMatch(p -> p.sectorSize() == size);
        if (registeredSize && request.proof().sectorSize() != size) {
            throw new InvalidInputException("porep-id", request.proof().upstreamName() + " is a proof for "
                    + request.proof().sectorSize() + " sectors, not " + size);
        }
        if (request.seed().length != 32) {
            throw new InvalidInputException("seed", "must be 32 bytes, got " + request.seed().length);
        }
        if (request.layers() < 1) {
            throw new InvalidInputException("layers", "must be at least 1, got " + request.layers());
        }
    }
}
