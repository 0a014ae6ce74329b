package io.filprover.scheduler;

import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A program a test runs from the PATH (promtool, chromium): absent, the test is skipped with the
 * reason, unless the environment variable {@code requiredEnv} is 1 (CI sets it once it installed the
 * program), then it fails.
 */
public final class ExternalTool {
    private ExternalTool() {
    }

    /** The first of {@code names} on the PATH; skips or fails the test when there is none. */
    public static Path require(String requiredEnv, String aptPackage, String... names) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String n : names) {
                Path p = Path.of(dir.isEmpty() ? "." : dir, n);
                if (Files.isExecutable(p) && !Files.isDirectory(p)) {
                    return p;
                }
            }
        }
        String why = String.join(" or ", names) + " is not on the PATH (apt-get install " + aptPackage + ")";
        if ("1".equals(System.getenv(requiredEnv))) {
            throw new AssertionError(why + ", and " + requiredEnv + "=1 says this test must run");
        }
        Assumptions.assumeTrue(false, why + "; skipped (" + requiredEnv + "=1 makes it fail instead)");
        throw new IllegalStateException("unreachable");
    }

    /** What a finished run left: its exit code and its output (stdout and stderr, each in full). */
    public record Run(int code, String out, String err) {
    }

    /** Runs a command with {@code stdin} as its input, at most {@code timeoutSeconds}. */
    public static Run run(List<String> command, String stdin, Path workDir, long timeoutSeconds)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile(workDir, "out", ".txt");
        Path err = Files.createTempFile(workDir, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).directory(workDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        if (stdin == null) {
            pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        }
        Process p = pb.start();
        if (stdin != null) {
            try (var in = p.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError(command.get(0) + " ran past " + timeoutSeconds + " s; stderr:\n"
                    + Files.readString(err, StandardCharsets.UTF_8));
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
