package io.filprover.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.filprover.api.Commitment;
import io.filprover.api.Hex;
import io.filprover.api.InvalidInputException;
import io.filprover.api.RegisteredPoStProof;
import io.filprover.proofs.post.FallbackPoStSectorProof;
import io.filprover.proofs.post.VanillaPoStCodec;
import io.filprover.proofs.post.VanillaPoStVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code filprover verify-vanilla-post}: checks a bincode vanilla PoSt proof against its public inputs. */
@Command(name = "verify-vanilla-post", mixinStandardHelpOptions = true,
        description = {"Verifies a vanilla PoSt proof (bincode FallbackPoStSectorProof, as filecoin-ffi exchanges it).", "Public inputs come from a JSON file in Lotus/curio form (--public: Randomness base64, Proofs[0].PoStProof, ChallengedSectors[].SectorNumber/SealedCID) or from the options. The randomness is masked as Lotus does (top two bits of byte 31 cleared). Exit 0 valid, 3 rejected, 2 bad input."})
public final class VerifyVanillaPostCommand implements Callable<Integer> {
    static final int EXIT_REJECTED = 3;

    @Parameters(index = "0", paramLabel = "PROOF", description = "The vanilla proof file.")
    Path proofFile;

    @Option(names = "--public", paramLabel = "JSON", description = "Public inputs (Lotus/curio postpub.json form).")
    Path publicFile;

    @Option(names = "--post-proof", paramLabel = "ID", description = "Registered PoSt proof id or name (e.g. 8, StackedDrgWindow32GiBV1).")
    String postProof;

    @Option(names = "--randomness", paramLabel = "HEX", description = "32-byte randomness, hex.")
    String randomness;

    @Option(names = "--sector-id", paramLabel = "N", description = "The sector number.")
    String sectorId;

    @Option(names = "--comm-r", paramLabel = "CID_OR_HEX", description = "The sector's sealed commitment.")
    String commR;

    @Option(names = "--sector-position", paramLabel = "N", defaultValue = "0",
            description = "0-based position of the sector in the id-sorted list (Window PoSt before API 1.2; default 0).")
    long position;

    @Mixin
    OutputOptions output = new OutputOptions();

    @Spec
    CommandSpec spec;

    private record Sector(long id, byte[] commR) {
    }

    @Override
    public Integer call() throws IOException {
        if (position < 0) {
            throw new InvalidInputException("sector-position", "must be 0 or more, got " + position);
        }
        byte[] bytes = Files.readAllBytes(UserPaths.inputFile(proofFile, "PROOF"));
        FallbackPoStSectorProof proof;
        try {
            proof = VanillaPoStCodec.decode(bytes);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("PROOF", proofFile + " is not a vanilla PoSt proof: " + e.oneLine(), e);
        }
        RegisteredPoStProof type;
        byte[] rand;
        List<Sector> sectors = new ArrayList<>();
        if (publicFile != null) {
            JsonNode pub = JsonFields.read(publicFile, "public");
            type = postProof(JsonFields.integer(pub.at("/Proofs/0/PoStProof"), "Proofs[0].PoStProof", "public", 0, Long.MAX_VALUE));
            rand = decodeBase64(JsonFields.text(pub.get("Randomness"), "Randomness", "public"));
            JsonNode challenged = JsonFields.required(pub.get("ChallengedSectors"), "ChallengedSectors", "public");
            if (!challenged.isArray()) {
                throw new InvalidInputException("public", "ChallengedSectors must be a list");
            }
            for (int i = 0; i < challenged.size(); i++) {
                JsonNode s = challenged.get(i);
                String at = "ChallengedSectors[" + i + "].";
                JsonNode cid = s.at("/SealedCID/~1");
                String sealed = JsonFields.text(cid.isMissingNode() ? s.get("SealedCID") : cid, at + "SealedCID", "public");
                sectors.add(new Sector(JsonFields.u64(s.get("SectorNumber"), at + "SectorNumber", "public"),
                        commitment(sealed, at + "SealedCID")));
            }
            sectors.sort((a, b) -> Long.compareUnsigned(a.id(), b.id()));
        } else {
            if (postProof == null || randomness == null || sectorId == null || commR == null) {
                throw new InvalidInputException("public", "give --public JSON, or all of --post-proof, --randomness, --sector-id, --comm-r");
            }
            type = RegisteredPoStProof.parse(postProof);
            rand = Hex.decode(randomness, 32, "randomness");
            sectors.add(new Sector(IdArguments.parseU64(sectorId, "sector-id"), Commitment.parse(commR, Commitment.Kind.SEALED, "comm-r").bytes()));
        }
        if (rand.length != 32) {
            throw new InvalidInputException(publicFile != null ? "public" : "randomness",
                    (publicFile != null ? "Randomness " : "") + "must be 32 bytes, got " + rand.length);
        }
        rand[31] &= 0x3f;
        long pos = publicFile == null ? position : -1;
        Sector sector = null;
        for (int i = 0; i < sectors.size(); i++) {
            if (sectors.get(i).id() == proof.sectorId()) {
                sector = sectors.get(i);
                if (pos < 0) {
                    pos = i;
                }
            }
        }
        VanillaPoStVerifier.Result r = sector == null
                ? new VanillaPoStVerifier.Result(false, "the proof's sector " + Long.toUnsignedString(proof.sectorId())
                        + " is not among the public inputs' sectors")
                : new VanillaPoStVerifier().verify(type, rand, sector.id(), sector.commR(), pos, proof);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("valid", r.valid());
        out.put("reason", r.reason());
        out.put("sector_id", Long.toUnsignedString(proof.sectorId()));
        out.put("post_proof", type.upstreamName());
        output.print(spec.commandLine().getOut(), out);
        return r.valid() ? 0 : EXIT_REJECTED;
    }

    private static RegisteredPoStProof postProof(long id) {
        try {
            return RegisteredPoStProof.ofId(id);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("public", "Proofs[0].PoStProof: " + e.getMessage(), e);
        }
    }

    private static byte[] commitment(String text, String path) {
        try {
            return Commitment.parse(text, Commitment.Kind.SEALED, path).bytes();
        } catch (InvalidInputException e) {
            throw new InvalidInputException("public", e.oneLine(), e);
        }
    }

    private static byte[] decodeBase64(String s) {
        try {
            return Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("public", "Randomness is not base64: " + e.getMessage());
        }
    }

}
