package io.filprover.proofs.groth16.params;

import io.filprover.api.job.WorkerPool;
import io.filprover.bls12381.curve.AffinePoint;
import io.filprover.bls12381.curve.PointLimbs;
import io.filprover.bls12381.field.Fq;
import io.filprover.bls12381.field.Fr;
import io.filprover.bls12381.field.FrOps;
import io.filprover.proofs.r1cs.Circuit;
import io.filprover.proofs.r1cs.SynthesisException;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ObjLongConsumer;

/**
 * A local, single-party Groth16 setup producing bellperson-compatible parameters (the content of
 * bellperson's {@code generate_parameters}, docs/spec/poseidon-groth16-gpu.md §3.2).
 *
 * <p><b>For testing and benchmarking only, not for mainnet.</b> Whoever knows the toxic waste can
 * forge proofs; Filecoin's production parameters come from a multi-party ceremony and must be
 * downloaded, never generated with this class.
 */
public final class Groth16Setup {
    /** The warning every caller (CLI included) should show next to parameters made here. */
    public static final String WARNING = "Groth16 parameters from a local setup are for testing and benchmarking, "
            + "not for mainnet: whoever knows the toxic waste can forge proofs.";

    private static final int L = FrOps.LIMBS;

    private Groth16Setup() {
    }

    /** Parameters from fresh toxic waste drawn from {@link SecureRandom} (and then forgotten). */
    public static Groth16Parameters generate(Circuit<Fr> circuit) {
        return generate(circuit, ToxicWaste.random(new SecureRandom()));
    }

    /**
     * Parameters for the given trapdoor and the standard generators, so that known bytes reproduce
     * (e.g. the XorDemo vectors); runs on a pool of all available processors.
     */
    public static Groth16Parameters generate(Circuit<Fr> circuit, ToxicWaste tw) {
        try (WorkerPool pool = WorkerPool.of(WorkerPool.availableProcessors(), "groth16-setup")) {
            return generate(circuit, tw, pool);
        }
    }

    /** As {@link #generate(Circuit, ToxicWaste)}, the fixed-base multiplications on {@code pool}. */
    public static Groth16Parameters generate(Circuit<Fr> circuit, ToxicWaste tw, WorkerPool pool) {
        return generate(circuit, tw, pool, (phase, nanos) -> { });
    }

    /**
     * As {@link #generate(Circuit, ToxicWaste, WorkerPool)}, reporting the time of each phase in
     * nanoseconds: {@code qap} (two syntheses), {@code scalars}, {@code tables}, then the points
     * {@code vk}, {@code b_g2}, {@code h}, {@code l}, {@code a}, {@code b_g1}.
     */
    public static Groth16Parameters generate(Circuit<Fr> circuit, ToxicWaste tw, WorkerPool pool,
                                             ObjLongConsumer<String> phases) {
        long t0 = System.nanoTime();
        FlatQap qap = FlatQap.evaluate(circuit, tw.tau());
        t0 = lap(phases, "qap", t0);
        int inputs = qap.numInputs;
        int aux = qap.numAux;
        int m = 1 << qap.logM;
        long[] gammaInv = tw.gamma().inverse().montgomeryLimbs();
        long[] deltaInv = tw.delta().inverse().montgomeryLimbs();
        long[] tau = tw.tau().montgomeryLimbs();
        long[] alpha = tw.alpha().montgomeryLimbs();
        long[] beta = tw.beta().montgomeryLimbs();

        // h_i = Z(τ)·τ^i/δ for i < m − 1
        long[] h = new long[(m - 1) * L];
        long[] t = qap.zTau.mul(tw.delta().inverse()).montgomeryLimbs();
        for (int i = 0; i < m - 1; i++) {
            FrOps.copy(h, i * L, t, 0);
            FrOps.mul(t, 0, t, 0, tau, 0);
        }
        long[] ic = new long[inputs * L];
        long[] l = new long[aux * L];
        long[] a = new long[(inputs + aux) * L];
        long[] b = new long[(inputs + aux) * L];
        int na = 0;
        int nb = 0;
        long[] combined = new long[L];
        long[] term = new long[L];
        for (int k = 0; k < inputs + aux; k++) {
            int o = k * L;
            FrOps.mul(combined, 0, beta, 0, qap.u, o);          // β·u + α·v + w
            FrOps.mul(term, 0, alpha, 0, qap.v, o);
            FrOps.add(combined, 0, combined, 0, term, 0);
            FrOps.add(combined, 0, combined, 0, qap.w, o);
            if (k < inputs) {
                FrOps.mul(ic, o, combined, 0, gammaInv, 0);
            } else {
                // bellperson: an identity in l means an unconstrained variable (l must be fully dense)
                if (FrOps.isZero(combined, 0)) {
                    throw new SynthesisException("auxiliary variable " + (k - inputs) + " is unconstrained");
                }
                FrOps.mul(l, (k - inputs) * L, combined, 0, deltaInv, 0);
            }
            // bellperson drops identity entries of a, b_g1, b_g2: the bases align with the densities
            if (!FrOps.isZero(qap.u, o)) {
                FrOps.copy(a, L * na++, qap.u, o);
            }
            if (!FrOps.isZero(qap.v, o)) {
                FrOps.copy(b, L * nb++, qap.v, o);
            }
        }
        qap = null; // u, v, w can go before the points are allocated
        t0 = lap(phases, "scalars", t0);

        int g1Count = (m - 1) + inputs + aux + na + nb + 3;
        FixedBaseTable g1 = FixedBaseTable.g1(g1Count, pool);
        FixedBaseTable g2 = FixedBaseTable.g2(nb + 3, pool);
        t0 = lap(phases, "tables", t0);
        long[] icLimbs = g1Vector(g1, ic, inputs, pool);
        List<AffinePoint<Fq>> icPoints = new ArrayList<>(inputs);
        for (int i = 0; i < inputs; i++) {
            icPoints.add(PointLimbs.g1(icLimbs, i * PointLimbs.G1));
        }
        VerifyingKey vk = new VerifyingKey(
                PointLimbs.g1(g1Vector(g1, alpha, 1, pool), 0), PointLimbs.g1(g1Vector(g1, beta, 1, pool), 0),
                PointLimbs.g2(g2Vector(g2, beta, 1, pool), 0), PointLimbs.g2(g2Vector(g2, tw.gamma().montgomeryLimbs(), 1, pool), 0),
                PointLimbs.g1(g1Vector(g1, tw.delta().montgomeryLimbs(), 1, pool), 0),
                PointLimbs.g2(g2Vector(g2, tw.delta().montgomeryLimbs(), 1, pool), 0),
                icPoints);
        t0 = lap(phases, "vk", t0);
        long[] bG2 = g2Vector(g2, b, nb, pool);
        t0 = lap(phases, "b_g2", t0);
        long[] hPoints = g1Vector(g1, h, m - 1, pool);
        h = null;
        t0 = lap(phases, "h", t0);
        long[] lPoints = g1Vector(g1, l, aux, pool);
        l = null;
        t0 = lap(phases, "l", t0);
        long[] aPoints = g1Vector(g1, a, na, pool);
        a = null;
        t0 = lap(phases, "a", t0);
        long[] bG1 = g1Vector(g1, b, nb, pool);
        lap(phases, "b_g1", t0);
        return new Groth16Parameters(vk, hPoints, lPoints, aPoints, bG1, bG2);
    }

    private static long lap(ObjLongConsumer<String> phases, String phase, long since) {
        long now = System.nanoTime();
        phases.accept(phase, now - since);
        return now;
    }

    private static long[] g1Vector(FixedBaseTable table, long[] scalars, int n, WorkerPool pool) {
        long[] out = new long[Math.multiplyExact(n, PointLimbs.G1)]; // fails loudly past 2^31 limbs
        table.mulAll(scalars, n, out, 0, pool);
        return out;
    }

    private static long[] g2Vector(FixedBaseTable table, long[] scalars, int n, WorkerPool pool) {
        long[] out = new long[Math.multiplyExact(n, PointLimbs.G2)];
        table.mulAll(scalars, n, out, 0, pool);
        return out;
    }
}
