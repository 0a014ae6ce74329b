package io.filprover.bls12381.poseidon;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.filprover.bls12381.field.Fr;

import java.lang.management.ManagementFactory;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The batch hot path allocates nothing per hash (HotSpot's per-thread allocation counter). */
class PoseidonAllocationTest {

    @Test
    void batchHashingDoesNotAllocatePerHash() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "needs HotSpot's allocation counter");
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(mx.isThreadAllocatedMemorySupported());
        mx.setThreadAllocatedMemoryEnabled(true);
        PoseidonParameters p = PoseidonParameters.filecoin(8);
        int count = 400;
        long[] in = new long[4 * 8 * count];
        Random rnd = new Random(7);
        for (int i = 0; i < 8 * count; i++) {
            Fr.random(rnd).toMontgomeryLimbs(in, 4 * i);
        }
        long[] out = new long[4 * count];
        PoseidonHasher.hashBatch(p, in, 0, out, 0, count); // warm-up: thread-local hasher, class init
        long tid = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(tid);
        PoseidonHasher.hashBatch(p, in, 0, out, 0, count);
        long allocated = mx.getThreadAllocatedBytes(tid) - before;
        // a per-hash allocation of even one small object would be ≥ 16·count bytes
        assertTrue(allocated < 16L * count, allocated + " bytes allocated for " + count + " hashes");
    }
}
