package io.filprover.proofs.api;

import io.filprover.api.InternalException;
import io.filprover.api.InvalidInputException;
import io.filprover.api.RegisteredPoStProof;
import io.filprover.api.job.JobContext;
import io.filprover.api.job.StageTimes;
import io.filprover.bls12381.field.FieldEncodingException;
import io.filprover.bls12381.field.Fr;
import io.filprover.proofs.groth16.InvalidProofException;
import io.filprover.proofs.groth16.Proof;
import io.filprover.proofs.groth16.params.ParameterSource;
import io.filprover.proofs.groth16.params.VerifyingKey;
import io.filprover.proofs.groth16.prover.Groth16Prover;
import io.filprover.proofs.groth16.prover.ProverListener;
import io.filprover.proofs.groth16.prover.ProverPhase;
import io.filprover.proofs.groth16.verifier.Groth16Verifier;
import io.filprover.proofs.groth16.verifier.PreparedVerifyingKey;
import io.filprover.proofs.post.FallbackPoStSectorProof;
import io.filprover.proofs.post.PoStProver;
import io.filprover.proofs.post.SectorProof;
import io.filprover.proofs.post.circuit.FallbackPoStCircuit;
import io.filprover.proofs.post.circuit.FallbackPoStCompound;
import io.filprover.proofs.post.circuit.FallbackPoStCompound.PublicSector;
import io.filprover.proofs.tree.SectorFilesException;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Window and Winning PoSt SNARKs as filecoin-proofs' generate_window_post / generate_winning_post
 * make them: the vanilla proofs, one {@link FallbackPoStCircuit} per partition (Window: the sectors in
 * ascending id order, chunked by sectors per partition, the last chunk padded with its last sector;
 * Winning: the challenged sector as 66 one-challenge slots), each proved with Groth16 on the job's
 * kernels and verified against the public inputs the verifier derives ({@link FallbackPoStCompound})
 * before anything is written. The output is the partition proofs concatenated, 192 bytes each, as
 * filecoin-ffi returns them. Stage times: {@code vanilla_proofs}, the prover's phases in lower case
 * ({@code synthesis}, {@code fft}, {@code msm_h} … {@code assembly}, its own proof check as
 * {@code self_check}), and {@code verification}.
 */
public final class PoStSnark {
    private PoStSnark() {
    }

    /** The proof written to {@code out}: partition proofs, concatenated, and each partition's public inputs. */
    public record Result(RegisteredPoStProof proof, Path out, byte[] bytes, List<List<Fr>> publicInputs,
                         Duration time) {
        public Result {
            bytes = bytes.clone();
            publicInputs = List.copyOf(publicInputs);
        }

        public int partitions() {
            return publicInputs.size();
        }
    }

    /**
     * Proves {@code request} (every partition; {@code request.partition()} must be 0 and positions
     * implicit, since the circuit's inputs place each sector by its partition slot) with {@code params},
     * the Groth16 parameters of {@code request.proof()}'s circuit.
     */
    public static Result prove(PoStRequest request, ParameterSource params, JobContext ctx) throws IOException {
        RegisteredPoStProof type = request.proof();
        checkBytes(request.randomness(), "randomness");
        checkBytes(request.proverId(), "prover-id");
        if (request.sectors().isEmpty()) {
            throw new InvalidInputException("sectors", "no sector given");
        }
        if (request.partition() != 0) {
            throw new InvalidInputException("partition", "a PoSt SNARK proves every partition; partition must be 0");
        }
        for (PoStRequest.Sector s : request.sectors()) {
            if (s.position() != null) {
                throw new InvalidInputException("sectors", "sector " + Long.toUnsignedString(s.sectorId())
                        + ": a PoSt SNARK places sectors by their id order; explicit positions are for vanilla proofs");
            }
        }
        OutputPaths.checkFile("out", request.out());
        PoStStages.checkReplicaSizes(type, request.sectors());
        FallbackPoStCompound.PublicParams pp = FallbackPoStCompound.PublicParams.of(type);
        byte[] rand = request.randomness();
        rand[31] &= 0x3f; // as Lotus masks it (and the vanilla stage)
        long t0 = System.nanoTime();
        StageTimes times = ctx.stageTimes();

        List<PublicSector> publicSectors = new ArrayList<>();
        List<SectorProof> slots = new ArrayList<>();
        PoStProver vanilla = new PoStProver(ctx.kernels());
        try (var t = times.start("vanilla_proofs")) {
            if (type.kind() == RegisteredPoStProof.Kind.WINNING) {
                List<PoStProver.SectorInput> eligible = new ArrayList<>();
                for (PoStRequest.Sector s : request.sectors()) {
                    eligible.add(input(s));
                }
                FallbackPoStSectorProof p = vanilla.proveWinning(type, rand, request.proverId(), eligible);
                // verify_winning_post's public sectors: the sector once per slot
                publicSectors.addAll(Collections.nCopies(pp.sectorCount(), new PublicSector(p.sectorId(), p.commR())));
                slots.addAll(p.sectors());
            } else {
                List<PoStRequest.Sector> sorted = new ArrayList<>(request.sectors());
                sorted.sort((a, b) -> Long.compareUnsigned(a.sectorId(), b.sectorId()));
                for (int k = 0; k < sorted.size(); k++) {
                    ctx.checkpoint();
                    if (k > 0 && sorted.get(k).sectorId() == sorted.get(k - 1).sectorId()) {
                        throw new InvalidInputException("sectors", "sector " + Long.toUnsignedString(
                                sorted.get(k).sectorId()) + " is given twice");
                    }
                    FallbackPoStSectorProof p = vanilla.prove(type, rand, input(sorted.get(k)), k);
                    publicSectors.add(new PublicSector(p.sectorId(), p.commR()));
                    slots.addAll(p.sectors());
                }
            }
        } catch (SectorFilesException | FieldEncodingException e) {
            throw new InvalidInputException("sectors", e.getMessage(), e);
        }

        Groth16Prover prover = new Groth16Prover(ctx.kernels(), ctx.pool(), listener(times));
        PreparedVerifyingKey pvk = PreparedVerifyingKey.prepare(params.verifyingKey());
        SecureRandom rng = new SecureRandom();
        int partitions = pp.partitions(publicSectors.size());
        byte[] out = new byte[partitions * Proof.BYTES];
        List<List<Fr>> inputs = new ArrayList<>(partitions);
        // one partition at a time: a production partition's witness is gigabytes
        for (int j = 0; j < partitions; j++) {
            ctx.checkpoint();
            int from = j * pp.sectorCount();
            List<SectorProof> chunk = slots.subList(from, Math.min(slots.size(), from + pp.sectorCount()));
            FallbackPoStCircuit circuit = FallbackPoStCompound.circuit(pp, publicSectors, j, chunk);
            Proof proof = prover.prove(circuit, params, rng);
            List<Fr> in = FallbackPoStCompound.publicInputs(pp, rand, publicSectors, j);
            boolean ok;
            try (var t = times.start("verification")) {
                ok = Groth16Verifier.verify(pvk, Proof.fromBytes(proof.toBytes()), in);
            }
            if (!ok) {
                throw new InternalException("", "partition " + j + "'s proof does not verify against the public inputs "
                        + "the verifier derives");
            }
            System.arraycopy(proof.toBytes(), 0, out, j * Proof.BYTES, Proof.BYTES);
            inputs.add(in);
        }
        ctx.checkpoint();
        Path file = request.out();
        OutputPaths.writeAtomically(file, out);
        return new Result(type, file, out, inputs, Duration.ofNanos(System.nanoTime() - t0));
    }

    /**
     * The public inputs of every partition as verify_window_post / verify_winning_post derive them
     * ({@code randomness} masked here as by the prover). Window: {@code sectors} in any order (sorted
     * by id here); Winning: the one challenged sector.
     */
    public static List<List<Fr>> publicInputs(RegisteredPoStProof type, byte[] randomness, List<PublicSector> sectors) {
        checkBytes(randomness, "randomness");
        if (sectors.isEmpty()) {
            throw new InvalidInputException("sectors", "no sector given");
        }
        FallbackPoStCompound.PublicParams pp = FallbackPoStCompound.PublicParams.of(type);
        byte[] rand = randomness.clone();
        rand[31] &= 0x3f;
        List<PublicSector> all;
        if (type.kind() == RegisteredPoStProof.Kind.WINNING) {
            if (sectors.size() != type.sectorCount()) {
                throw new InvalidInputException("sectors", "Winning PoSt is verified against the "
                        + type.sectorCount() + " challenged sector(s), got " + sectors.size());
            }
            all = Collections.nCopies(pp.sectorCount(), sectors.get(0));
        } else {
            all = new ArrayList<>(sectors);
            all.sort((a, b) -> Long.compareUnsigned(a.id(), b.id()));
        }
        for (PublicSector s : all) {
            try {
                Fr.fromBytesLE(s.commR());
            } catch (FieldEncodingException e) {
                throw new InvalidInputException("sectors", "comm_r of sector " + Long.toUnsignedString(s.id())
                        + " is not a field element", e);
            }
        }
        List<List<Fr>> out = new ArrayList<>();
        for (int j = 0; j < pp.partitions(all.size()); j++) {
            out.add(FallbackPoStCompound.publicInputs(pp, rand, all, j));
        }
        return out;
    }

    /**
     * Verifies concatenated partition proofs: false if the length is not one proof per partition,
     * a proof does not decode, or one does not verify.
     */
    public static boolean verify(RegisteredPoStProof type, VerifyingKey vk, byte[] randomness,
                                 List<PublicSector> sectors, byte[] proofs) {
        List<List<Fr>> inputs = publicInputs(type, randomness, sectors);
        if (proofs.length != inputs.size() * Proof.BYTES) {
            return false;
        }
        PreparedVerifyingKey pvk = PreparedVerifyingKey.prepare(vk);
        for (int j = 0; j < inputs.size(); j++) {
            byte[] one = java.util.Arrays.copyOfRange(proofs, j * Proof.BYTES, (j + 1) * Proof.BYTES);
            try {
                if (!Groth16Verifier.verify(pvk, Proof.fromBytes(one), inputs.get(j))) {
                    return false;
                }
            } catch (InvalidProofException e) {
                return false;
            }
        }
        return true;
    }

    private static ProverListener listener(StageTimes times) {
        return (phase, nanos) -> times.add(phase == ProverPhase.VERIFICATION ? "self_check"
                : phase.name().toLowerCase(Locale.ROOT), nanos);
    }

    private static PoStProver.SectorInput input(PoStRequest.Sector s) {
        return new PoStProver.SectorInput(s.sectorId(), s.commR(), s.cacheDir(), s.replica());
    }

    private static void checkBytes(byte[] b, String field) {
        if (b.length != 32) {
            throw new InvalidInputException(field, "must be 32 bytes, got " + b.length);
        }
    }
}
