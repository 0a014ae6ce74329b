package io.filprover.cli;

import io.filprover.api.SectorSize;
import io.filprover.proofs.api.OutputPaths;
import io.filprover.proofs.sdr.ParentCache;
import io.filprover.proofs.sdr.ParentCacheGenerator;
import io.filprover.proofs.sdr.ParentCacheManifest;
import io.filprover.proofs.sdr.SdrGraph;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import io.filprover.api.job.WorkerPool;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code filprover parents}: generates (or checks) the SDR parent cache, upstream name and format. */
@Command(name = "parents", mixinStandardHelpOptions = true,
        description = {"Generates the SDR parent cache of a sector size and porep id, or checks an existing one.",
            "The file has rust-fil-proofs' name and format (v28-sdr-parent-<hash>.cache) and goes to --out or to the "
                + "upstream default directory (FIL_PROOFS_PARENT_CACHE, else $FIL_PROOFS_CACHE_DIR/filecoin-parents, "
                + "else /var/tmp/filecoin-parents). Prints its name and SHA-256 digest, and whether the digest matches "
                + "upstream's parent_cache.json."})
public final class ParentsCommand implements Callable<Integer> {
    @Option(names = "--sector-size", required = true, paramLabel = "S", description = "Sector size, e.g. 2KiB, 32GiB.")
    String sectorSize;

    @Mixin
    PorepOptions porep = new PorepOptions();

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write the cache (default: the upstream directory and name).")
    Path out;

    @Option(names = "--threads", paramLabel = "N", description = "Generator threads (default: all processors).")
    Integer threads;

    @Option(names = "--no-progress", description = "Never show the progress bar.")
    boolean noProgress;

    @Mixin
    OutputOptions output = new OutputOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        SectorSize size = SectorSize.parse(sectorSize);
        SdrGraph graph = new SdrGraph(size.nodes(), porep.porepId(size).bytes(), porep.apiVersion());
        int t = IdArguments.threads(threads);
        String name = ParentCache.fileName(graph);
        Path file = out != null ? out : ParentCache.defaultDirectory().resolve(name);
        if (Files.isDirectory(file)) {
            file = file.resolve(name);
        }
        OutputPaths.checkFile("out", file);
        boolean generated = !Files.exists(file);
        if (!generated && Files.size(file) != graph.nodes() * ParentCache.NODE_BYTES) {
            throw new io.filprover.api.InvalidInputException("out", file + " exists and is not this graph's parent cache ("
                    + Files.size(file) + " bytes, a cache is " + graph.nodes() * ParentCache.NODE_BYTES + "); remove it or choose another path");
        }
        String digest;
        if (generated) {
            ProgressBar[] bar = {null};
            try (WorkerPool pool = WorkerPool.of(t, "parent-cache")) {
                digest = ParentCacheGenerator.generate(graph, file, pool, (task, done, total) -> {
                    if (noProgress || total < (1L << 20)) {
                        return;
                    }
                    synchronized (bar) {
                        if (bar[0] == null) {
                            bar[0] = new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                                    .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(System.err))
                                    .setUnit(" Mnodes", 1L << 20).build();
                        }
                        bar[0].stepTo(done);
                    }
                });
            } finally {
                if (bar[0] != null) {
                    bar[0].close();
                }
            }
        } else {
            ParentCache.open(file, graph.nodes()); // checks the size before hashing
            digest = ParentCacheGenerator.digestOf(file);
        }
        ParentCacheManifest.Entry upstream = ParentCacheManifest.lookup(name).orElse(null);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("path", file.toString());
        m.put("sha256", digest);
        m.put("nodes", graph.nodes());
        m.put("generated", generated);
        m.put("upstream", upstream == null ? "not in parent_cache.json"
                : upstream.digest().equals(digest) ? "matches parent_cache.json" : "MISMATCH with parent_cache.json");
        output.print(spec.commandLine().getOut(), m);
        return upstream != null && !upstream.digest().equals(digest) ? Main.EXIT_FAILURE : 0;
    }
}
