package io.filprover.cli;

import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.Map;

/** {@code --json} and the printing every command shares: "key: value" lines, or one JSON object per line. */
final class OutputOptions {
    @Option(names = "--json", description = "Print JSON (one object per line) instead of text.")
    boolean json;

    void print(PrintWriter w, Map<String, ?> fields) {
        if (json) {
            w.println(Json.line(fields));
        } else {
            int width = fields.keySet().stream().mapToInt(String::length).max().orElse(0) + 2;
            fields.forEach((k, v) -> w.println(String.format("%-" + width + "s%s", k + ":", v)));
        }
        w.flush();
    }
}
