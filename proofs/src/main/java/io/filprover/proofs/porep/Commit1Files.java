package io.filprover.proofs.porep;

import io.filprover.api.InvalidInputException;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.Map;

/**
 * C1 output files in the formats users have (docs/c1-output.md): filecoin-ffi's
 * {@code SealCommitPhase1Output} JSON (written by default), lotus-bench's {@code c1.json} wrapper
 * {@code {"SectorNum", "Phase1Out": base64, "SectorSize"}} and the legacy {@code filprover-c1/1}.
 * Reading detects which one a file holds.
 */
public final class Commit1Files {
    /** The formats, with the name reports use. */
    public enum Format {
        UPSTREAM("SealCommitPhase1Output"), LOTUS_BENCH("lotus-bench Commit2In"), LEGACY(Commit1Json.FORMAT);

        private final String text;

        Format(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /** What a file held; from lotus-bench's wrapper the output's sector id is its SectorNum. */
    public record Loaded(Format format, Commit1.Output output) {
    }

    private Commit1Files() {
    }

    /** The format {@link #encode} picks: upstream when a registered seal proof names the sector, else legacy. */
    public static Format formatFor(Commit1.Output out) {
        return Phase1OutputJson.representable(out) ? Format.UPSTREAM : Format.LEGACY;
    }

    public static byte[] encode(Commit1.Output out) {
        return formatFor(out) == Format.UPSTREAM ? Phase1OutputJson.encode(out)
                : Commit1Json.encode(out).getBytes(StandardCharsets.UTF_8);
    }

    /** Writes {@code out} in {@link #formatFor}'s format through a temporary file renamed when complete. */
    public static Format write(Commit1.Output out, Path file) throws IOException {
        Format f = formatFor(out);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            try (OutputStream os = new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                if (f == Format.UPSTREAM) {
                    Phase1OutputJson.write(out, os);
                } else {
                    os.write(Commit1Json.encode(out).getBytes(StandardCharsets.UTF_8));
                }
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return f;
    }

    public static Loaded read(Path file) throws IOException {
        return decode(Files.readAllBytes(file));
    }

    /** Detects the format: a {@code Phase1Out} field is lotus-bench's, a {@code format} field the legacy one. */
    public static Loaded decode(byte[] bytes) {
        JsonNode top = new JsonNode(MiniJson.parse(new String(bytes, StandardCharsets.UTF_8), true), "");
        Map<String, Object> m = top.object();
        if (m.containsKey("Phase1Out")) {
            return new Loaded(Format.LOTUS_BENCH, lotusBench(top));
        }
        if (m.containsKey("format")) {
            return new Loaded(Format.LEGACY, Commit1Json.decode(m));
        }
        return new Loaded(Format.UPSTREAM, Phase1OutputReader.decode(top));
    }

    /** Commit2In as Go's encoding/json writes it: Phase1Out ([]byte) is standard base64. */
    private static Commit1.Output lotusBench(JsonNode top) {
        long sectorNum = top.field("SectorNum").integer(Long.MAX_VALUE);
        long sectorSize = top.field("SectorSize").integer(Long.MAX_VALUE);
        JsonNode p1 = top.field("Phase1Out");
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(p1.string());
        } catch (IllegalArgumentException e) {
            throw p1.bad("is not base64: " + e.getMessage());
        }
        Commit1.Output o;
        try {
            o = Phase1OutputReader.decode(new String(raw, StandardCharsets.UTF_8));
        } catch (InvalidInputException e) {
            String inner = e.field().equals("c1-output") ? "" : "." + e.field();
            throw new InvalidInputException("Phase1Out" + inner, e.getMessage(), e);
        }
        if (sectorSize != o.sectorSize().bytes()) {
            throw new InvalidInputException("SectorSize", sectorSize + " is not the size of the Phase1Out proofs ("
                    + o.sectorSize().bytes() + ", " + o.sectorSize().label() + ")");
        }
        return new Commit1.Output(o.sectorSize(), o.layers(), o.porepId(), o.apiVersion(), o.feature(), null, sectorNum,
                o.ticket(), o.seed(), o.replicaId(), o.commD(), o.commC(), o.commRLast(), o.commR(), o.partitions());
    }
}
