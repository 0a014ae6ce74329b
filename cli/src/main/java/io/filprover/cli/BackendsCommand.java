package io.filprover.cli;

import io.filprover.api.kernels.Backends;
import io.filprover.api.kernels.DeviceInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code filprover backends}: which kernel backends this machine can run, and why not; under each, one
 * indented line per device it found, with its memory and whether it is selected (or why it cannot be used).
 */
@Command(name = "backends", mixinStandardHelpOptions = true,
        description = {"Lists the kernel backends found, highest priority first, with availability or the reason they cannot run,",
            "and under each backend its devices: index (as --devices names them), name, platform, memory, selected or why unusable."})
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
                List<Map<String, Object>> devices = new ArrayList<>();
                for (DeviceInfo d : s.availability().devices()) {
                    Map<String, Object> dm = new LinkedHashMap<>();
                    dm.put("index", d.index());
                    dm.put("name", d.name());
                    dm.put("platform", d.platform());
                    dm.put("memory_bytes", d.memoryBytes());
                    dm.put("selected", d.selected());
                    dm.put("unusable", d.unusable());
                    devices.add(dm);
                }
                m.put("devices", devices);
                w.println(Json.line(m));
            } else {
                w.printf("%-8s %-12s %s%n", s.name(), s.availability().available() ? "available" : "unavailable",
                        s.availability().detail());
                for (DeviceInfo d : s.availability().devices()) {
                    w.println("  " + d.describe());
                }
            }
        }
        w.flush();
        return 0;
    }
}
