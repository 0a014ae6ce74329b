package io.filprover.bench.snark;

import io.filprover.api.ApiVersion;
import io.filprover.api.InternalException;
import io.filprover.api.PoRepFeature;
import io.filprover.api.RegisteredPoStProof;
import io.filprover.api.RegisteredSealProof;
import io.filprover.api.SectorSize;
import io.filprover.api.job.JobContext;
import io.filprover.api.job.ProgressSink;
import io.filprover.bench.BenchFiles;
import io.filprover.bench.kernels.Medians;
import io.filprover.proofs.api.PoStRequest;
import io.filprover.proofs.api.PoStSnark;
import io.filprover.proofs.api.SealRequest;
import io.filprover.proofs.api.SealResult;
import io.filprover.proofs.api.SealStages;
import io.filprover.proofs.groth16.params.ParameterSource;
import io.filprover.proofs.params.ParameterCache;
import io.filprover.proofs.params.ParameterGenerator;
import io.filprover.proofs.params.RegisteredProof;
import io.filprover.proofs.porep.PreCommit1;
import io.filprover.proofs.post.PoStChallenges;
import io.filprover.proofs.post.circuit.FallbackPoStCompound.PublicSector;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The measurement behind {@code filprover bench post}: seals {@code sectors} sectors of random data
 * with {@link SealStages#seal} (as {@code filprover seal}), makes a local Groth16 setup of the PoSt
 * circuit with {@link ParameterGenerator} (as {@code filprover params generate}; not timed as part of
 * the proof) unless parameters are given, then proves {@code reps} times with {@link PoStSnark#prove}
 * (as {@code filprover prove window-post|winning-post}: vanilla proofs, synthesis, FFTs, MSMs,
 * self-check, verification per partition), each run in a fresh job context over the caller's threads
 * and backend with fresh randomness, and verifies each result as a verifier would
 * ({@link PoStSnark#verify}). Everything goes into a temporary directory, deleted at the end.
 */
public final class PoStBench {
    /** The largest sector sealed here (about 25 minutes on two cores). */
    static final SectorSize LARGEST = SectorSize.SIZE_512MIB;
    static final int MAX_SECTORS = 256;

    private PoStBench() {
    }

    /**
     * What to prove: {@code sectors} fresh sectors; {@code workDir} is where the temporary directory
     * goes (null: the system's), {@code parentCacheDir} where the SDR parent cache is found or made.
     */
    public record Request(RegisteredPoStProof proof, int sectors, int reps, Path parentCacheDir, Path workDir) {
    }

    /** The proof this benchmark uses for a kind and sector size: Window PoSt at API 1.2, Winning PoSt (1.0). */
    public static RegisteredPoStProof proofOf(RegisteredPoStProof.Kind kind, SectorSize size) {
        for (RegisteredPoStProof p : RegisteredPoStProof.values()) {
            if (p.kind() == kind && p.sectorSize() == size
                    && (kind == RegisteredPoStProof.Kind.WINNING || p.apiVersion() == ApiVersion.V1_2_0)) {
                return p;
            }
        }
        return null;
    }

    /** Why a request is invalid (one line naming the option), or null. */
    public static String problem(Request r) {
        if (r.proof().sectorSize().bytes() > LARGEST.bytes()) {
            return "--sector-size must be 2KiB, 8MiB or 512MiB for bench post (the sectors are sealed first)";
        }
        if (r.sectors() < 1 || r.sectors() > MAX_SECTORS) {
            return "--sectors must be between 1 and " + MAX_SECTORS;
        }
        return SynthesisBench.repsProblem(0, r.reps());
    }

    /**
     * Seals, sets up (when {@code params} is null) and proves on {@code ctx}'s pool and backend;
     * {@code progress} hears about the sealing and the runs.
     */
    public static Map<String, Object> measure(Request r, ParameterSource params, JobContext ctx, ProgressSink progress)
            throws IOException {
        String bad = problem(r);
        if (bad != null) {
            throw new IllegalArgumentException(bad);
        }
        Path dir = r.workDir() == null ? Files.createTempDirectory("filprover-bench-post")
                : Files.createTempDirectory(Files.createDirectories(r.workDir()), "filprover-bench-post");
        try {
            return measure(r, params, ctx, progress, dir);
        } finally {
            BenchFiles.deleteTree(dir);
        }
    }

    private static Map<String, Object> measure(Request r, ParameterSource given, JobContext ctx, ProgressSink progress,
                                               Path dir) throws IOException {
        RegisteredPoStProof type = r.proof();
        Random rnd = new SecureRandom();
        byte[] proverId = fieldBytes(rnd);
        long s0 = System.nanoTime();
        List<PoStRequest.Sector> sectors = new ArrayList<>();
        List<PublicSector> publicSectors = new ArrayList<>();
        for (int i = 0; i < r.sectors(); i++) {
            progress.stage("sealing sector " + (i + 1) + " of " + r.sectors());
            PoStRequest.Sector s = seal(type.sectorSize(), i + 1, proverId, r.parentCacheDir(), dir.resolve("sector-" + (i + 1)),
                    rnd, JobContext.of(ctx.pool(), ctx.kernels(), progress, ctx.cancellation(), null));
            sectors.add(s);
            publicSectors.add(new PublicSector(s.sectorId(), s.commR()));
        }
        long s1 = System.nanoTime();
        ParameterCache.Lease lease = null;
        Double setupMs = null;
        try {
            ParameterSource params = given;
            if (params == null) {
                progress.stage("local Groth16 setup of " + type.upstreamName());
                ParameterCache cache = new ParameterCache(dir.resolve("params"));
                long g0 = System.nanoTime();
                ParameterGenerator.generate(cache, RegisteredProof.of(type), false);
                setupMs = RunStats.round((System.nanoTime() - g0) / 1e6);
                lease = cache.parameters(RegisteredProof.of(type));
                params = lease;
            }
            RunStats stats = new RunStats();
            double[] verifyMs = new double[r.reps()];
            int partitions = 0;
            HeapMeter.resetPeaks();
            for (int rep = 0; rep < r.reps(); rep++) {
                progress.stage(type.upstreamName() + " run " + (rep + 1) + " of " + r.reps());
                byte[] randomness = fieldBytes(rnd);
                JobContext run = JobContext.of(ctx.pool(), ctx.kernels(), progress, ctx.cancellation(), null);
                PoStRequest request = new PoStRequest(type, randomness, proverId, sectors, 0, dir.resolve("proof.bin"));
                long c0 = HeapMeter.processCpuNanos();
                long t0 = System.nanoTime();
                PoStSnark.Result result = PoStSnark.prove(request, params, run);
                long t1 = System.nanoTime();
                long c1 = HeapMeter.processCpuNanos();
                stats.add(t1 - t0, c0 < 0 ? -1 : c1 - c0, run.stageTimes());
                List<PublicSector> verified = type.kind() == RegisteredPoStProof.Kind.WINNING
                        ? List.of(challenged(type, randomness, proverId, publicSectors)) : publicSectors;
                long v0 = System.nanoTime();
                boolean valid = PoStSnark.verify(type, params.verifyingKey(), randomness, verified, result.bytes());
                verifyMs[rep] = (System.nanoTime() - v0) / 1e6;
                if (!valid) {
                    throw new InternalException("", "run " + (rep + 1) + ": the " + type.upstreamName()
                            + " proof does not verify");
                }
                partitions = result.partitions();
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", "post");
            m.put("proof", type.upstreamName());
            m.put("sector_size", type.sectorSize().label());
            m.put("sectors", r.sectors());
            m.put("partitions", partitions);
            m.put("threads", ctx.threads());
            m.put("backend", ctx.backendName());
            m.put("seal_ms", RunStats.round((s1 - s0) / 1e6));
            m.put("setup_ms", setupMs);
            stats.putInto(m);
            m.put("verify_ms", RunStats.round(Medians.median(verifyMs)));
            m.put("verified", true);
            m.put("peak_heap_mib", HeapMeter.mib(HeapMeter.peakHeapBytes()));
            m.put("max_heap_mib", HeapMeter.mib(HeapMeter.maxHeapBytes()));
            return m;
        } finally {
            if (lease != null) {
                lease.close();
            }
        }
    }

    /**
     * The sector a Winning PoSt must be verified against: chosen from the randomness and prover id as
     * the prover chooses it (the sectors are in ascending id order, as sealed), not read back from
     * the proof's own public inputs.
     */
    private static PublicSector challenged(RegisteredPoStProof type, byte[] randomness, byte[] proverId,
                                           List<PublicSector> sectors) {
        long[] idx = PoStChallenges.winningSectorIndices(randomness, sectors.size(), proverId, type.sectorCount());
        return sectors.get((int) idx[0]);
    }

    /** Seals one sector of random data with sector id {@code id} into {@code dir}. */
    private static PoStRequest.Sector seal(SectorSize size, long id, byte[] proverId, Path parentCache, Path dir,
                                           Random rnd, JobContext ctx) throws IOException {
        RegisteredSealProof proof = RegisteredSealProof.of(size, ApiVersion.V1_1_0, PoRepFeature.NONE);
        Files.createDirectories(dir);
        byte[] data = new byte[(int) Math.min(size.unpaddedBytes(), 1 << 20)];
        Path dataFile = dir.resolve("data");
        try (var out = Files.newOutputStream(dataFile)) {
            for (long written = 0; written < size.unpaddedBytes(); written += data.length) {
                rnd.nextBytes(data);
                out.write(data, 0, (int) Math.min(data.length, size.unpaddedBytes() - written));
            }
        }
        PreCommit1.SectorIdentity identity = new PreCommit1.SectorIdentity(proverId, id, fieldBytes(rnd), proof.porepId(),
                proof.apiVersion());
        Path cache = dir.resolve("cache");
        Path replica = dir.resolve("sealed");
        SealRequest request = new SealRequest(size, proof, dataFile, identity, fieldBytes(rnd), size.layers(), cache,
                replica, parentCache, cache.resolve("c1-output.json"));
        SealResult sealed = SealStages.seal(request, ctx);
        Files.delete(dataFile);
        return new PoStRequest.Sector(id, sealed.commR().bytes(), cache, replica, null);
    }

    /** 32 random bytes with the top two bits clear (a field element, as tickets and randomness are masked). */
    private static byte[] fieldBytes(Random rnd) {
        byte[] b = new byte[32];
        rnd.nextBytes(b);
        b[31] &= 0x3f;
        return b;
    }
}
