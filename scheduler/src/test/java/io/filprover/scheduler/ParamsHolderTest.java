package io.filprover.scheduler;

import io.filprover.proto.v1.ParamFile;
import io.filprover.proto.v1.ParamTier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A worker's parameter tiers: held files hot, files only running jobs map warm, the rest of the cache cold. */
class ParamsHolderTest {
    @TempDir
    Path dir;

    private static ParamFile file(String name, ParamTier tier, long bytes) {
        return ParamFile.newBuilder().setName(name).setTier(tier).setBytes(bytes).build();
    }

    @Test
    void tiersFollowHoldingAndJobsUseAndSizesAreTheFilesOnDisk() throws Exception {
        Files.write(dir.resolve("v28-a.params"), new byte[1000]);
        Files.write(dir.resolve("v28-b.params"), new byte[3000]);
        Files.write(dir.resolve("v28-b.vk"), new byte[10]);   // not a parameter file
        Files.createDirectory(dir.resolve("v28-dir.params")); // not a file
        List<String> closed = new CopyOnWriteArrayList<>();
        ParamsHolder h = new ParamsHolder(name -> () -> closed.add(name), dir);
        assertEquals(List.of(file("v28-a.params", ParamTier.PARAM_TIER_COLD, 1000),
                file("v28-b.params", ParamTier.PARAM_TIER_COLD, 3000)), h.files());

        h.preload("v28-a.params");
        ParamsHolder.Use job = h.using("v28-b.params");
        ParamsHolder.Use jobOnHeld = h.using("v28-a.params");
        assertEquals(List.of(file("v28-a.params", ParamTier.PARAM_TIER_HOT, 1000),
                file("v28-b.params", ParamTier.PARAM_TIER_WARM, 3000)), h.files());

        // held and used by a job: warm once the hold ends, until the job lets go
        h.evict("v28-a.params");
        assertEquals(List.of("v28-a.params"), closed);
        assertEquals(ParamTier.PARAM_TIER_WARM, h.files().get(0).getTier());
        jobOnHeld.close();
        jobOnHeld.close(); // twice is harmless
        ParamsHolder.Use second = h.using("v28-b.params");
        job.close();
        assertEquals(List.of(file("v28-a.params", ParamTier.PARAM_TIER_COLD, 1000),
                file("v28-b.params", ParamTier.PARAM_TIER_WARM, 3000)), h.files(), "another job still maps b");
        second.close();
        assertEquals(List.of(file("v28-a.params", ParamTier.PARAM_TIER_COLD, 1000),
                file("v28-b.params", ParamTier.PARAM_TIER_COLD, 3000)), h.files());
    }

    @Test
    void aHeldFileMissingFromTheCacheCountsZeroBytesAndNamesOutsideItAreNotRead() throws Exception {
        Files.write(dir.resolve("secret"), new byte[77]);
        ParamsHolder h = new ParamsHolder(name -> () -> { }, dir.resolve("cache"));
        h.preload("v28-gone.params");
        h.preload("../secret");
        assertEquals(List.of(file("../secret", ParamTier.PARAM_TIER_HOT, 0),
                file("v28-gone.params", ParamTier.PARAM_TIER_HOT, 0)), h.files());
    }
}
