package io.filprover.bench;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchmarkListTest {
    @Test
    void annotationProcessorGeneratedTheBenchmarkList() throws IOException {
        // On JDK 23+ the JMH processor runs only when declared; without it the jar silently has no benchmarks.
        try (InputStream in = getClass().getResourceAsStream("/META-INF/BenchmarkList")) {
            assertNotNull(in, "META-INF/BenchmarkList missing");
            String list = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (String name : new String[] {"CommPBenchmark", "commP1GiB", "Sha256Benchmark", "digest64ByteMessage",
                "kernelPerNode", "digestOneGiB", "Bls12381Benchmark", "blstPairing", "PoseidonBenchmark", "LabelingBenchmark"}) {
                assertTrue(list.contains(name), name + " missing from " + list);
            }
        }
    }

    @Test
    void repeatingStreamYieldsExactlyItsLength() throws IOException {
        byte[] p = {1, 2, 3};
        RepeatingInputStream s = new RepeatingInputStream(p, 10);
        byte[] all = s.readAllBytes();
        assertTrue(java.util.Arrays.equals(new byte[] {1, 2, 3, 1, 2, 3, 1, 2, 3, 1}, all));
    }
}
