package io.filprover.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.filprover.api.Commitment;
import io.filprover.api.Hex;
import io.filprover.api.InvalidInputException;
import io.filprover.api.RegisteredPoStProof;
import io.filprover.bls12381.field.FieldEncodingException;
import io.filprover.proofs.post.FallbackPoStSectorProof;
import io.filprover.proofs.post.PoStProver;
import io.filprover.proofs.post.VanillaPoStCodec;
import io.filprover.proofs.post.VanillaPoStVerifier;
import io.filprover.proofs.tree.SectorFilesException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code filprover post window|winning}: vanilla PoSt proofs from sealed sectors' caches. */
@Command(name = "post", mixinStandardHelpOptions = true,
        description = {"Generates fallback PoSt vanilla proofs (bincode FallbackPoStSectorProof, as filecoin-ffi exchanges them) from sealed sectors and verifies them before writing.",
            "--sectors is a JSON list of {\"sector_id\", \"comm_r\" (hex or CID), \"cache_dir\", \"replica_path\"} (Window PoSt: optional \"position\", default the index in the id-sorted list). The randomness is masked as Lotus does (top two bits of byte 31 cleared).",
            "--out receives the proofs' bincode encodings concatenated in sector order (one proof for Winning PoSt or a one-sector partition). Exit 2 on bad input."})
public final class PostCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "KIND", description = "window or winning.")
    String kind;

    @Option(names = "--post-proof", required = true, paramLabel = "ID", description = "Registered PoSt proof id or name.")
    String postProof;

    @Option(names = "--randomness", required = true, paramLabel = "HEX", description = "32-byte randomness, hex.")
    String randomness;

    @Option(names = "--prover-id", required = true, paramLabel = "HEX", description = "32-byte prover id, hex.")
    String proverId;

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

    private record Entry(PoStProver.SectorInput input, long position) {
    }

    @Override
    public Integer call() throws IOException {
        RegisteredPoStProof type = RegisteredPoStProof.parse(postProof);
        boolean winning;
        switch (kind.trim().toLowerCase()) {
            case "winning": winning = true; break;
            case "window": winning = false; break;
            default: throw new InvalidInputException("KIND", "expected window or winning, got '" + kind + "'");
        }
        if (winning != (type.kind() == RegisteredPoStProof.Kind.WINNING)) {
            throw new InvalidInputException("post-proof", type.upstreamName() + " is not a " + kind.trim() + " PoSt proof");
        }
        byte[] rand = Hex.decode(randomness, 32, "randomness");
        rand[31] &= 0x3f;
        byte[] prover = Hex.decode(proverId, 32, "prover-id");
        List<Entry> entries = readSectors(sectorsFile);
        PoStSectorChecks.sizes(type, entries.stream().map(Entry::input).toList());
        kernelOptions.threads(); // checks --threads before any work
        PoStProver proverImpl = new PoStProver(kernelOptions.kernels());
        List<FallbackPoStSectorProof> proofs = new ArrayList<>();
        List<Long> positions = new ArrayList<>();
        try {
            if (winning) {
                // the selected index points into the list as given (the chain's eligible-sector order)
                List<PoStProver.SectorInput> inputs = readInputs(sectorsFile);
                proofs.add(proverImpl.proveWinning(type, rand, prover, inputs));
                positions.add(0L);
            } else {
                int per = type.sectorCount();
                long from = (long) partition * per;
                if (partition < 0 || from >= entries.size()) {
                    throw new InvalidInputException("partition", "partition " + partition + " is empty: "
                            + entries.size() + " sectors, " + per + " per partition");
                }
                for (long s = from; s < Math.min(entries.size(), from + per); s++) {
                    Entry e = entries.get((int) s);
                    proofs.add(proverImpl.prove(type, rand, e.input(), e.position()));
                    positions.add(e.position());
                }
            }
        } catch (SectorFilesException | FieldEncodingException e) {
            throw new InvalidInputException("sectors", e.getMessage(), e);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<Map<String, Object>> listed = new ArrayList<>();
        VanillaPoStVerifier verifier = new VanillaPoStVerifier();
        for (int i = 0; i < proofs.size(); i++) {
            FallbackPoStSectorProof p = proofs.get(i);
            byte[] enc = VanillaPoStCodec.encode(p);
            // what is written must decode and verify as the verifier reads it
            VanillaPoStVerifier.Result r = verifier.verify(type, rand, p.sectorId(), p.commR(), positions.get(i),
                    VanillaPoStCodec.decode(enc));
            if (!r.valid()) {
                throw new IllegalStateException("proof of sector " + Long.toUnsignedString(p.sectorId())
                        + " does not verify: " + r.reason());
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("sector_id", Long.toUnsignedString(p.sectorId()));
            m.put("offset", bytes.size());
            m.put("length", enc.length);
            listed.add(m);
            bytes.writeBytes(enc);
        }
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        try {
            Files.write(tmp, bytes.toByteArray());
            Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("post_proof", type.upstreamName());
        result.put("verified", true);
        result.put("proofs", proofs.size());
        result.put("bytes", bytes.size());
        result.put("out", out.toString());
        if (output.json) {
            result.put("sectors", listed);
        } else {
            result.put("sectors", listed.stream().map(m -> m.get("sector_id").toString()).toList());
        }
        output.print(spec.commandLine().getOut(), result);
        return 0;
    }

    private static List<PoStProver.SectorInput> readInputs(Path file) throws IOException {
        List<PoStProver.SectorInput> out = new ArrayList<>();
        for (JsonNode s : readList(file)) {
            out.add(input(s));
        }
        return out;
    }

    private static PoStProver.SectorInput input(JsonNode s) {
        long id = JsonFields.u64(s.get("sector_id"), "a sector's \"sector_id\"", "sectors");
        byte[] commR = Commitment.parse(text(s, "comm_r"), Commitment.Kind.SEALED, "sectors").bytes();
        return new PoStProver.SectorInput(id, commR, Path.of(text(s, "cache_dir")), Path.of(text(s, "replica_path")));
    }

    private static JsonNode readList(Path file) throws IOException {
        JsonNode root = JsonFields.read(file, "sectors");
        if (root == null || !root.isArray() || root.isEmpty()) {
            throw new InvalidInputException("sectors", "must be a non-empty JSON list of sectors");
        }
        return root;
    }

    /** Window PoSt: the sectors sorted by id, each with its position (explicit or its sorted index). */
    private static List<Entry> readSectors(Path file) throws IOException {
        JsonNode root = readList(file);
        List<PoStProver.SectorInput> inputs = new ArrayList<>();
        List<Long> explicit = new ArrayList<>();
        for (JsonNode s : root) {
            inputs.add(input(s));
            explicit.add(JsonFields.optionalIndex(s, "position", "sectors", "sector " + (explicit.size() + 1) + ": "));
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            order.add(i);
        }
        order.sort((a, b) -> Long.compareUnsigned(inputs.get(a).sectorId(), inputs.get(b).sectorId()));
        List<Entry> out = new ArrayList<>();
        for (int k = 0; k < order.size(); k++) {
            int i = order.get(k);
            out.add(new Entry(inputs.get(i), explicit.get(i) != null ? explicit.get(i) : k));
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
