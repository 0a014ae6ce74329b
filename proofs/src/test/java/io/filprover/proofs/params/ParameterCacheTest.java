package io.filprover.proofs.params;

import io.filprover.api.PreconditionException;
import io.filprover.api.RegisteredPoStProof;
import io.filprover.api.RegisteredSealProof;
import io.filprover.bls12381.field.Fr;
import io.filprover.proofs.TestJobs;
import io.filprover.proofs.groth16.Proof;
import io.filprover.proofs.groth16.circuits.SquareChainCircuit;
import io.filprover.proofs.groth16.params.ParametersFormat;
import io.filprover.proofs.groth16.params.ToxicWaste;
import io.filprover.proofs.groth16.params.VerifyingKey;
import io.filprover.proofs.groth16.prover.Groth16Prover;
import io.filprover.proofs.groth16.verifier.Groth16Verifier;
import io.filprover.proofs.r1cs.FrScalarField;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParameterCacheTest {
    private static final RegisteredProof SEAL = RegisteredProof.of(RegisteredSealProof.STACKED_DRG_2KIB_V1_1);
    private static AutoCloseable registration;

    @TempDir
    Path dir;

    @BeforeAll
    static void register() {
        registration = CircuitRegistry.registerOnly(new TestCircuitRegistry()); // never the real circuits: far too large to set up here
    }

    @AfterAll
    static void unregister() throws Exception {
        registration.close();
    }

    @Test
    void directoryHonoursTheEnvironmentVariableElseUpstreamsDefault() {
        // storage-proofs-core settings.rs: FIL_PROOFS_PARAMETER_CACHE, default /var/tmp/filecoin-proof-parameters/
        assertEquals(Path.of("/tmp/x"), ParameterCache.directory(Map.of("FIL_PROOFS_PARAMETER_CACHE", "/tmp/x")));
        assertEquals(Path.of("/var/tmp/filecoin-proof-parameters"), ParameterCache.directory(Map.of()));
        assertEquals(Path.of("/var/tmp/filecoin-proof-parameters"), ParameterCache.directory(Map.of("FIL_PROOFS_PARAMETER_CACHE", "")));
        ParameterCache c = new ParameterCache(ParameterCache.directory(Map.of("FIL_PROOFS_PARAMETER_CACHE", dir.toString())));
        CircuitIdentifier id = CircuitIdentifiers.of(SEAL);
        assertEquals(dir.resolve(id.stem() + ".params"), c.paramsPath(id));
        assertEquals(dir.resolve(id.stem() + ".vk"), c.vkPath(id));
        assertEquals(dir.resolve(id.stem() + ".meta"), c.metaPath(id));
    }

    @Test
    void generateVerifyLoadMappedProveAndVerify() throws Exception {
        ParameterCache cache = new ParameterCache(dir.resolve("cache"));
        ParameterGenerator.Result r = ParameterGenerator.generate(cache, SEAL, false);
        CircuitIdentifier id = CircuitIdentifiers.of(SEAL);
        assertEquals(cache.paramsPath(id), r.params());
        assertTrue(Files.isRegularFile(r.vk()) && Files.isRegularFile(r.meta()));
        String meta = Files.readString(r.meta());
        assertTrue(meta.startsWith("{\"sector_size\":2048,"), meta);
        assertTrue(meta.contains("not for mainnet"), meta);
        try (var s = Files.list(cache.directory())) {
            assertEquals(3, s.count(), "no temporary files left behind");
        }

        // the 2 KiB name is in parameters.json, so our file is local with a differing digest
        List<ParameterVerifier.Report> reports = ParameterVerifier.verify(cache, SEAL, false);
        for (ParameterVerifier.Report rep : reports) {
            assertEquals(ParameterVerifier.Status.LOCAL, rep.status(), rep.toString());
            assertTrue(rep.detail().contains("differs from parameters.json's"), rep.detail());
            assertTrue(rep.detail().contains("not for mainnet"), rep.detail());
        }
        assertEquals(reports, ParameterVerifier.verifyAll(cache, false));

        // V1 shares the file with V1_1 (same identifier): both leases get the same mapping
        RegisteredProof v1 = RegisteredProof.of(RegisteredSealProof.STACKED_DRG_2KIB_V1);
        int before = ParameterCache.mappedFileCount();
        try (ParameterCache.Lease a = cache.parameters(SEAL); ParameterCache.Lease b = cache.parameters(v1)) {
            assertSame(a.mapped(), b.mapped());
            assertEquals(before + 1, ParameterCache.mappedFileCount());
            VerifyingKey vk = cache.verifyingKey(SEAL);
            assertArrayEquals(ParametersFormat.encodeVerifyingKey(vk), ParametersFormat.encodeVerifyingKey(a.verifyingKey()));

            Fr start = Fr.fromLong(3);
            Fr c = Fr.fromLong(5);
            SquareChainCircuit<Fr> witness = new SquareChainCircuit<>(TestCircuitRegistry.SEAL_STEPS,
                    TestCircuitRegistry.SEAL_INPUTS, start, c);
            List<Fr> inputs = witness.publicInputs(FrScalarField.INSTANCE);
            Proof proof = new Groth16Prover(TestJobs.CPU).prove(witness, a, new Random(7));
            assertTrue(Groth16Verifier.verify(vk, proof, inputs));
            List<Fr> wrong = new java.util.ArrayList<>(inputs);
            wrong.set(0, wrong.get(0).add(Fr.ONE));
            assertFalse(Groth16Verifier.verify(vk, proof, wrong));
        }
        assertEquals(before, ParameterCache.mappedFileCount(), "released when the last lease closes");
    }

    @Test
    void missingFilesGiveTheExactMessages() {
        ParameterCache cache = new ParameterCache(dir);
        CircuitIdentifier id = CircuitIdentifiers.of(SEAL);
        ParametersNotFoundException vk = assertThrows(ParametersNotFoundException.class, () -> cache.verifyingKey(SEAL));
        assertEquals("verifying key not found: " + id.vkFile(), vk.getMessage());
        ParametersNotFoundException p = assertThrows(ParametersNotFoundException.class, () -> cache.parameters(SEAL));
        assertEquals("parameters not found: " + id.paramsFile()
                + " (run: filprover params generate --proof StackedDrg2KiBV1_1, or fetch the official ones)", p.getMessage());
    }

    @Test
    void aFlippedByteInAPointIsCorrupt() throws Exception {
        ParameterCache cache = new ParameterCache(dir);
        ParameterGenerator.generate(cache, SEAL, false);
        Path params = cache.paramsPath(CircuitIdentifiers.of(SEAL));
        byte[] b = Files.readAllBytes(params);
        // the last b_g2 point's last byte: part of y's c0 coordinate, so the point leaves the curve
        b[b.length - 1] ^= 0x01;
        Files.write(params, b);
        ParameterVerifier.Report r = ParameterVerifier.verifyFile(params, false);
        assertEquals(ParameterVerifier.Status.CORRUPT, r.status(), r.toString());
        assertTrue(r.detail().contains("b_g2"), r.detail());
    }

    @Test
    void aTruncatedFileIsCorruptWithItsSize() throws Exception {
        ParameterCache cache = new ParameterCache(dir);
        ParameterGenerator.generate(cache, SEAL, false);
        Path params = cache.paramsPath(CircuitIdentifiers.of(SEAL));
        byte[] b = Files.readAllBytes(params);
        Files.write(params, java.util.Arrays.copyOf(b, b.length - 100));
        ParameterVerifier.Report r = ParameterVerifier.verifyFile(params, false);
        assertEquals(ParameterVerifier.Status.CORRUPT, r.status(), r.toString());
        assertEquals(b.length - 100, r.bytes());
        assertTrue(r.detail().startsWith((b.length - 100) + " bytes: "), r.detail());
        assertTrue(r.detail().contains("truncated"), r.detail());
    }

    @Test
    void aMismatchedPairIsCorruptAndAnUnlistedFileIsLocal() throws Exception {
        ParameterCache cache = new ParameterCache(dir);
        ParameterGenerator.generate(cache, SEAL, false);
        CircuitIdentifier id = CircuitIdentifiers.of(SEAL);
        byte[] oldVk = Files.readAllBytes(cache.vkPath(id));
        ParameterGenerator.generate(cache, SEAL, false); // fresh toxic waste: another vk
        Files.write(cache.vkPath(id), oldVk);
        ParameterVerifier.Report r = ParameterVerifier.verifyFile(cache.paramsPath(id), false);
        assertEquals(ParameterVerifier.Status.CORRUPT, r.status(), r.toString());
        assertTrue(r.detail().contains("do not belong together"), r.detail());

        Path other = dir.resolve("v28-not-a-registered-circuit.vk");
        Files.write(other, oldVk);
        ParameterVerifier.Report o = ParameterVerifier.verifyFile(other, false);
        assertEquals(ParameterVerifier.Status.LOCAL, o.status(), o.toString());
        assertTrue(o.detail().startsWith("not in parameters.json"), o.detail());
    }

    @Test
    void noCircuitRegisteredIsAPreconditionNamingTheProof() {
        ParameterCache cache = new ParameterCache(dir);
        PreconditionException e = assertThrows(PreconditionException.class, () -> ParameterGenerator.generate(cache,
                RegisteredProof.of(RegisteredPoStProof.STACKED_DRG_WINDOW_32GIB_V1_2), false));
        assertEquals("proof", e.field());
        assertTrue(e.getMessage().contains("StackedDrgWindow32GiBV1_2"), e.getMessage());
    }

    @Test
    void officialFilesAreNotOverwrittenWithoutForce() throws Exception {
        // no official file is at hand offline, so the listing is one whose digest matches our file
        ParameterCache cache = new ParameterCache(dir);
        CircuitIdentifier id = CircuitIdentifiers.of(SEAL);
        byte[] key = "stands in for the official key".getBytes(StandardCharsets.UTF_8);
        Files.write(cache.vkPath(id), key);
        Map<String, OfficialParameters.Entry> listing = Map.of(id.vkFile(),
                new OfficialParameters.Entry(id.vkFile(), "Qm-test", OfficialParameters.digest(key), 2048));
        ToxicWaste tw = ToxicWaste.random(new Random(1));
        PreconditionException e = assertThrows(PreconditionException.class,
                () -> ParameterGenerator.generate(cache, SEAL, false, tw, listing));
        assertEquals("force", e.field());
        assertTrue(e.getMessage().contains("official"), e.getMessage());
        assertEquals(List.of(cache.vkPath(id)), listOf(cache.directory()), "nothing written");

        ParameterGenerator.generate(cache, SEAL, true, tw, listing);
        assertTrue(Files.size(cache.vkPath(id)) > 868, "--force replaces it");
        // a file whose digest is not the listed one is replaced without --force
        ParameterGenerator.generate(cache, SEAL, false, tw, listing);
    }

    @Test
    void aFileWhoseDigestMatchesTheListingIsOfficial() throws Exception {
        // no official file offline: a listing holding our files' digests stands in for parameters.json
        ParameterCache cache = new ParameterCache(dir);
        ParameterGenerator.generate(cache, SEAL, false);
        CircuitIdentifier id = CircuitIdentifiers.of(SEAL);
        Map<String, OfficialParameters.Entry> listing = Map.of(
                id.paramsFile(), new OfficialParameters.Entry(id.paramsFile(), "Qm-test",
                        OfficialParameters.digest(cache.paramsPath(id)), 2048),
                id.vkFile(), new OfficialParameters.Entry(id.vkFile(), "Qm-test",
                        OfficialParameters.digest(cache.vkPath(id)), 2048));
        ParameterVerifier.Report p = ParameterVerifier.verifyFile(cache.paramsPath(id), false, listing);
        assertEquals(ParameterVerifier.Status.OFFICIAL, p.status(), p.toString());
        assertTrue(p.detail().contains("layout checked"), p.detail());
        assertEquals(ParameterVerifier.Status.OFFICIAL, ParameterVerifier.verifyFile(cache.paramsPath(id), true, listing).status());
        assertEquals(ParameterVerifier.Status.OFFICIAL, ParameterVerifier.verifyFile(cache.vkPath(id), false, listing).status());
        // the digest matches even for a file whose digest we check against known bytes independently
        assertEquals(OfficialParameters.digest(Files.readAllBytes(cache.vkPath(id))), OfficialParameters.digest(cache.vkPath(id)));
    }

    private static List<Path> listOf(Path d) throws java.io.IOException {
        try (var s = Files.list(d)) {
            return s.sorted().toList();
        }
    }
}
