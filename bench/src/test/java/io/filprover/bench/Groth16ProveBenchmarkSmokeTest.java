package io.filprover.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.filprover.proofs.groth16.prover.ProverPhase;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** A tiny run of the Groth16 benchmark's setup and body (2^6), without JMH. */
class Groth16ProveBenchmarkSmokeTest {
    @Test
    void proveAtTinySizeReportsEveryPhase() throws IOException {
        Groth16ProveBenchmark b = new Groth16ProveBenchmark();
        b.logConstraints = 6;
        b.backend = "cpu";
        b.setup();
        assertNotNull(b.prove());
        String report = b.breakdown();
        for (ProverPhase p : ProverPhase.values()) {
            assertTrue(report.contains(p.name().toLowerCase() + "="), p + " missing from " + report);
        }
        b.report();
        assertEquals(4, Groth16ProveBenchmark.publicInputCount());
    }

    @Test
    void benchmarkIsListed() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/META-INF/BenchmarkList")) {
            assertNotNull(in);
            assertTrue(new String(in.readAllBytes(), StandardCharsets.UTF_8).contains("Groth16ProveBenchmark"));
        }
    }
}
