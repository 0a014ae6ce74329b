package io.filprover.proofs.api;

import io.filprover.api.job.JobContext;
import io.filprover.api.job.ProgressSink;
import io.filprover.api.job.StageTimes;
import io.filprover.proofs.TestData;
import io.filprover.proofs.TestJobs;
import io.filprover.proofs.commitment.StreamingTreeHasher;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** comm_p with and without a known length (small pieces get piece-sized buffers) against the naive reference. */
class CommitmentStagesTest {
    @Test
    void knownAndUnknownLengthsGiveTheNaiveCommP() throws IOException {
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        int[] sizes = {1, 126, 127, 128, 254, 255, 508, 509, 1 + rnd.nextInt(5000), 1 + rnd.nextInt(200_000)};
        JobContext ctx = TestJobs.context(TestJobs.CPU, 2, ProgressSink.NONE); // shared pool: not closed
        for (int n : sizes) {
            byte[] data = new byte[n];
            rnd.nextBytes(data);
            String expected = TestData.naiveCommP(data);
            for (long known : new long[] {-1, n}) {
                String got = CommitmentStages.commP(new ByteArrayInputStream(data), known, ctx,
                        StreamingTreeHasher.Progress.NONE).commP().hex();
                assertEquals(expected, got, n + " bytes, known " + known + ", seed " + seed);
            }
        }
        // every comm_p above is one span of the context's one stage
        assertEquals(List.of("tree_hashing"), ctx.stageTimes().stages().stream().map(StageTimes.Stage::name).toList());
        assertEquals(2 * sizes.length, ctx.stageTimes().stage("tree_hashing").count());
    }
}
