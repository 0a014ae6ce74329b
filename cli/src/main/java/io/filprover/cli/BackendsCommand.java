package io.filprover.cli;

import io.filprover.api.kernels.Backends;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code filprover backends}: which kernel backends this machine can run, and why not. */
@Command(name = "backends", mixinStandardHelpOptions = true,
        description = "Lists the kernel backends found, highest priority first, with availability or the reason they cannot run.")
public final class BackendsCommand implements Callable<Integer> {
    @Mixin
    OutputOptions output = new OutputOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter w = spec.commandLine().getOut();
        for (Backends.Status s : KernelOptions.backends().statuses()) {
            if (output.json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", s.name());
                m.put("priority", s.priority());
                m.put("available", s.availability().available());
                m.put("detail", s.availability().detail());
                w.println(Json.line(m));
            } else {
                w.printf("%-8s %-12s %s%n", s.name(), s.availability().available() ? "available" : "unavailable",
                        s.availability().detail());
            }
        }
        w.flush();
        return 0;
    }
}
