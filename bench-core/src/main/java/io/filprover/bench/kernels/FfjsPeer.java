package io.filprover.bench.kernels;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ffjavascript's G1 MSM (snarkjs' wasm engine) run through Node: the script {@code peers/ffjs-msm.mjs}
 * (bench-core/src/main/resources/peers in the sources, inside filprover.jar) is copied into a cache directory where ffjavascript is installed
 * with npm on first use. Cache: {@code $FILPROVER_PEER_CACHE}, else {@code ~/.cache/filprover-peers}.
 */
public final class FfjsPeer {
    public static final String FFJAVASCRIPT = "ffjavascript@0.3.1";
    private static final Pattern MEDIAN = Pattern.compile("\"median_ms\":([0-9.]+)");
    private static final Pattern THREADS = Pattern.compile("\"threads\":([0-9]+)");
    private static final Pattern CHECK = Pattern.compile("\"check\":(true|false)");

    private FfjsPeer() {
    }

    /** The peer's median and thread count. */
    public record Result(double medianMs, int threads, String json) {
    }

    public static Path cacheDir() {
        String env = System.getenv("FILPROVER_PEER_CACHE");
        return env != null && !env.isEmpty() ? Path.of(env)
                : Path.of(System.getProperty("user.home"), ".cache", "filprover-peers");
    }

    /** Runs the MSM at 2^logN; threads 1 = single-threaded, otherwise ffjavascript's default (all cores). */
    public static Result msm(int logN, int threads, int reps) throws IOException, InterruptedException {
        Path dir = cacheDir();
        Files.createDirectories(dir);
        if (!Files.exists(dir.resolve("node_modules/ffjavascript/package.json"))) {
            run(dir, 600, List.of("npm", "install", "--no-audit", "--no-fund", "--prefix", dir.toString(), FFJAVASCRIPT));
        }
        Path script = dir.resolve("ffjs-msm.mjs");
        try (InputStream in = Objects.requireNonNull(FfjsPeer.class.getResourceAsStream("/peers/ffjs-msm.mjs"),
                "peers/ffjs-msm.mjs is missing from the class path (bench-core)")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        String out = run(dir, 1800, List.of("node", script.toString(), Integer.toString(logN),
                Integer.toString(threads), Integer.toString(reps)));
        String last = out.strip().lines().reduce((a, b) -> b).orElse("");
        Matcher m = MEDIAN.matcher(last);
        Matcher t = THREADS.matcher(last);
        Matcher c = CHECK.matcher(last);
        if (!m.find() || !t.find() || !c.find()) {
            throw new IOException("unexpected output from the ffjavascript peer: " + out);
        }
        if (!c.group(1).equals("true")) {
            throw new IOException("the ffjavascript peer failed its own 16-term check: " + last);
        }
        return new Result(Double.parseDouble(m.group(1)), Integer.parseInt(t.group(1)), last);
    }

    private static String run(Path dir, int timeoutS, List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeoutS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", cmd) + " timed out");
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed (exit " + p.exitValue() + "): " + text);
        }
        return text;
    }
}
