package io.filprover.proofs.params;

import io.filprover.api.PreconditionException;
import io.filprover.bls12381.field.Fr;
import io.filprover.proofs.groth16.params.Groth16Parameters;
import io.filprover.proofs.groth16.params.Groth16Setup;
import io.filprover.proofs.groth16.params.ParametersFormat;
import io.filprover.proofs.groth16.params.ToxicWaste;
import io.filprover.proofs.r1cs.Circuit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code params generate}: a local Groth16 setup for a registered proof's blank circuit, written
 * into the cache under upstream's names. <b>Not for mainnet</b>: the toxic waste is drawn here and
 * forgotten, but nothing proves that, and the result can never verify proofs made with the
 * official ceremony parameters (nor the other way round). The {@code .meta} file says so.
 */
public final class ParameterGenerator {
    /** What was written. */
    public record Result(CircuitIdentifier id, Path params, Path vk, Path meta, int inputs, long paramsBytes) {
    }

    private ParameterGenerator() {
    }

    /** The blank circuit of {@code proof}, or exit-2 error naming the proof when none is registered yet. */
    public static Circuit<Fr> circuitOf(RegisteredProof proof) {
        Optional<Circuit<Fr>> c = CircuitRegistry.lookup(proof);
        return c.orElseThrow(() -> new PreconditionException("proof", "no circuit is registered for "
                + proof.upstreamName() + " yet (its circuit is not part of this build)"));
    }

    /** Fresh toxic waste from {@link SecureRandom}. */
    public static Result generate(ParameterCache cache, RegisteredProof proof, boolean force) throws IOException {
        return generate(cache, proof, force, ToxicWaste.random(new SecureRandom()), OfficialParameters.entries());
    }

    /**
     * Runs the setup and writes {@code .params}, {@code .vk}, {@code .meta}: each to a temporary
     * file in the cache directory, moved into place only when all three are complete.
     *
     * @param force    overwrite files whose digest matches parameters.json (official files)
     * @param official the parameters.json listing (tests pass their own)
     */
    static Result generate(ParameterCache cache, RegisteredProof proof, boolean force, ToxicWaste tw,
                           Map<String, OfficialParameters.Entry> official) throws IOException {
        CircuitIdentifier id = CircuitIdentifiers.of(proof);
        Circuit<Fr> circuit = circuitOf(proof);
        Path dir = cache.directory();
        Path params = cache.paramsPath(id);
        Path vk = cache.vkPath(id);
        Path meta = cache.metaPath(id);
        if (!force) {
            refuseOfficial(params, official);
            refuseOfficial(vk, official);
        }
        Files.createDirectories(dir);
        Groth16Parameters p = Groth16Setup.generate(circuit, tw);
        List<Path> temps = new ArrayList<>();
        try {
            Path tp = temp(dir, id.paramsFile(), temps);
            ParametersFormat.writeParameters(p, tp);
            Path tv = temp(dir, id.vkFile(), temps);
            ParametersFormat.writeVerifyingKey(p.verifyingKey(), tv);
            Path tm = temp(dir, id.metaFile(), temps);
            Files.write(tm, metaJson(id).getBytes(StandardCharsets.UTF_8));
            move(tp, params);
            move(tv, vk);
            move(tm, meta);
            temps.clear();
        } finally {
            for (Path t : temps) {
                Files.deleteIfExists(t);
            }
        }
        return new Result(id, params, vk, meta, p.verifyingKey().ic().size(), Files.size(params));
    }

    /**
     * The {@code .meta} JSON: upstream's {@code CacheEntryMetadata} ({@code sector_size}; serde
     * ignores the other fields, so rust-fil-proofs still reads it) plus the local-setup label.
     */
    static String metaJson(CircuitIdentifier id) {
        return "{\"sector_size\":" + id.sectorSize() + ",\"local_setup\":true,\"generator\":\"filprover params generate\","
                + "\"not_for_mainnet\":\"" + Groth16Setup.WARNING.replace("\"", "'") + "\"}";
    }

    private static void refuseOfficial(Path file, Map<String, OfficialParameters.Entry> official) throws IOException {
        if (!Files.isRegularFile(file)) {
            return;
        }
        String name = file.getFileName().toString();
        Optional<OfficialParameters.Entry> e = Optional.ofNullable(official.get(name));
        if (e.isPresent() && e.get().digest().equals(OfficialParameters.digest(file))) {
            throw new PreconditionException("force", name + " in " + file.getParent()
                    + " is an official file (its digest matches parameters.json); not overwriting it without --force");
        }
    }

    private static Path temp(Path dir, String name, List<Path> temps) throws IOException {
        Path t = Files.createTempFile(dir, "." + name + ".", ".tmp");
        temps.add(t);
        return t;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
