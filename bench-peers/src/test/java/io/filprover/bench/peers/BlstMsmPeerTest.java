package io.filprover.bench.peers;

import io.filprover.bench.BenchPools;
import io.filprover.api.kernels.Kernels;
import io.filprover.bench.kernels.KernelBench;
import io.filprover.bench.kernels.MsmPeer;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The blst peer as {@code filprover bench --peer blst} finds it: through ServiceLoader, beside the cpu backend. */
class BlstMsmPeerTest {
    @Test
    void foundByNameAndOnlyAt4096Points() {
        MsmPeer blst = KernelBench.peer("blst").orElseThrow(() -> new AssertionError("blst is not registered"));
        assertEquals(1, blst.threads());
        assertNull(blst.problem(12));
        assertNotNull(blst.problem(10));
        assertTrue(KernelBench.peer("gnark").isEmpty());
        KernelBench.Request at10 = new KernelBench.Request("msm", "g1", 10, 1, "blst", 1);
        assertEquals("--peer blst needs --log-size 12 (c-kzg's 4096-point MSM)", KernelBench.problem(at10, BenchPools.kernels("cpu", 0)));
    }

    /** Cross-checks blst against the cpu backend (both threads settings), then times both alternately. */
    @Test
    void measuresBesideTheCpuBackend() throws Exception {
        for (int threads : new int[] {1, Runtime.getRuntime().availableProcessors()}) {
            Kernels cpu = BenchPools.kernels("cpu", threads);
            Map<String, Object> m = KernelBench.measure(new KernelBench.Request("msm", "g1", 12, threads, "blst", 1), cpu);
            assertEquals("cpu", m.get("backend"));
            assertEquals("blst", m.get("peer"));
            assertEquals(1, m.get("peer_threads"));
            double ours = (Double) m.get("median_ms");
            double peer = (Double) m.get("peer_median_ms");
            assertTrue(ours > 0 && peer > 0, m.toString());
            assertEquals(ours / peer, (Double) m.get("ratio"), 0.01 + 0.001 * ours / peer, m.toString());
        }
    }
}
