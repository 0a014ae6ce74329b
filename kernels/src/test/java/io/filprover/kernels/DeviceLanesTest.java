package io.filprover.kernels;

import io.filprover.api.job.WorkerPool;
import io.filprover.api.kernels.KernelTrees;
import io.filprover.bls12381.field.Fr;
import io.filprover.cpu.CpuKernels;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lanes on an emulated device: lane 0's first tree run waits until lane 1's has started, so both are in flight at once. */
class DeviceLanesTest {
    private static final WorkerPool POOL = WorkerPool.of(1, "lanes-emulated");

    @AfterAll
    static void close() {
        POOL.close();
    }

    @Test
    void treeRunsOfTheTwoLanesAreInFlightAtOnce() throws Exception {
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        CountDownLatch lane1Started = new CountDownLatch(1);
        boolean[] sawLane1 = new boolean[1];
        try (CpuKernels cpu = new CpuKernels(POOL);
             DeviceKernelsFallbackTest.EmulatedDevice k = new DeviceKernelsFallbackTest.EmulatedDevice(POOL) {
                 @Override
                 protected void deviceTree(int lane, TreeHost.Job job) {
                     if (lane == 1) {
                         lane1Started.countDown();
                     } else if (!sawLane1[0]) {
                         try {
                             sawLane1[0] = lane1Started.await(20, TimeUnit.SECONDS);
                         } catch (InterruptedException e) {
                             throw new IllegalStateException(e);
                         }
                     }
                     super.deviceTree(lane, job);
                 }
             }) {
            int leaves = 128;
            long[] in = new long[4 * leaves];
            for (int i = 0; i < leaves; i++) {
                (i % 3 == 0 ? Fr.ZERO.sub(Fr.ONE) : Fr.random(rnd)).toMontgomeryLimbs(in, 4 * i);
            }
            int nodes = (int) KernelTrees.nodesAbove(2, leaves, 7);
            long[] want = new long[4 * nodes];
            cpu.poseidonTree(2, in, 0, leaves, 7, want, 0);
            long[] got = new long[4 * nodes];
            k.poseidonTree(2, in, 0, leaves, 7, got, 0);
            assertArrayEquals(want, got, "seed " + seed);
            assertTrue(sawLane1[0], "lane 1 started while lane 0's first run was in flight");
            assertEquals(2, k.mostInFlight());
            assertTrue(k.laneCalls(0) > 1 && k.laneCalls(1) > 1, k.laneCalls(0) + ", " + k.laneCalls(1));
            assertEquals(0, k.fallbacks());
        }
    }
}
