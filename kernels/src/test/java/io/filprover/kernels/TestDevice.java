package io.filprover.kernels;

import io.filprover.api.kernels.Kernels;
import io.filprover.api.kernels.MsmBases;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test participant for {@link MultiDeviceKernels}: another backend's instance, optionally made slow
 * (it sleeps {@code slowdown} times as long as its MSM took, so its rate drops by 1 + slowdown) or made
 * to throw as a failing device would from its {@code failAt}-th MSM on. It records the scalars of every
 * MSM it is given.
 */
final class TestDevice implements Kernels {
    private final Kernels inner;
    private final double slowdown;
    private final int failAt;
    /** Scalars of each MSM this participant was asked for, in order. */
    final List<Integer> msms = new CopyOnWriteArrayList<>();
    volatile boolean closed;

    TestDevice(Kernels inner, double slowdown, int failAt) {
        this.inner = inner;
        this.slowdown = slowdown;
        this.failAt = failAt;
    }

    static TestDevice plain(Kernels inner) {
        return new TestDevice(inner, 0, -1);
    }

    private void msm(int count, Runnable call) {
        msms.add(count);
        if (failAt > 0 && msms.size() >= failAt) {
            throw new IllegalStateException("CUDA_ERROR_LAUNCH_FAILED (injected in MSM " + msms.size() + ")");
        }
        long t0 = System.nanoTime();
        call.run();
        long nanos = (long) ((System.nanoTime() - t0) * slowdown);
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void msmG1(long[] bases, int basesOff, long[] scalars, int scalarsOff, int count, long[] density, long[] out, int outOff) {
        msm(count, () -> inner.msmG1(bases, basesOff, scalars, scalarsOff, count, density, out, outOff));
    }

    @Override
    public void msmG2(long[] bases, int basesOff, long[] scalars, int scalarsOff, int count, long[] density, long[] out, int outOff) {
        msm(count, () -> inner.msmG2(bases, basesOff, scalars, scalarsOff, count, density, out, outOff));
    }

    /** Handles are the inner backend's; an MSM on one counts as any other. */
    @Override
    public MsmBases prepareMsmBasesG1(long[] bases, int basesOff, int count) {
        return inner.prepareMsmBasesG1(bases, basesOff, count);
    }

    @Override
    public MsmBases prepareMsmBasesG2(long[] bases, int basesOff, int count) {
        return inner.prepareMsmBasesG2(bases, basesOff, count);
    }

    @Override
    public void msmG1(MsmBases bases, int baseStart, long[] scalars, int scalarsOff, int count, long[] density, long[] out, int outOff) {
        msm(count, () -> inner.msmG1(bases, baseStart, scalars, scalarsOff, count, density, out, outOff));
    }

    @Override
    public void msmG2(MsmBases bases, int baseStart, long[] scalars, int scalarsOff, int count, long[] density, long[] out, int outOff) {
        msm(count, () -> inner.msmG2(bases, baseStart, scalars, scalarsOff, count, density, out, outOff));
    }

    @Override
    public String backendName() {
        return inner.backendName();
    }

    @Override
    public void sha256Trunc254Pairs(byte[] in, int inOff, byte[] out, int outOff, int count) {
        inner.sha256Trunc254Pairs(in, inOff, out, outOff, count);
    }

    @Override
    public void poseidonHashBatch(int arity, long[] in, int inOff, long[] out, int outOff, int count) {
        inner.poseidonHashBatch(arity, in, inOff, out, outOff, count);
    }

    @Override
    public void nttFr(long[] a, int off, int logN) {
        inner.nttFr(a, off, logN);
    }

    @Override
    public void inttFr(long[] a, int off, int logN) {
        inner.inttFr(a, off, logN);
    }

    @Override
    public void cosetNttFr(long[] a, int off, int logN) {
        inner.cosetNttFr(a, off, logN);
    }

    @Override
    public void icosetNttFr(long[] a, int off, int logN) {
        inner.icosetNttFr(a, off, logN);
    }

    @Override
    public void quotientFr(long[] a, long[] b, long[] c, int logN) {
        inner.quotientFr(a, b, c, logN);
    }

    @Override
    public long fallbacks() {
        return inner.fallbacks();
    }

    @Override
    public void close() {
        closed = true;
        inner.close();
    }
}
