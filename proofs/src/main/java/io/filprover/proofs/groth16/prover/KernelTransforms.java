package io.filprover.proofs.groth16.prover;

import io.filprover.api.kernels.Kernels;

/** Fr transforms through the Kernels SPI, so a GPU backend runs the butterflies. */
public final class KernelTransforms implements PolynomialTransforms {
    private final Kernels kernels;

    public KernelTransforms(Kernels kernels) {
        this.kernels = kernels;
    }

    @Override
    public void intt(long[] a, int logN) {
        kernels.inttFr(a, 0, logN);
    }

    @Override
    public void cosetNtt(long[] a, int logN) {
        kernels.cosetNttFr(a, 0, logN);
    }

    @Override
    public void icosetNtt(long[] a, int logN) {
        kernels.icosetNttFr(a, 0, logN);
    }
}
