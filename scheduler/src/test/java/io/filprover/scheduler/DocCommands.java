package io.filprover.scheduler;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the shell blocks of docs/operations.md (fenced as {@code ```sh NAME}) in a directory, so the
 * documented token and certificate commands are the ones the tests use. Needs bash and openssl.
 */
public final class DocCommands {
    private DocCommands() {
    }

    /** docs/operations.md, found from the module directory the tests run in. */
    public static Path operationsDoc() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path doc = p.resolve("docs/operations.md");
            if (Files.isRegularFile(doc)) {
                return doc;
            }
        }
        throw new IllegalStateException("docs/operations.md not found above " + Path.of("").toAbsolutePath());
    }

    /** The text of the block fenced {@code ```sh NAME}. */
    public static String block(String name) throws IOException {
        String doc = Files.readString(operationsDoc(), StandardCharsets.UTF_8);
        String fence = "```sh " + name + "\n";
        int start = doc.indexOf(fence);
        if (start < 0) {
            throw new IllegalStateException("docs/operations.md has no block " + fence.strip());
        }
        start += fence.length();
        return doc.substring(start, doc.indexOf("```", start));
    }

    /** Runs the block in {@code dir} (created); skips the test where openssl is missing. */
    public static Path run(String name, Path dir, Map<String, String> env) throws IOException, InterruptedException {
        Assumptions.assumeTrue(onPath("openssl") && onPath("bash"), "needs openssl and bash");
        Files.createDirectories(dir);
        ProcessBuilder pb = new ProcessBuilder("bash", "-euc", block(name)).directory(dir.toFile())
                .redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("block " + name + " failed: " + new String(out, StandardCharsets.UTF_8));
        }
        return dir;
    }

    public static Path run(String name, Path dir) throws IOException, InterruptedException {
        return run(name, dir, Map.of());
    }

    private static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }
}
