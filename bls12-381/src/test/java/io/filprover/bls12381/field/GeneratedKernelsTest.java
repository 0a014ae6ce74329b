package io.filprover.bls12381.field;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The generated field kernels are what {@code bls12-381/tools/gen_*.py} print: each generator is run
 * with {@code python3} and its output compared with the region of the Java source it produced (the
 * lines between {@code // BEGIN GENERATED: python3 bls12-381/tools/<script> <args>} and
 * {@code // END GENERATED}, or the whole file for Fq2Mul.java). A hand edit of a generated region,
 * or a generator change not pasted into the source, fails here.
 *
 * <p>python3 is required (CI installs it); where it is absent the test fails, unless
 * {@code FILPROVER_SKIP_GENERATOR_CHECK=1} is set, which reports the tests as skipped.
 */
class GeneratedKernelsTest {
    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Path TOOLS = MODULE.resolve("tools");
    private static final Path FIELD = MODULE.resolve("src/main/java/io/filprover/bls12381/field");
    private static final String BEGIN = "// BEGIN GENERATED: python3 bls12-381/tools/";
    private static final String END = "// END GENERATED";

    /** A generator run and the source text it must reproduce; region == null: the whole file. */
    private record Piece(String script, List<String> args, String javaFile, String region) {
    }

    private static final List<Piece> PIECES = List.of(
            new Piece("gen_fq_mul.py", List.of("mul"), "FqOps.java", "gen_fq_mul.py mul"),
            new Piece("gen_fq_mul.py", List.of("square"), "FqOps.java", "gen_fq_mul.py square"),
            new Piece("gen_fr_mul.py", List.of(), "FrOps.java", "gen_fr_mul.py"),
            new Piece("gen_fq_wide.py", List.of(), "FqWide.java", "gen_fq_wide.py"),
            new Piece("gen_fq2_mul.py", List.of(), "Fq2Mul.java", null));

    @TestFactory
    Stream<DynamicTest> everyGeneratedPieceMatchesItsGenerator() {
        return PIECES.stream().map(p -> DynamicTest.dynamicTest(
                p.script() + (p.args().isEmpty() ? "" : " " + String.join(" ", p.args())) + " -> " + p.javaFile(),
                () -> {
                    String generated = run(p);
                    String source = Files.readString(FIELD.resolve(p.javaFile()), StandardCharsets.UTF_8);
                    String expected = p.region() == null ? source : region(source, p.region(), p.javaFile());
                    assertEquals(strip(generated), strip(expected), p.javaFile() + (p.region() == null ? ""
                            : " region '" + p.region() + "'") + " differs from what bls12-381/tools/" + p.script()
                            + " prints: regenerate it (or fix the generator) instead of editing the generated code");
                }));
    }

    /** Every generator and every marked region is in {@link #PIECES}: none goes unchecked. */
    @Test
    void everyGeneratorAndEveryMarkedRegionIsChecked() throws IOException {
        Set<String> scripts;
        try (Stream<Path> s = Files.list(TOOLS)) {
            scripts = s.map(f -> f.getFileName().toString())
                    .filter(n -> n.startsWith("gen_") && n.endsWith(".py") && !n.equals("gen_common.py"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        Set<String> checked = PIECES.stream().map(Piece::script).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(scripts, checked, "generators in bls12-381/tools vs. those GeneratedKernelsTest runs");

        Set<String> marked = new TreeSet<>();
        Pattern begin = Pattern.compile(Pattern.quote(BEGIN) + "(\\S+(?: [a-z]\\w*)*)");
        try (Stream<Path> s = Files.list(FIELD)) {
            for (Path f : s.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = begin.matcher(Files.readString(f, StandardCharsets.UTF_8));
                while (m.find()) {
                    marked.add(f.getFileName() + ": " + m.group(1));
                }
            }
        }
        Set<String> regions = PIECES.stream().filter(p -> p.region() != null)
                .map(p -> p.javaFile() + ": " + p.region()).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(marked, regions, "BEGIN GENERATED markers vs. the regions GeneratedKernelsTest compares");
    }

    private static String region(String source, String name, String file) {
        List<String> lines = source.lines().toList();
        String open = BEGIN + name + " ";
        int from = -1;
        for (int i = 0; i < lines.size(); i++) {
            String t = lines.get(i).strip();
            if (t.startsWith(open) || t.equals(BEGIN + name)) {
                assertEquals(-1, from, file + ": two regions '" + name + "'");
                from = i + 1;
            }
        }
        assertTrue(from >= 0, file + ": no line '" + BEGIN + name + "'");
        int to = from;
        while (to < lines.size() && !lines.get(to).strip().equals(END)) {
            assertTrue(!lines.get(to).contains(BEGIN), file + ": region '" + name + "' has no " + END);
            to++;
        }
        assertTrue(to < lines.size(), file + ": region '" + name + "' has no " + END);
        return String.join("\n", lines.subList(from, to));
    }

    /** Line endings and trailing newlines are not part of the comparison. */
    private static String strip(String s) {
        return s.replace("\r\n", "\n").stripTrailing();
    }

    private static String run(Piece p) throws IOException, InterruptedException {
        String python = python3();
        List<String> cmd = new ArrayList<>(List.of(python, "-B", TOOLS.resolve(p.script()).toString()));
        cmd.addAll(p.args());
        Process proc = new ProcessBuilder(cmd).directory(TOOLS.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        proc.getOutputStream().close();
        byte[] out;
        try (InputStream in = proc.getInputStream()) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            in.transferTo(buf);
            out = buf.toByteArray();
        }
        if (!proc.waitFor(60, TimeUnit.SECONDS)) {
            proc.destroyForcibly();
            fail(String.join(" ", cmd) + " did not finish within 60 s");
        }
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, proc.exitValue(), String.join(" ", cmd) + " failed (its stderr is in the test output)");
        return text;
    }

    private static String python;

    private static synchronized String python3() {
        if (python != null) {
            return python;
        }
        try {
            Process probe = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
            probe.getInputStream().transferTo(OutputStream.nullOutputStream());
            if (probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0) {
                python = "python3";
                return python;
            }
        } catch (IOException | InterruptedException e) {
            // absent: handled below
        }
        boolean skip = "1".equals(System.getenv("FILPROVER_SKIP_GENERATOR_CHECK"));
        Assumptions.assumeFalse(skip, "python3 not found; FILPROVER_SKIP_GENERATOR_CHECK=1: generated kernels not checked");
        fail("python3 not found on PATH: GeneratedKernelsTest regenerates the field kernels with"
                + " bls12-381/tools/gen_*.py and needs it (apt-get install python3), or set"
                + " FILPROVER_SKIP_GENERATOR_CHECK=1 to skip this check knowingly");
        return null;
    }
}
