package io.filprover.proofs.groth16.prover;

import io.filprover.api.kernels.Kernels;

/** Fr transforms through the Kernels SPI, so a GPU backend runs the whole quotient on its device buffers. */
public final class KernelTransforms implements PolynomialTransforms {
    private final Kernels kernels;

    public KernelTransforms(Kernels kernels) {
        this.kernels = kernels;
    }

    @Override
    public void quotient(long[] a, long[] b, long[] c, int logN) {
        kernels.quotientFr(a, b, c, logN);
    }
}
