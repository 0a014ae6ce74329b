package io.filprover.proofs.porep;

import io.filprover.proofs.TestJobs;
import io.filprover.api.SectorSize;
import io.filprover.bls12381.field.FieldEncodingException;
import io.filprover.proofs.sdr.LayerFiles;
import io.filprover.api.job.ProgressSink;
import io.filprover.proofs.tree.CacheFiles;
import io.filprover.proofs.tree.SectorFilesException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** PC2 on a corrupt or incomplete cache fails without leaving outputs that look complete. */
class PreCommit2FailureTest {
    @TempDir
    Path dir;

    @Test
    void corruptLayerOrMissingTreeDLeavesNoOutputs() throws IOException {
        long seed = new Random().nextLong();
        Random rnd = new Random(seed);
        SectorSize size = SectorSize.SIZE_4KIB;
        byte[] raw = new byte[(int) size.unpaddedBytes()];
        rnd.nextBytes(raw);
        byte[] prover = new byte[32];
        byte[] ticket = new byte[32];
        rnd.nextBytes(ticket);
        SealFixtures.Sealed s = SealFixtures.seal(size, raw, SealFixtures.identity(prover, 7, ticket, 5), 2, dir);
        Path replica2 = dir.resolve("sealed-again");
        Path cache = s.cache();
        for (int b = 0; b < 2; b++) {
            Files.delete(cache.resolve(CacheFiles.treeC(b, 2)));
            Files.delete(cache.resolve(CacheFiles.treeRLast(b, 2)));
        }
        Files.delete(CacheFiles.pAux(cache));
        // a label ≥ r (all bits set) cannot come from SDR: the layer file is corrupt
        byte[] ff = new byte[32];
        Arrays.fill(ff, (byte) 0xff);
        try (FileChannel ch = FileChannel.open(LayerFiles.path(cache, 2), StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(ff), 32L * rnd.nextInt((int) size.nodes()));
        }
        PreCommit2 pc2 = new PreCommit2(TestJobs.context(SealFixtures.CPU, 2, ProgressSink.NONE));
        assertThrows(FieldEncodingException.class, () -> pc2.run(size, 2, cache, replica2, 1), "seed " + seed);
        assertNoOutputs(cache, replica2);
        Files.delete(CacheFiles.treeD(cache));
        SectorFilesException e = assertThrows(SectorFilesException.class, () -> pc2.run(size, 2, cache, replica2, 1));
        assertEquals(true, e.getMessage().contains(CacheFiles.TREE_D), e.getMessage());
        assertNoOutputs(cache, replica2);
    }

    private static void assertNoOutputs(Path cache, Path replica) throws IOException {
        assertFalse(Files.exists(replica));
        assertFalse(Files.exists(CacheFiles.pAux(cache)));
        try (var files = Files.list(cache)) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")
                    || p.getFileName().toString().contains("tree-c") || p.getFileName().toString().contains("tree-r-last")));
        }
    }
}
