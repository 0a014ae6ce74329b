package io.filprover.proofs.api;

import io.filprover.api.InternalException;
import io.filprover.api.InvalidInputException;
import io.filprover.api.RegisteredPoStProof;
import io.filprover.api.job.JobContext;
import io.filprover.api.job.StageTimes;
import io.filprover.bls12381.field.FieldEncodingException;
import io.filprover.proofs.post.FallbackPoStSectorProof;
import io.filprover.proofs.post.PoStProver;
import io.filprover.proofs.post.VanillaPoStCodec;
import io.filprover.proofs.post.VanillaPoStVerifier;
import io.filprover.proofs.tree.SectorFilesException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The PoSt stages of the proving API: Window and Winning PoSt vanilla proofs from sealed sectors,
 * each proof verified as the verifier reads it before the output is written (atomically). The wall
 * time of {@code vanilla_proofs} (the challenged sectors' Merkle openings) and {@code verification}
 * (each proof encoded, decoded and checked) goes to the context's {@link StageTimes}.
 */
public final class PoStStages {
    private PoStStages() {
    }

    /** Winning or Window PoSt vanilla proofs, as {@code request.proof()} says. */
    public static PoStResult vanilla(PoStRequest request, JobContext ctx) throws IOException {
        RegisteredPoStProof type = request.proof();
        if (request.randomness().length != 32) {
            throw new InvalidInputException("randomness", "must be 32 bytes, got " + request.randomness().length);
        }
        if (request.proverId().length != 32) {
            throw new InvalidInputException("prover-id", "must be 32 bytes, got " + request.proverId().length);
        }
        if (request.sectors().isEmpty()) {
            throw new InvalidInputException("sectors", "no sector given");
        }
        OutputPaths.checkFile("out", request.out());
        checkReplicaSizes(type, request.sectors());
        boolean winning = type.kind() == RegisteredPoStProof.Kind.WINNING;
        List<PoStRequest.Sector> chosen;
        List<Long> positions = new ArrayList<>();
        if (winning) {
            chosen = request.sectors();
        } else {
            chosen = new ArrayList<>();
            List<PoStRequest.Sector> sorted = sortedWithPositions(request.sectors(), positions);
            int per = type.sectorCount();
            long from = (long) request.partition() * per;
            if (request.partition() < 0 || from >= sorted.size()) {
                throw new InvalidInputException("partition", "partition " + request.partition() + " is empty: "
                        + sorted.size() + " sectors, " + per + " per partition");
            }
            int to = (int) Math.min(sorted.size(), from + per);
            chosen.addAll(sorted.subList((int) from, to));
            positions = new ArrayList<>(positions.subList((int) from, to));
        }
        byte[] rand = request.randomness();
        rand[31] &= 0x3f;
        long t0 = System.nanoTime();
        PoStProver prover = new PoStProver(ctx.kernels());
        List<FallbackPoStSectorProof> proofs = new ArrayList<>();
        StageTimes times = ctx.stageTimes();
        try (var t = times.start("vanilla_proofs")) {
            if (winning) {
                List<PoStProver.SectorInput> inputs = new ArrayList<>();
                for (PoStRequest.Sector s : chosen) {
                    inputs.add(input(s));
                }
                proofs.add(prover.proveWinning(type, rand, request.proverId(), inputs));
                positions.add(0L);
            } else {
                for (int i = 0; i < chosen.size(); i++) {
                    ctx.checkpoint();
                    proofs.add(prover.prove(type, rand, input(chosen.get(i)), positions.get(i)));
                }
            }
        } catch (SectorFilesException | FieldEncodingException e) {
            throw new InvalidInputException("sectors", e.getMessage(), e);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<PoStResult.SectorProof> listed = new ArrayList<>();
        VanillaPoStVerifier verifier = new VanillaPoStVerifier();
        try (var t = times.start("verification")) {
            for (int i = 0; i < proofs.size(); i++) {
                FallbackPoStSectorProof p = proofs.get(i);
                byte[] enc = VanillaPoStCodec.encode(p);
                // what is written must decode and verify as the verifier reads it
                VanillaPoStVerifier.Result r = verifier.verify(type, rand, p.sectorId(), p.commR(), positions.get(i),
                        VanillaPoStCodec.decode(enc));
                if (!r.valid()) {
                    throw new InternalException("", "proof of sector " + Long.toUnsignedString(p.sectorId())
                            + " does not verify: " + r.reason());
                }
                listed.add(new PoStResult.SectorProof(p.sectorId(), bytes.size(), enc.length));
                bytes.writeBytes(enc);
            }
        }
        ctx.checkpoint();
        Path out = request.out();
        OutputPaths.writeAtomically(out, bytes.toByteArray());
        return new PoStResult(type, out, bytes.size(), listed, Duration.ofNanos(System.nanoTime() - t0));
    }

    /**
     * The Window or Winning PoSt SNARK of {@code request} over every partition, proved with
     * {@code params} (the Groth16 parameters of the proof's circuit): see {@link PoStSnark#prove}.
     */
    public static PoStSnark.Result snark(PoStRequest request,
                                         io.filprover.proofs.groth16.params.ParameterSource params,
                                         JobContext ctx) throws IOException {
        return PoStSnark.prove(request, params, ctx);
    }

    private static PoStProver.SectorInput input(PoStRequest.Sector s) {
        return new PoStProver.SectorInput(s.sectorId(), s.commR(), s.cacheDir(), s.replica());
    }

    /** Window PoSt: the sectors sorted by id; {@code positions} receives each one's explicit or sorted position. */
    private static List<PoStRequest.Sector> sortedWithPositions(List<PoStRequest.Sector> sectors, List<Long> positions) {
        List<PoStRequest.Sector> sorted = new ArrayList<>(sectors);
        sorted.sort((a, b) -> Long.compareUnsigned(a.sectorId(), b.sectorId()));
        for (int k = 0; k < sorted.size(); k++) {
            Long explicit = sorted.get(k).position();
            positions.add(explicit != null ? explicit : k);
        }
        return sorted;
    }

    /**
     * Before any cache file is opened: a sealed replica is exactly one sector long, so a 32 GiB proof
     * on a 2 KiB sector is named as the size mismatch it is, not as the cache file the larger tree
     * would need.
     */
    static void checkReplicaSizes(RegisteredPoStProof type, List<PoStRequest.Sector> sectors)
            throws IOException {
        long expected = type.sectorSize().bytes();
        for (PoStRequest.Sector s : sectors) {
            String sector = "sector " + Long.toUnsignedString(s.sectorId());
            Path replica = s.replica();
            if (Files.isDirectory(replica)) {
                throw new InvalidInputException("sectors", sector + ": replica_path " + replica + " is a directory");
            }
            if (!Files.isRegularFile(replica)) {
                throw new InvalidInputException("sectors", sector + ": replica_path " + replica + " does not exist");
            }
            long size = Files.size(replica);
            if (size != expected) {
                String label = sizeLabel(size);
                throw new InvalidInputException("post-proof", type.upstreamName() + " is for "
                        + type.sectorSize().label() + " sectors, but " + sector + "'s replica is " + size + " bytes"
                        + (label == null ? "" : " (" + label + ")"));
            }
        }
    }

    private static String sizeLabel(long bytes) {
        try {
            return io.filprover.api.SectorSize.ofBytes(bytes).label();
        } catch (IllegalArgumentException | io.filprover.api.ProverException e) {
            return null;
        }
    }
}
