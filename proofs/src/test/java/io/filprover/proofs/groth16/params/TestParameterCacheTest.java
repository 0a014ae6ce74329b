package io.filprover.proofs.groth16.params;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.filprover.bls12381.field.Fr;
import io.filprover.proofs.groth16.circuits.SquareChainCircuit;
import io.filprover.proofs.groth16.circuits.XorDemo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parameter cache: keyed by the constraint system, a second get reads what the first wrote. */
class TestParameterCacheTest {
    @TempDir
    Path dir;

    @Test
    void keyFollowsTheConstraintSystem() {
        String a = TestParameterCache.digest(new SquareChainCircuit<Fr>(9, 4, null, null));
        assertEquals(a, TestParameterCache.digest(new SquareChainCircuit<Fr>(9, 4, null, null)));
        assertNotEquals(a, TestParameterCache.digest(new SquareChainCircuit<Fr>(9, 3, null, null)));
        assertNotEquals(a, TestParameterCache.digest(new SquareChainCircuit<Fr>(10, 4, null, null)));
        assertNotEquals(a, TestParameterCache.digest(XorDemo.shape()));
    }

    @Test
    void secondGetReadsTheFileAndCorruptFilesAreRegenerated() throws IOException {
        long seed = new Random().nextLong();
        SquareChainCircuit<Fr> shape = new SquareChainCircuit<>(9, 4, null, null);
        AtomicInteger generated = new AtomicInteger();
        Groth16Parameters first = TestParameterCache.get(dir, "chain", shape, () -> {
            generated.incrementAndGet();
            return Groth16Setup.generate(shape, ToxicWaste.random(new Random(seed)));
        });
        Groth16Parameters second = TestParameterCache.get(dir, "chain", shape, () -> {
            throw new AssertionError("should come from the cache");
        });
        assertEquals(1, generated.get(), "seed " + seed);
        assertArrayEquals(ParametersFormat.encodeParameters(first), ParametersFormat.encodeParameters(second),
                "seed " + seed);
        try (var files = Files.list(dir)) {
            Path file = files.filter(p -> p.toString().endsWith(".params")).findFirst().orElseThrow();
            Files.write(file, new byte[] {1, 2, 3});
        }
        TestParameterCache.get(dir, "chain", shape, () -> {
            generated.incrementAndGet();
            return first;
        });
        assertEquals(2, generated.get(), "seed " + seed);
    }
}
