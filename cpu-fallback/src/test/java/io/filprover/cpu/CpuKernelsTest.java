package io.filprover.cpu;

import io.filprover.api.Hex;
import io.filprover.api.InvalidInputException;
import io.filprover.api.job.WorkerPool;
import io.filprover.api.kernels.Backends;
import io.filprover.api.kernels.Kernels;
import org.junit.jupiter.api.Test;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CpuKernelsTest {
    @Test
    void foundByServiceLoaderAndChosenAutomatically() {
        Backends backends = Backends.discover();
        assertTrue(backends.statuses().stream().anyMatch(s -> s.name().equals("cpu") && s.availability().available()));
        try (WorkerPool pool = WorkerPool.of(1); Kernels cpu = backends.open("cpu", pool); Kernels auto = backends.open("auto", pool)) {
            assertEquals("cpu", cpu.backendName());
            // no GPU backend is on this module's class path, so auto falls back to the cpu
            assertEquals("cpu", auto.backendName());
        }
        InvalidInputException unknown = assertThrows(InvalidInputException.class, () -> backends.resolve("quantum"));
        assertEquals("backend", unknown.field());
        assertTrue(unknown.getMessage().contains("known: auto, cpu"), unknown.getMessage());
    }

    @Test
    void zeroPairIsZ1() {
        // TV-ZERO level 1: trim254(SHA256(64 zero bytes)); untrimmed SHA-256 ends in 4b (FIPS 180-4 digest)
        byte[] out = new byte[32];
        CpuTestKernels.CPU.sha256Trunc254Pairs(new byte[64], 0, out, 0, 1);
        assertEquals("f5a5fd42d16a20302798ef6ed309979b43003d2320d9f0e8ea9831a92759fb0b", Hex.encode(out));
    }

    @Test
    void batchEqualsOneByOneDigestsAndSupportsInPlace() throws Exception {
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        Kernels k = CpuTestKernels.CPU;
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (int t = 0; t < 50; t++) {
            int count = 1 + rnd.nextInt(300);
            byte[] in = new byte[64 * count + 17];
            rnd.nextBytes(in);
            int off = rnd.nextInt(17);
            byte[] expected = new byte[32 * count];
            for (int i = 0; i < count; i++) {
                byte[] h = md.digest(Arrays.copyOfRange(in, off + 64 * i, off + 64 * i + 64));
                h[31] &= 0x3f;
                System.arraycopy(h, 0, expected, 32 * i, 32);
            }
            byte[] out = new byte[32 * count];
            k.sha256Trunc254Pairs(in, off, out, 0, count);
            assertArrayEquals(expected, out, "seed " + seed);
            k.sha256Trunc254Pairs(in, off, in, off, count); // in place, as tree levels are reduced
            assertArrayEquals(expected, Arrays.copyOfRange(in, off, off + 32 * count), "seed " + seed);
        }
    }

    @Test
    void rejectsRangesOutsideTheBuffers() {
        Kernels k = CpuTestKernels.CPU;
        assertThrows(IndexOutOfBoundsException.class, () -> k.sha256Trunc254Pairs(new byte[64], 0, new byte[32], 0, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> k.sha256Trunc254Pairs(new byte[128], 0, new byte[32], 0, 2));
    }
}
