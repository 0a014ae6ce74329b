package io.filprover.bench;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KernelBenchmarkListTest {
    @Test
    void msmAndNttBenchmarksAreListed() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/META-INF/BenchmarkList")) {
            assertNotNull(in, "META-INF/BenchmarkList missing");
            String list = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (String name : new String[] {"MsmBenchmark", "blstG1At4096", "NttBenchmark"}) {
                assertTrue(list.contains(name), name + " missing from the JMH list");
            }
        }
    }
}
