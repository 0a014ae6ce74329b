package io.filprover.api.job;

import io.filprover.api.kernels.Kernels;
import io.filprover.api.kernels.MsmBases;

/** A job's view of its backend: every kernel call is a cancellation point. */
final class CancellableKernels implements Kernels {
    private final Kernels delegate;
    private final CancellationToken token;

    CancellableKernels(Kernels delegate, CancellationToken token) {
        this.delegate = delegate;
        this.token = token;
    }

    @Override
    public String backendName() {
        return delegate.backendName();
    }

    @Override
    public void sha256Trunc254Pairs(byte[] in, int inOff, byte[] out, int outOff, int count) {
        token.check();
        delegate.sha256Trunc254Pairs(in, inOff, out, outOff, count);
    }

    @Override
    public void poseidonHashBatch(int arity, long[] in, int inOff, long[] out, int outOff, int count) {
        token.check();
        delegate.poseidonHashBatch(arity, in, inOff, out, outOff, count);
    }

    @Override
    public void poseidonTree(int arity, long[] leaves, int leavesOff, int leafCount, int levels, long[] out, int outOff) {
        token.check();
        delegate.poseidonTree(arity, leaves, leavesOff, leafCount, levels, out, outOff);
    }

    @Override
    public void sha256Tree(byte[] leaves, int leavesOff, int leafCount, int levels, byte[] out, int outOff) {
        token.check();
        delegate.sha256Tree(leaves, leavesOff, leafCount, levels, out, outOff);
    }

    @Override
    public void nttFr(long[] a, int off, int logN) {
        token.check();
        delegate.nttFr(a, off, logN);
    }

    @Override
    public void inttFr(long[] a, int off, int logN) {
        token.check();
        delegate.inttFr(a, off, logN);
    }

    @Override
    public void cosetNttFr(long[] a, int off, int logN) {
        token.check();
        delegate.cosetNttFr(a, off, logN);
    }

    @Override
    public void icosetNttFr(long[] a, int off, int logN) {
        token.check();
        delegate.icosetNttFr(a, off, logN);
    }

    @Override
    public void quotientFr(long[] a, long[] b, long[] c, int logN) {
        token.check();
        delegate.quotientFr(a, b, c, logN);
    }

    @Override
    public void msmG1(long[] bases, int basesOff, long[] scalars, int scalarsOff, int count, long[] density,
                      long[] out, int outOff) {
        token.check();
        delegate.msmG1(bases, basesOff, scalars, scalarsOff, count, density, out, outOff);
    }

    @Override
    public void msmG2(long[] bases, int basesOff, long[] scalars, int scalarsOff, int count, long[] density,
                      long[] out, int outOff) {
        token.check();
        delegate.msmG2(bases, basesOff, scalars, scalarsOff, count, density, out, outOff);
    }

    @Override
    public MsmBases prepareMsmBasesG1(long[] bases, int basesOff, int count) {
        token.check();
        return delegate.prepareMsmBasesG1(bases, basesOff, count);
    }

    @Override
    public MsmBases prepareMsmBasesG2(long[] bases, int basesOff, int count) {
        token.check();
        return delegate.prepareMsmBasesG2(bases, basesOff, count);
    }

    @Override
    public void msmG1(MsmBases bases, int baseStart, long[] scalars, int scalarsOff, int count, long[] density,
                      long[] out, int outOff) {
        token.check();
        delegate.msmG1(bases, baseStart, scalars, scalarsOff, count, density, out, outOff);
    }

    @Override
    public void msmG2(MsmBases bases, int baseStart, long[] scalars, int scalarsOff, int count, long[] density,
                      long[] out, int outOff) {
        token.check();
        delegate.msmG2(bases, baseStart, scalars, scalarsOff, count, density, out, outOff);
    }

    @Override
    public long fallbacks() {
        return delegate.fallbacks();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
