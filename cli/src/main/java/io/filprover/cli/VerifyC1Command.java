package io.filprover.cli;

import io.filprover.api.Hex;
import io.filprover.api.InvalidInputException;
import io.filprover.proofs.porep.Commit1;
import io.filprover.proofs.porep.Commit1Files;
import io.filprover.proofs.porep.Phase1OutputJson;
import io.filprover.proofs.porep.PoRepVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code filprover verify-c1}: reads a C1 output in any format users have (docs/c1-output.md) — what
 * a C2 step reads — and checks its vanilla proofs; optionally rewrites it as lotus-bench's c1.json.
 */
@Command(name = "verify-c1", mixinStandardHelpOptions = true,
        description = {"Reads a C1 output — filecoin-ffi's SealCommitPhase1Output JSON (Lotus' Phase1Out), lotus-bench's c1.json wrapper {SectorNum, Phase1Out, SectorSize} or the legacy filprover-c1/1 — and verifies its vanilla proofs (docs/c1-output.md).",
            "Exit 0 valid, 3 rejected, 2 bad input (a malformed file or a missing or wrong field, named by its JSON path)."})
public final class VerifyC1Command implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "C1_OUTPUT", description = "The C1 output file.")
    Path file;

    @Option(names = "--lotus-bench-out", paramLabel = "FILE",
            description = "Also write it as lotus-bench's c1.json ({\"SectorNum\", \"Phase1Out\": base64, \"SectorSize\"}); needs --sector-num unless the input carries the sector number.")
    Path lotusBenchOut;

    @Option(names = "--sector-num", paramLabel = "N", description = "The sector number for --lotus-bench-out.")
    Long sectorNum;

    @Mixin
    OutputOptions output = new OutputOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        byte[] bytes = Files.readAllBytes(UserPaths.inputFile(file, "C1_OUTPUT"));
        Commit1Files.Loaded loaded;
        try {
            loaded = Commit1Files.decode(bytes);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(e.field(), e.getMessage() + " (in " + file + ")", e);
        }
        Commit1.Output o = loaded.output();
        PoRepVerifier.Result r = PoRepVerifier.verify(o);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("format", loaded.format().text());
        if (Phase1OutputJson.representable(o)) {
            out.put("registered_proof", Phase1OutputJson.registeredProof(o).upstreamName());
        }
        out.put("sector_size", o.sectorSize().label());
        if (o.sectorId() != null) {
            out.put("sector_id", Long.toUnsignedString(o.sectorId()));
        }
        out.put("partitions", o.partitions().size());
        out.put("challenges", o.partitions().stream().mapToInt(List::size).sum());
        out.put("comm_d", Hex.encode(o.commD()));
        out.put("comm_r", Hex.encode(o.commR()));
        out.put("replica_id", Hex.encode(o.replicaId()));
        out.put("valid", r.valid());
        out.put("reason", r.reason());
        if (lotusBenchOut != null) {
            Long num = sectorNum != null ? sectorNum : o.sectorId();
            if (num == null || num < 0) {
                throw new InvalidInputException("sector-num", "--lotus-bench-out needs a sector number 0..2^63-1: "
                        + "give --sector-num (the input does not carry one)");
            }
            Files.write(lotusBenchOut, Phase1OutputJson.encodeLotusBench(o, num));
            out.put("lotus_bench_out", lotusBenchOut.toString());
        }
        output.print(spec.commandLine().getOut(), out);
        return r.valid() ? 0 : VerifyVanillaPostCommand.EXIT_REJECTED;
    }
}
