package io.filprover.proofs.groth16.prover;

import io.filprover.api.kernels.Kernels;
import io.filprover.api.kernels.MsmBases;
import io.filprover.proofs.groth16.params.ParameterSource;

import java.util.EnumMap;
import java.util.Map;

/**
 * The parameters' five base vectors as {@link MsmBases} handles for one {@code proveBatch}: each vector is
 * loaded and prepared at its first MSM family ({@link Kernels#prepareMsmBasesG1}: a device backend
 * uploads it once) and kept for the batch's later groups; {@link #release} closes one after its last
 * family, {@link #close} whatever is left. One handle serves every circuit of the batch.
 */
final class PreparedBases implements AutoCloseable {
    /** The base vectors of the parameters, in the order the prover's MSM families use them. */
    enum Vector {
        H, L, A, B_G1, B_G2
    }

    private final Kernels kernels;
    private final ParameterSource params;
    private final Map<Vector, MsmBases> handles = new EnumMap<>(Vector.class);

    PreparedBases(Kernels kernels, ParameterSource params) {
        this.kernels = kernels;
        this.params = params;
    }

    /** The handle on {@code v}, prepared now if this is its first use. */
    MsmBases get(Vector v) {
        MsmBases h = handles.get(v);
        if (h == null) {
            h = switch (v) {
                case H -> kernels.prepareMsmBasesG1(params.h(), 0, params.hCount());
                case L -> kernels.prepareMsmBasesG1(params.l(), 0, params.lCount());
                case A -> kernels.prepareMsmBasesG1(params.a(), 0, params.aCount());
                case B_G1 -> kernels.prepareMsmBasesG1(params.bG1(), 0, params.bG1Count());
                case B_G2 -> kernels.prepareMsmBasesG2(params.bG2(), 0, params.bG2Count());
            };
            handles.put(v, h);
        }
        return h;
    }

    /** Closes the handle on {@code v} (no later group needs it): its device memory and host array are let go. */
    void release(Vector v) {
        MsmBases h = handles.remove(v);
        if (h != null) {
            h.close();
        }
    }

    @Override
    public void close() {
        for (MsmBases h : handles.values()) {
            h.close();
        }
        handles.clear();
    }
}
