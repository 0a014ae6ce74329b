package io.filprover.kernels.cuda;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * Runs the CUDA suites without Maven (kernels/gpu-check.sh on a GPU machine, with the bundle's JRE and no
 * Maven repository): {@code java -cp ... io.filprover.kernels.cuda.GpuCheck OUT_FILE}. One line per
 * test (PASS, FAIL with the stack trace, SKIP with the reason), then the totals; exit status 1 when a
 * test failed or nothing ran.
 */
public final class GpuCheck {
    private GpuCheck() {
    }

    public static void main(String[] args) throws Exception {
        List<String> lines = new ArrayList<>();
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(CudaKernelsProviderTest.class), selectClass(CudaKernelsContractTest.class),
                        selectClass(CudaFallbackTest.class))
                .build();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        TestExecutionListener lister = new TestExecutionListener() {
            private final java.util.Map<String, Long> started = new java.util.concurrent.ConcurrentHashMap<>();

            @Override
            public void executionStarted(TestIdentifier id) {
                started.put(id.getUniqueId(), System.nanoTime());
            }

            @Override
            public void executionSkipped(TestIdentifier id, String reason) {
                add("SKIP " + id.getLegacyReportingName() + ": " + reason);
            }

            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                long ms = (System.nanoTime() - started.getOrDefault(id.getUniqueId(), System.nanoTime())) / 1_000_000;
                String name = id.getLegacyReportingName() + " (" + ms + " ms)";
                switch (result.getStatus()) {
                    case SUCCESSFUL -> {
                        if (id.isTest()) {
                            add("PASS " + name);
                        }
                    }
                    case ABORTED -> add("SKIP " + name + ": " + result.getThrowable().map(Throwable::getMessage).orElse(""));
                    case FAILED -> {
                        StringWriter trace = new StringWriter();
                        result.getThrowable().ifPresent(t -> t.printStackTrace(new PrintWriter(trace)));
                        add("FAIL " + name + "\n" + trace);
                    }
                }
            }

            private synchronized void add(String line) {
                lines.add(line);
                System.out.println(line.lines().findFirst().orElse(line));
            }
        };
        Launcher launcher = LauncherFactory.create();
        launcher.execute(request, summary, lister);
        StringWriter totals = new StringWriter();
        summary.getSummary().printTo(new PrintWriter(totals));
        lines.add(totals.toString());
        System.out.println(totals);
        if (args.length > 0) {
            Files.write(Path.of(args[0]), lines);
        }
        long ran = summary.getSummary().getTestsSucceededCount() + summary.getSummary().getTestsFailedCount();
        System.exit(summary.getSummary().getTotalFailureCount() > 0 || ran == 0 ? 1 : 0);
    }
}
