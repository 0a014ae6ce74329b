package io.filprover.cli;

import io.filprover.api.ApiVersion;
import io.filprover.api.Commitment;
import io.filprover.api.Hex;
import io.filprover.api.InvalidInputException;
import io.filprover.api.PorepId;
import io.filprover.api.SectorSize;
import io.filprover.api.job.JobContext;
import io.filprover.proofs.api.SealRequest;
import io.filprover.proofs.api.SealResult;
import io.filprover.proofs.api.SealStages;
import io.filprover.proofs.porep.PreCommit1;
import io.filprover.proofs.sdr.ParentCache;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code filprover seal}: parses the options into a {@link SealRequest}, runs {@link SealStages#seal} and prints the result. */
@Command(name = "seal", mixinStandardHelpOptions = true,
        description = {"Seals a sector: PC1 (tree_d, SDR labels), PC2 (tree_c, replica, tree_r_last, p_aux) and C1 (vanilla proofs, verified, written as JSON; see docs/c1-output.md).",
            "Cache files use the rust-fil-proofs names. Outputs are written under temporary names and renamed when complete. Progress goes to stderr. Exit 2 on bad input."})
public final class SealCommand implements Callable<Integer> {
    @Option(names = "--sector-size", required = true, paramLabel = "S", description = "Sector size, e.g. 2KiB, 512MiB, 32GiB, or bytes.")
    String sectorSize;

    @Option(names = "--data", required = true, paramLabel = "FILE",
            description = "Unpadded piece bytes: at most sector size × 127/128; shorter input is zero-filled.")
    Path data;

    static final class Prover {
        @Option(names = "--prover-id", paramLabel = "HEX", description = "32-byte prover id, 64 hex digits.")
        String proverId;

        @Option(names = "--miner", paramLabel = "ID", description = "Miner actor id (below 2^63): prover id = its ID address payload (LEB128 varint), zero-filled to 32 bytes, as Lotus derives it.")
        String miner;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Prover prover;

    @Option(names = "--sector-id", required = true, paramLabel = "N", description = "Sector number (unsigned 64-bit).")
    String sectorId;

    @Option(names = "--ticket", required = true, paramLabel = "HEX", description = "32-byte seal randomness, hex (memory order).")
    String ticket;

    @Mixin
    PorepOptions porepOptions = new PorepOptions();

    @Option(names = "--seed", required = true, paramLabel = "HEX", description = "32-byte interactive randomness, hex.")
    String seed;

    @Option(names = "--cache", required = true, paramLabel = "DIR", description = "Cache directory for layers, trees and p_aux.")
    Path cache;

    @Option(names = "--out", required = true, paramLabel = "REPLICA", description = "The sealed replica file to write.")
    Path out;

    @Option(names = "--layers", paramLabel = "N", description = "SDR layers (default: the sector size's, 2 or 11). Column hashes need a Poseidon arity: 2, 4, 8, 11, 16, 24 or 36.")
    Integer layers;

    @Option(names = "--c1-out", paramLabel = "FILE", description = "Where to write the C1 output JSON (default: <cache>/c1-output.json).")
    Path c1Out;

    @Option(names = "--parent-cache", paramLabel = "DIR",
            description = "Parent cache directory (default: $FIL_PROOFS_PARENT_CACHE, else /var/tmp/filecoin-parents).")
    Path parentCache;

    @Mixin
    OutputOptions output = new OutputOptions();

    @Mixin
    KernelOptions kernelOptions = new KernelOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        SectorSize size = SectorSize.parse(sectorSize);
        PorepId porep = porepOptions.porepId(size);
        ApiVersion version = porepOptions.apiVersion();
        byte[] proverId = prover.proverId != null ? Hex.decode(prover.proverId, 32, "prover-id")
                : IdArguments.minerProverId(prover.miner, "miner");
        long sector = IdArguments.parseU64(sectorId, "sector-id");
        byte[] ticketBytes = Hex.decode(ticket, 32, "ticket");
        byte[] seedBytes = Hex.decode(seed, 32, "seed");
        int layerCount = layers == null ? size.layers() : layers;
        if (!IdArguments.SUPPORTED_LAYERS.contains(layerCount)) {
            throw new InvalidInputException("layers", "unsupported layer count " + layerCount + " (supported: "
                    + IdArguments.SUPPORTED_LAYERS + ")");
        }
        PreCommit1.SectorIdentity id = new PreCommit1.SectorIdentity(proverId, sector, ticketBytes, porep.bytes(), version);
        SealRequest request = new SealRequest(size, porep.registered(), data, id, seedBytes, layerCount, cache, out,
                parentCache != null ? parentCache : ParentCache.defaultDirectory(),
                c1Out != null ? c1Out : cache.resolve("c1-output.json"));
        SealResult r;
        Map<String, String> stageSeconds;
        Map<String, Object> ran = new LinkedHashMap<>();
        try (JobContext ctx = kernelOptions.open(new StderrProgress(System.err, true), cache)) {
            r = SealStages.seal(request, ctx);
            stageSeconds = StageTimings.seconds(ctx.stageTimes());
            BackendReport.put(ran, ctx);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("comm_d", r.commD().hex());
        result.put("comm_d_cid", r.commD().toCid(Commitment.Kind.UNSEALED));
        result.put("comm_r", r.commR().hex());
        result.put("comm_r_cid", r.commR().toCid(Commitment.Kind.SEALED));
        result.put("comm_c", r.commC().hex());
        result.put("comm_r_last", r.commRLast().hex());
        result.put("replica_id", Hex.encode(r.replicaId()));
        result.put("porep_id", Hex.encode(r.porepId()));
        result.put("api_version", r.apiVersion().text());
        result.put("challenges", r.challenges());
        result.put("c1_output", r.c1Output().toString());
        result.put("c1_format", r.c1Format());
        result.put("pc1_seconds", StageTimings.seconds(r.pc1()));
        result.put("pc2_seconds", StageTimings.seconds(r.pc2()));
        result.put("c1_seconds", StageTimings.seconds(r.c1()));
        // where PC1, PC2 and C1 went, stage by stage (a map in JSON)
        result.put("stage_seconds", output.json ? stageSeconds : StageTimings.line(stageSeconds));
        result.putAll(ran);
        output.print(spec.commandLine().getOut(), result);
        return 0;
    }
}
