package io.filprover.api;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every "§" cited in the code resolves inside the repository: each citation names its document, and
 * the document has a heading with that section number. Scanned: every {@code *.java} under each
 * module's {@code src/}, and the {@code docs/*.md} pages.
 *
 * <ul>
 *   <li>{@code docs/spec/NAME.md §8.5} (or {@code §9, §11}, {@code §4.1–§4.3}, {@code §2.7 b}):
 *       docs/spec/NAME.md must exist and have a heading {@code ## 8.5 ...} / {@code ## 8. ...};
 *       the spec documents live only there (a spec name without {@code docs/spec/} fails).</li>
 *   <li>Another repository document, e.g. {@code bench/RESULTS.md §3}: the same check on that file
 *       (from docs/ pages, {@code spec/NAME.md} relative to the page works too).</li>
 *   <li>External standards, not checked: {@code RFC 8439 §2.4}, {@code eprint 2021/1130 §4},
 *       {@code draft-<name>-00 §3}.</li>
 *   <li>Anything else, a bare "§7" among them, fails: the reader must know which document it is.</li>
 * </ul>
 */
class SpecCitationsTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final Path SPEC = ROOT.resolve("docs/spec");

    private static final String SECTION = "§\\s?\\d+(?:\\.\\d+)*(?:\\s?[a-z](?!\\w))?";
    private static final String LIST = SECTION + "(?:\\s*(?:,|–|-|and|or)\\s*" + SECTION + ")*";
    private static final Pattern DOC_CITATION = Pattern.compile("([\\w./-]+\\.md)[`*)\\]]*\\s*(" + LIST + ")");
    private static final Pattern EXTERNAL_CITATION =
            Pattern.compile("(?:RFC \\d+|eprint \\d{4}/\\d+|draft-[\\w.-]+?)[`*)\\]]*\\s*(?:" + LIST + ")");
    /** A file name with the path before it (group 1, may be null) and its name (group 2). */
    private static final Pattern SPEC_NAME = Pattern.compile("([\\w./-]*/)?([\\w-]+\\.md)\\b");
    private static final Pattern NUMBER = Pattern.compile("§\\s?(\\d+(?:\\.\\d+)*)");

    private final Map<Path, List<String>> headings = new HashMap<>();

    @Test
    void everySectionCitationNamesAnExistingDocumentAndSection() throws IOException {
        assertTrue(Files.isRegularFile(ROOT.resolve("pom.xml")) && Files.isDirectory(SPEC),
                "expected the repository root (with docs/spec/) at " + ROOT);
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Path file : scannedFiles()) {
            if (file.endsWith("SpecCitationsTest.java")) {
                continue; // its own documentation shows the forms
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.indexOf('§') < 0) {
                    continue;
                }
                String where = ROOT.relativize(file) + ":" + (i + 1);
                boolean[] consumed = new boolean[line.length()];
                Matcher m = DOC_CITATION.matcher(line);
                while (m.find()) {
                    mark(consumed, m.start(2), m.end(2));
                    Path doc = resolve(file, m.group(1));
                    if (doc == null) {
                        problems.add(where + ": " + m.group(1) + " is not a file of the repository"
                                + (Files.isRegularFile(SPEC.resolve(Path.of(m.group(1)).getFileName()))
                                        ? " (write docs/spec/" + Path.of(m.group(1)).getFileName() + ")" : ""));
                        continue;
                    }
                    if (Files.isRegularFile(SPEC.resolve(doc.getFileName())) && !doc.startsWith(SPEC)) {
                        problems.add(where + ": cite the spec as docs/spec/" + doc.getFileName());
                    }
                    Matcher n = NUMBER.matcher(m.group(2));
                    while (n.find()) {
                        checked++;
                        if (!hasHeading(doc, n.group(1))) {
                            problems.add(where + ": " + ROOT.relativize(doc) + " has no heading for §" + n.group(1));
                        }
                    }
                }
                Matcher e = EXTERNAL_CITATION.matcher(line);
                while (e.find()) {
                    mark(consumed, e.start(), e.end());
                }
                Matcher s = SPEC_NAME.matcher(line);
                while (s.find()) {
                    if (Files.isRegularFile(SPEC.resolve(s.group(2))) && (s.group(1) == null || !(s.group(1).endsWith("docs/spec/") || s.group(1).equals("spec/")))) {
                        problems.add(where + ": name the spec as docs/spec/" + s.group(2));
                    }
                }
                for (int c = line.indexOf('§'); c >= 0; c = line.indexOf('§', c + 1)) {
                    if (!consumed[c]) {
                        problems.add(where + ": '" + line.strip() + "': a § that names no document"
                                + " (write e.g. docs/spec/filecoin-porep-post.md §7)");
                        break;
                    }
                }
            }
        }
        assertTrue(problems.isEmpty(), problems.size() + " unresolved citation(s):\n" + String.join("\n", problems));
        assertTrue(checked > 100, "only " + checked + " citations found: is the scan looking in the right place?");
        System.out.println("SpecCitationsTest: " + checked + " section citations resolved");
    }

    private static void mark(boolean[] consumed, int from, int to) {
        for (int i = from; i < to; i++) {
            consumed[i] = true;
        }
    }

    /** The cited file: relative to the citing page (docs/*.md), else to the repository root. */
    private static Path resolve(Path citing, String name) {
        for (Path base : List.of(citing.getParent(), ROOT)) {
            Path p = base.resolve(name).normalize();
            if (p.startsWith(ROOT) && Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    private boolean hasHeading(Path doc, String number) {
        Pattern heading = Pattern.compile("#{1,6}\\s+" + Pattern.quote(number) + "(?:\\.(?!\\d)|\\s|$).*");
        return headings.computeIfAbsent(doc, d -> {
            try {
                return Files.readAllLines(d, StandardCharsets.UTF_8).stream().filter(l -> l.startsWith("#")).toList();
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }).stream().anyMatch(h -> heading.matcher(h).matches());
    }

    private static List<Path> scannedFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> modules = Files.list(ROOT)) {
            for (Path module : modules.filter(m -> Files.isRegularFile(m.resolve("pom.xml"))
                    && Files.isDirectory(m.resolve("src"))).sorted().toList()) {
                try (Stream<Path> s = Files.walk(module.resolve("src"))) {
                    s.filter(p -> p.toString().endsWith(".java")).sorted().forEach(files::add);
                }
            }
        }
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        return files;
    }
}
