package io.filprover.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.filprover.api.Commitment;
import io.filprover.api.Hex;
import io.filprover.api.InvalidInputException;
import io.filprover.api.RegisteredPoStProof;
import io.filprover.api.job.JobContext;
import io.filprover.api.job.ProgressSink;
import io.filprover.proofs.api.PoStRequest;
import io.filprover.proofs.api.PoStResult;
import io.filprover.proofs.api.PoStStages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code filprover post window|winning}: parses the options into a {@link PoStRequest}, runs {@link PoStStages#vanilla} and prints the result. */
@Command(name = "post", mixinStandardHelpOptions = true,
        description = {"Generates fallback PoSt vanilla proofs (bincode FallbackPoStSectorProof, as filecoin-ffi exchanges them) from sealed sectors and verifies them before writing.",
            "--sectors is a JSON list of {\"sector_id\", \"comm_r\" (hex or CID), \"cache_dir\", \"replica_path\"} (Window PoSt: optional \"position\", default the index in the id-sorted list). The randomness is masked as Lotus does (top two bits of byte 31 cleared).",
            "--out receives the proofs' bincode encodings concatenated in sector order (one proof for Winning PoSt or a one-sector partition). Exit 2 on bad input."})
public final class PostCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "KIND", description = "window or winning.")
    String kind;

    /** {@code --post-proof} and {@code --randomness}: the proof type and the challenge, as every PoSt command names them. */
    static final class Challenge {
        @Option(names = "--post-proof", required = true, paramLabel = "ID", description = "Registered PoSt proof id or name.")
        String postProof;

        @Option(names = "--randomness", required = true, paramLabel = "HEX", description = "32-byte randomness, hex.")
        String randomness;

        RegisteredPoStProof type() {
            return RegisteredPoStProof.parse(postProof);
        }

        byte[] randomness() {
            return Hex.decode(randomness, 32, "randomness");
        }
    }

    /** {@code --prover-id HEX} of the commands that prove a PoSt. */
    static final class ProverId {
        @Option(names = "--prover-id", required = true, paramLabel = "HEX", description = "32-byte prover id, hex.")
        String hex;

        byte[] bytes() {
            return Hex.decode(hex, 32, "prover-id");
        }
    }

    @Mixin
    Challenge challenge = new Challenge();

    @Mixin
    ProverId prover = new ProverId();

    @Option(names = "--sectors", required = true, paramLabel = "JSON", description = "The sectors file (see above).")
    Path sectorsFile;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output file for the bincode proofs.")
    Path out;

    @Option(names = "--partition", paramLabel = "N", defaultValue = "0", description = "Window PoSt partition index (default 0).")
    int partition;

    @Mixin
    OutputOptions output = new OutputOptions();

    @Mixin
    KernelOptions kernelOptions = new KernelOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        RegisteredPoStProof type = challenge.type();
        boolean winning;
        switch (kind.trim().toLowerCase()) {
            case "winning": winning = true; break;
            case "window": winning = false; break;
            default: throw new InvalidInputException("KIND", "expected window or winning, got '" + kind + "'");
        }
        if (winning != (type.kind() == RegisteredPoStProof.Kind.WINNING)) {
            throw new InvalidInputException("post-proof", type.upstreamName() + " is not a " + kind.trim() + " PoSt proof");
        }
        PoStRequest request = new PoStRequest(type, challenge.randomness(), prover.bytes(), readSectors(sectorsFile),
                partition, out);
        PoStResult r;
        Map<String, Object> ran = new LinkedHashMap<>();
        try (JobContext ctx = kernelOptions.open(ProgressSink.NONE, null)) {
            r = PoStStages.vanilla(request, ctx);
            BackendReport.put(ran, ctx);
        }
        List<Map<String, Object>> listed = new ArrayList<>();
        for (PoStResult.SectorProof p : r.sectors()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("sector_id", Long.toUnsignedString(p.sectorId()));
            m.put("offset", p.offset());
            m.put("length", p.length());
            listed.add(m);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("post_proof", type.upstreamName());
        result.put("verified", true);
        result.put("proofs", r.sectors().size());
        result.put("bytes", r.bytes());
        result.put("out", r.out().toString());
        result.putAll(ran);
        if (output.json) {
            result.put("sectors", listed);
        } else {
            result.put("sectors", listed.stream().map(m -> m.get("sector_id").toString()).toList());
        }
        output.print(spec.commandLine().getOut(), result);
        return 0;
    }

    /** The sectors file: a non-empty JSON list of sectors, in the order given, each field read strictly. */
    static List<PoStRequest.Sector> readSectors(Path file) throws IOException {
        JsonNode root = JsonFields.read(file, "sectors");
        if (root == null || !root.isArray() || root.isEmpty()) {
            throw new InvalidInputException("sectors", "must be a non-empty JSON list of sectors");
        }
        List<PoStRequest.Sector> out = new ArrayList<>();
        for (JsonNode s : root) {
            long id = JsonFields.u64(s.get("sector_id"), "a sector's \"sector_id\"", "sectors");
            byte[] commR = Commitment.parse(text(s, "comm_r"), Commitment.Kind.SEALED, "sectors").bytes();
            Long position = JsonFields.optionalIndex(s, "position", "sectors", "sector " + (out.size() + 1) + ": ");
            out.add(new PoStRequest.Sector(id, commR, Path.of(text(s, "cache_dir")), Path.of(text(s, "replica_path")),
                    position));
        }
        return out;
    }

    private static String text(JsonNode s, String field) {
        JsonNode n = s.get(field);
        if (n == null || n.isNull()) {
            throw new InvalidInputException("sectors", "a sector lacks \"" + field + "\"");
        }
        return n.asText();
    }
}
