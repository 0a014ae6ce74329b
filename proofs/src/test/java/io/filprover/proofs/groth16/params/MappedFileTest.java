package io.filprover.proofs.groth16.params;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.filprover.bls12381.field.Fr;
import io.filprover.proofs.groth16.circuits.SquareChainCircuit;
import io.filprover.proofs.r1cs.SynthesisException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Window boundaries of the mapped reader (production windows are 1 GiB; here a few hundred bytes). */
class MappedFileTest {
    private final long seed = System.nanoTime();
    private final Random rnd = new Random(seed);

    @Test
    void readsAcrossSmallWindowsMatchTheBytes(@TempDir Path dir) throws Exception {
        byte[] bytes = new byte[5000 + rnd.nextInt(1000)];
        rnd.nextBytes(bytes);
        Path f = dir.resolve("x.bin");
        Files.write(f, bytes);
        for (long window : new long[] {200, 777, 4096, 1L << 30}) {
            MappedFile m = new MappedFile(f, window);
            for (int i = 0; i < 300; i++) {
                int len = 1 + rnd.nextInt(window < 300 ? 400 : 192);
                int off = rnd.nextInt(bytes.length - len + 1);
                byte[] got = new byte[len];
                m.read(off, got);
                assertArrayEquals(Arrays.copyOfRange(bytes, off, off + len), got,
                        "seed=" + seed + " window " + window + " off " + off + " len " + len);
            }
            assertThrows(IndexOutOfBoundsException.class, () -> m.read(bytes.length - 1, new byte[2]));
        }
    }

    @Test
    void parametersDecodeIdenticallyWithSmallWindows(@TempDir Path dir) throws Exception {
        Groth16Parameters p = Groth16Setup.generate(new SquareChainCircuit<Fr>(6, 2, null, null), ToxicWaste.random(rnd));
        byte[] bytes = ParametersFormat.encodeParameters(p);
        Path f = dir.resolve("chain.params");
        Files.write(f, bytes);
        for (long window : new long[] {500, 1001, 1L << 30}) {
            assertArrayEquals(bytes, ParametersFormat.encodeParameters(MappedParameters.open(f, true, window).load()),
                    "seed=" + seed + " window " + window);
        }
    }

    @Test
    void unconstrainedWitnessIsRejectedBySetup() {
        assertThrows(SynthesisException.class, () -> Groth16Setup.generate(cs -> {
            cs.alloc("dangling", () -> null);
            var x = cs.alloc("x", () -> null);
            cs.enforce("x*x=x", cs.lc().add(x), cs.lc().add(x), cs.lc().add(x));
        }, ToxicWaste.random(rnd)));
    }
}
