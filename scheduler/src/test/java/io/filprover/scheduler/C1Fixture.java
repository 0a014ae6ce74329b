package io.filprover.scheduler;

import io.filprover.api.RegisteredSealProof;
import io.filprover.api.SectorSize;
import io.filprover.api.job.CancellationToken;
import io.filprover.api.job.JobContext;
import io.filprover.api.kernels.Backends;
import io.filprover.proofs.api.SealRequest;
import io.filprover.proofs.api.SealStages;
import io.filprover.proofs.porep.PreCommit1;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** A real C1 output (upstream JSON) of a 2 KiB StackedDrg2KiBV1_1 sector, sealed once per test JVM. */
final class C1Fixture {
    static final RegisteredSealProof PROOF = RegisteredSealProof.STACKED_DRG_2KIB_V1_1;
    private static byte[] json;

    private C1Fixture() {
    }

    static synchronized byte[] twoKiB() {
        if (json == null) {
            try {
                json = seal();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return json.clone();
    }

    private static byte[] seal() throws IOException {
        Path dir = Files.createTempDirectory("filprover-c1-fixture");
        Random rnd = new Random(7);
        byte[] data = new byte[2032];
        rnd.nextBytes(data);
        byte[] proverId = new byte[32];
        byte[] ticket = new byte[32];
        byte[] seed = new byte[32];
        rnd.nextBytes(proverId);
        rnd.nextBytes(ticket);
        rnd.nextBytes(seed);
        proverId[31] &= 0x3f;
        ticket[31] &= 0x3f;
        seed[31] &= 0x3f;
        SectorSize size = PROOF.sectorSize();
        Path out = dir.resolve("c1.json");
        SealRequest r = new SealRequest(size, PROOF, Files.write(dir.resolve("staged"), data),
                new PreCommit1.SectorIdentity(proverId, 9, ticket, PROOF.porepId(), PROOF.apiVersion()), seed,
                size.layers(), Files.createDirectories(dir.resolve("cache")), dir.resolve("sealed"),
                Files.createDirectories(dir.resolve("parents")), out);
        try (JobContext ctx = JobContext.open(Backends.discover(), "cpu", 2, io.filprover.api.job.ProgressSink.NONE, CancellationToken.create(), null)) {
            SealStages.seal(r, ctx);
        }
        return Files.readAllBytes(out);
    }
}
