package io.filprover.proofs.params;

import io.filprover.api.NotFoundException;
import io.filprover.proofs.groth16.params.ParameterFileCheck;
import io.filprover.proofs.groth16.params.ParametersFormatException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code params verify}: classifies each {@code .params} / {@code .vk} file of the cache.
 * <ul>
 * <li>official: listed in parameters.json and its digest matches (layout and verifying key checked;
 *   every point only with {@code full}, since the digest already pins the ceremony's bytes);</li>
 * <li>local: sound, but not listed or with a digest that differs (the detail says which);</li>
 * <li>corrupt: the layout does not fit the size, a point is invalid (encoding, curve, identity,
 *   subgroup), or a {@code .params} file's verifying key differs from its {@code .vk};</li>
 * <li>missing: asked for by {@code --proof} but absent.</li>
 * </ul>
 */
public final class ParameterVerifier {
    public enum Status { OFFICIAL, LOCAL, CORRUPT, MISSING }

    /** One file's verdict; {@code detail} is one line. */
    public record Report(String file, Status status, long bytes, String detail) {
    }

    private ParameterVerifier() {
    }

    /** The files of {@code proof}'s circuit (its {@code .params} and {@code .vk}), missing ones included. */
    public static List<Report> verify(ParameterCache cache, RegisteredProof proof, boolean full) throws IOException {
        CircuitIdentifier id = CircuitIdentifiers.of(proof);
        return List.of(verifyFile(cache.paramsPath(id), full), verifyFile(cache.vkPath(id), full));
    }

    /** Every {@code v<VERSION>-*.params} and {@code .vk} file in the cache directory, by name. */
    public static List<Report> verifyAll(ParameterCache cache, boolean full) throws IOException {
        Path dir = cache.directory();
        if (!Files.isDirectory(dir)) {
            throw new NotFoundException("cache", "parameter cache directory not found: " + dir);
        }
        List<Path> files;
        String prefix = "v" + CircuitIdentifier.VERSION + "-";
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith(prefix) && (n.endsWith(".params") || n.endsWith(".vk")) && Files.isRegularFile(p);
            }).sorted().toList();
        }
        List<Report> out = new ArrayList<>();
        for (Path f : files) {
            out.add(verifyFile(f, full));
        }
        return out;
    }

    /** Verdict on one file (a {@code .params} or {@code .vk}, told apart by the extension). */
    public static Report verifyFile(Path file, boolean full) throws IOException {
        return verifyFile(file, full, OfficialParameters.entries());
    }

    /** As {@link #verifyFile(Path, boolean)} against a given listing (tests stand in for official files). */
    static Report verifyFile(Path file, boolean full, Map<String, OfficialParameters.Entry> listing) throws IOException {
        String name = file.getFileName().toString();
        if (!Files.isRegularFile(file)) {
            return new Report(name, Status.MISSING, 0, "not in " + file.getParent());
        }
        long size = Files.size(file);
        boolean isParams = name.endsWith(".params");
        Optional<OfficialParameters.Entry> listed = Optional.ofNullable(listing.get(name));
        String digest = listed.isPresent() ? OfficialParameters.digest(file) : null;
        boolean official = listed.isPresent() && listed.get().digest().equals(digest);
        ParameterFileCheck.Summary summary;
        try {
            if (!isParams) {
                summary = ParameterFileCheck.checkVerifyingKey(file);
            } else if (official && !full) {
                summary = ParameterFileCheck.checkParametersLayout(file);
            } else {
                summary = ParameterFileCheck.checkParameters(file, true);
            }
        } catch (ParametersFormatException e) {
            return new Report(name, Status.CORRUPT, size, size + " bytes: " + e.getMessage());
        }
        if (isParams) {
            Path vk = file.resolveSibling(name.substring(0, name.length() - ".params".length()) + ".vk");
            // a .vk larger than 1 GiB is not a verifying key (params verify reports it on its own line)
            if (Files.isRegularFile(vk) && Files.size(vk) < Math.min(size, 1L << 30)
                    && !ParameterFileCheck.sameVerifyingKey(file, vk)) {
                return new Report(name, Status.CORRUPT, size, "its verifying key differs from " + vk.getFileName()
                        + " (the two files do not belong together)");
            }
        }
        String shape = describe(summary, isParams);
        if (official) {
            return new Report(name, Status.OFFICIAL, size, "digest " + digest + " matches parameters.json"
                    + (isParams && !full ? " (layout checked; --full decodes every point)" : "") + "; " + shape);
        }
        String why = listed.isPresent()
                ? "digest " + digest + " differs from parameters.json's " + listed.get().digest()
                : "not in parameters.json";
        return new Report(name, Status.LOCAL, size, why + localLabel(file) + "; " + shape);
    }

    private static String describe(ParameterFileCheck.Summary s, boolean isParams) {
        String base = s.bytes() + " bytes, " + (s.icPoints() - 1) + " public inputs";
        if (!isParams) {
            return base + ", all points in their subgroups";
        }
        return base + ", h " + s.h() + ", l " + s.l() + ", a " + s.a() + ", b_g1 " + s.bG1() + ", b_g2 " + s.bG2();
    }

    /** ", made by filprover params generate (not for mainnet)" when the sibling .meta says so. */
    private static String localLabel(Path file) throws IOException {
        String name = file.getFileName().toString();
        Path meta = file.resolveSibling(name.substring(0, name.lastIndexOf('.')) + ".meta");
        if (Files.isRegularFile(meta) && Files.size(meta) < 1 << 16) {
            String text = new String(Files.readAllBytes(meta), StandardCharsets.UTF_8);
            if (text.contains("\"local_setup\":true")) {
                return ", made by filprover params generate (not for mainnet)";
            }
        }
        return "";
    }
}
