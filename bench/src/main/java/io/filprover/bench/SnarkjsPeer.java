package io.filprover.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * snarkjs's Groth16 prove of the square chain at 2^logSize (the peer of {@link Groth16ProveBenchmark}),
 * run through {@code bench/peers/snarkjs/prove.sh}: the script installs snarkjs and prepares the keys
 * into the peer cache on first use (minutes), then prints one JSON line with the warm median. Its
 * progress goes to this process's stderr; only its last stdout line is read.
 */
public final class SnarkjsPeer {
    /** System property naming the peer's directory (the one holding prove.sh), when not run from the repository. */
    public static final String DIR_PROPERTY = "filprover.peers.snarkjs";
    static final String SCRIPT = "prove.sh";
    private static final Path IN_REPOSITORY = Path.of("bench", "peers", "snarkjs");

    private static final Pattern PEER = Pattern.compile("\"peer\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern LOG_SIZE = Pattern.compile("\"log_size\"\\s*:\\s*([0-9]+)");
    private static final Pattern MEDIAN = Pattern.compile("\"median_ms\"\\s*:\\s*([0-9]+(?:\\.[0-9]+)?)");
    private static final Pattern RUNS = Pattern.compile("\"runs\"\\s*:\\s*([0-9]+)");
    private static final Pattern VERIFIED = Pattern.compile("\"verified\"\\s*:\\s*(true|false)");

    private SnarkjsPeer() {
    }

    /** One measurement: the warm median over {@code runs} proves, and the line it came from. */
    public record Result(int logSize, double medianMs, int runs, String json) {
    }

    /**
     * Runs the peer (setup included when the cache lacks it) and returns its measurement.
     *
     * @param timeoutS how long the script may take, setup included
     */
    public static Result prove(Path peerDir, int logSize, int runs, long timeoutS) throws IOException, InterruptedException {
        Path script = peerDir.resolve(SCRIPT);
        if (!Files.isRegularFile(script)) {
            throw new IOException("no " + SCRIPT + " in " + peerDir);
        }
        List<String> cmd = List.of("bash", script.toString(), Integer.toString(logSize), Integer.toString(runs));
        // stdout to a file, so the timeout holds even while the script is silent
        Path stdout = Files.createTempFile("snarkjs-peer", ".out");
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(stdout.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            p.getOutputStream().close();
            if (!p.waitFor(timeoutS, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new IOException(String.join(" ", cmd) + " did not finish in " + timeoutS + " s");
            }
            String text = Files.readString(stdout, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IOException(String.join(" ", cmd) + " failed (exit " + p.exitValue() + "): " + text);
            }
            return parse(lastLine(text), logSize);
        } finally {
            Files.deleteIfExists(stdout);
        }
    }

    /** {@code SnarkjsPeer [log_size] [runs]}: runs the peer from the repository (or {@value #DIR_PROPERTY}) and prints its line. */
    public static void main(String[] args) throws IOException, InterruptedException {
        int logSize = args.length > 0 ? Integer.parseInt(args[0]) : 14;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path dir = locate(Path.of("")).orElseThrow(() -> new IOException(
                "bench/peers/snarkjs not found from the working directory; set -D" + DIR_PROPERTY + "=DIR"));
        System.out.println(prove(dir, logSize, runs, 3 * 3600).json());
    }

    /**
     * The peer's directory: the {@value #DIR_PROPERTY} property, else {@code bench/peers/snarkjs} under
     * the working directory or one of its parents (so it works from the repository root and from bench/).
     */
    public static Optional<Path> locate(Path workingDir) {
        String configured = System.getProperty(DIR_PROPERTY);
        if (configured != null && !configured.isEmpty()) {
            Path dir = Path.of(configured);
            return Files.isRegularFile(dir.resolve(SCRIPT)) ? Optional.of(dir) : Optional.empty();
        }
        for (Path d = workingDir.toAbsolutePath(); d != null; d = d.getParent()) {
            Path dir = d.resolve(IN_REPOSITORY);
            if (Files.isRegularFile(dir.resolve(SCRIPT))) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    /** The last non-blank line of the script's stdout (npm or snarkjs may print before it). */
    static String lastLine(String stdout) {
        return stdout.lines().filter(l -> !l.isBlank()).reduce((a, b) -> b).map(String::strip).orElse("");
    }

    /** Parses the JSON line, checking that it is the snarkjs peer at the size asked for and that its proof verified. */
    static Result parse(String line, int expectedLogSize) throws IOException {
        String peer = field(PEER, line);
        if (!"snarkjs".equals(peer)) {
            throw new IOException("not a snarkjs peer line: " + line);
        }
        int logSize = Integer.parseInt(field(LOG_SIZE, line));
        if (logSize != expectedLogSize) {
            throw new IOException("asked for 2^" + expectedLogSize + ", the peer measured 2^" + logSize + ": " + line);
        }
        Matcher verified = VERIFIED.matcher(line);
        if (verified.find() && !verified.group(1).equals("true")) {
            throw new IOException("the snarkjs proof did not verify: " + line);
        }
        int runs = Integer.parseInt(field(RUNS, line));
        if (runs < 1) {
            throw new IOException("no timed runs: " + line);
        }
        return new Result(logSize, Double.parseDouble(field(MEDIAN, line)), runs, line);
    }

    private static String field(Pattern p, String line) throws IOException {
        Matcher m = p.matcher(line);
        if (!m.find()) {
            throw new IOException("no " + p.pattern().split("\"")[1] + " in the peer's output: '" + line + "'");
        }
        return m.group(1);
    }
}
