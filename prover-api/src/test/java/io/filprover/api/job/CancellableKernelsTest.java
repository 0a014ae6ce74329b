package io.filprover.api.job;

import io.filprover.api.CancelledException;
import io.filprover.api.kernels.HostMsmBases;
import io.filprover.api.kernels.Kernels;
import io.filprover.api.kernels.MsmBases;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A job's kernels hand MSM-bases calls to the backend and refuse them once the job is cancelled. */
class CancellableKernelsTest {
    /** A backend that records the array MSMs it is asked for (base offset, count); nothing else is called. */
    private static final class Recorder implements Kernels {
        final List<String> calls = new ArrayList<>();

        @Override
        public String backendName() {
            return "recorder";
        }

        @Override
        public void msmG1(long[] bases, int basesOff, long[] scalars, int scalarsOff, int count, long[] density, long[] out, int outOff) {
            calls.add("G1 " + basesOff + " " + count);
        }

        @Override
        public void msmG2(long[] bases, int basesOff, long[] scalars, int scalarsOff, int count, long[] density, long[] out, int outOff) {
            calls.add("G2 " + basesOff + " " + count);
        }

        @Override
        public void sha256Trunc254Pairs(byte[] in, int inOff, byte[] out, int outOff, int count) {
            throw new AssertionError();
        }

        @Override
        public void poseidonHashBatch(int arity, long[] in, int inOff, long[] out, int outOff, int count) {
            throw new AssertionError();
        }

        @Override
        public void nttFr(long[] a, int off, int logN) {
            throw new AssertionError();
        }

        @Override
        public void inttFr(long[] a, int off, int logN) {
            throw new AssertionError();
        }

        @Override
        public void cosetNttFr(long[] a, int off, int logN) {
            throw new AssertionError();
        }

        @Override
        public void icosetNttFr(long[] a, int off, int logN) {
            throw new AssertionError();
        }

        @Override
        public void quotientFr(long[] a, long[] b, long[] c, int logN) {
            throw new AssertionError();
        }
    }

    @Test
    void handleCallsReachTheBackendUntilTheJobIsCancelled() {
        Recorder backend = new Recorder();
        CancellationToken token = CancellationToken.create();
        try (JobContext ctx = JobContext.of(WorkerPool.of(1), backend, null, token, null)) {
            Kernels k = ctx.kernels();
            MsmBases g1 = k.prepareMsmBasesG1(new long[12 * 10 + 3], 3, 10);
            MsmBases g2 = k.prepareMsmBasesG2(new long[24 * 4], 0, 4);
            assertInstanceOf(HostMsmBases.class, g1, "the backend's default handle");
            long[] scalars = new long[4 * 5];
            k.msmG1(g1, 4, scalars, 0, 5, null, new long[12], 0);
            k.msmG2(g2, 1, scalars, 0, 3, new long[] {0b101}, new long[24], 0);
            assertEquals(List.of("G1 51 5", "G2 24 3"), backend.calls, "base 4 of a handle from offset 3, base 1 of a G2 handle");
            token.cancel("test");
            assertThrows(CancelledException.class, () -> k.prepareMsmBasesG1(new long[12], 0, 1));
            assertThrows(CancelledException.class, () -> k.msmG1(g1, 0, scalars, 0, 5, null, new long[12], 0));
            assertThrows(CancelledException.class, () -> k.msmG2(g2, 0, scalars, 0, 1, null, new long[24], 0));
            assertEquals(2, backend.calls.size(), "nothing more reached the backend");
        }
    }
}
