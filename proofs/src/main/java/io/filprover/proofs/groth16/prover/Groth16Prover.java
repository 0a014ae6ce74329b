package io.filprover.proofs.groth16.prover;

import io.filprover.api.job.WorkerPool;
import io.filprover.api.kernels.Kernels;
import io.filprover.api.kernels.MsmBases;
import io.filprover.bls12381.curve.AffinePoint;
import io.filprover.bls12381.curve.G1;
import io.filprover.bls12381.curve.G2;
import io.filprover.bls12381.curve.JacobianPoint;
import io.filprover.bls12381.curve.PointLimbs;
import io.filprover.bls12381.field.Fq;
import io.filprover.bls12381.field.Fq2;
import io.filprover.bls12381.field.Fr;
import io.filprover.proofs.groth16.Proof;
import io.filprover.proofs.r1cs.Circuit;
import io.filprover.proofs.r1cs.FrScalarField;
import io.filprover.proofs.groth16.prover.ParallelChunks;
import io.filprover.proofs.groth16.prover.ProvingAssignment;
import io.filprover.proofs.groth16.params.ParameterSource;
import io.filprover.proofs.groth16.params.VerifyingKey;
import io.filprover.proofs.groth16.verifier.Groth16Verifier;
import io.filprover.proofs.groth16.verifier.PreparedVerifyingKey;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * bellperson's Groth16 prover over BLS12-381 (docs/spec/poseidon-groth16-gpu.md §3.5, §3.9), with every FFT
 * and MSM going through the {@link Kernels} SPI so a GPU backend can take them over. A batch of
 * circuits of one shape shares a parameter set; in each group of circuits that fits the heap:
 * synthesis of the group, then the FFTs circuit by circuit, then each MSM family over the group.
 * Each base vector is loaded and prepared as {@link MsmBases} once per batch where the heap holds all
 * five (a device backend keeps it on the device for every circuit and group of the batch), else once per
 * group, one vector at a time. Every proof is
 * verified before it is returned; a failing one raises {@link ProofSelfCheckException}.
 */
public final class Groth16Prover {
    private final Kernels kernels;
    private final PolynomialTransforms transforms;
    private final ProverListener listener;
    private final WorkerPool pool;

    /** A prover whose synthesis and element-wise loops run on the caller alone (the kernels have their own threads). */
    public Groth16Prover(Kernels kernels) {
        this(kernels, WorkerPool.of(1), ProverListener.NONE);
    }

    public Groth16Prover(Kernels kernels, ProverListener listener) {
        this(kernels, WorkerPool.of(1), listener);
    }

    /** A prover that synthesizes circuits and runs its element-wise loops on {@code pool}, a job's thread budget. */
    public Groth16Prover(Kernels kernels, WorkerPool pool, ProverListener listener) {
        this.pool = Objects.requireNonNull(pool);
        this.kernels = Objects.requireNonNull(kernels);
        this.transforms = new KernelTransforms(kernels);
        this.listener = Objects.requireNonNull(listener);
    }

    /** One proof with r, s drawn from a fresh {@link SecureRandom}. */
    public Proof prove(Circuit<Fr> circuit, ParameterSource params) {
        return proveBatch(List.of(circuit), params, new SecureRandom()).get(0);
    }

    /** One proof with r, s drawn from {@code rng}. */
    public Proof prove(Circuit<Fr> circuit, ParameterSource params, Random rng) {
        return proveBatch(List.of(circuit), params, rng).get(0);
    }

    /** One proof with the given randomisation (tests and vectors). */
    public Proof prove(Circuit<Fr> circuit, ParameterSource params, Fr r, Fr s) {
        return proveBatch(List.of(circuit), params, List.of(r), List.of(s)).get(0);
    }

    /** Proofs of several circuits of the same shape; each gets its own (r, s) from {@code rng}. */
    public List<Proof> proveBatch(List<? extends Circuit<Fr>> circuits, ParameterSource params, Random rng) {
        List<Fr> r = new ArrayList<>(circuits.size());
        List<Fr> s = new ArrayList<>(circuits.size());
        for (int i = 0; i < circuits.size(); i++) {
            r.add(Fr.random(rng));
            s.add(Fr.random(rng));
        }
        return proveBatch(circuits, params, r, s);
    }

    /**
     * Proofs of several circuits of the same shape with explicit (r_i, s_i), proven in groups of
     * as many circuits as the free heap holds ({@link #groupSize}). The circuits of a group are
     * synthesized concurrently, so they must not share mutable state.
     */
    public List<Proof> proveBatch(List<? extends Circuit<Fr>> circuits, ParameterSource params, List<Fr> r, List<Fr> s) {
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        return proveBatch(circuits, params, r, s, groupSize(params, free), keepsBases(params, free));
    }

    /**
     * As above with at most {@code maxGroup} circuits in memory at once. A proof depends only on its
     * circuit, the parameters and its (r, s), never on the grouping; a group of one proves the
     * circuits one after another (the FFTs and MSMs use all kernel threads either way, only the
     * synthesis of a group runs concurrently).
     */
    public List<Proof> proveBatch(List<? extends Circuit<Fr>> circuits, ParameterSource params, List<Fr> r, List<Fr> s,
                                  int maxGroup) {
        return proveBatch(circuits, params, r, s, maxGroup, true);
    }

    /**
     * As above; {@code keepBases} false releases each base vector after its MSM family in every group
     * (one vector in memory at a time, each group preparing it again) for a heap that cannot hold all five.
     */
    public List<Proof> proveBatch(List<? extends Circuit<Fr>> circuits, ParameterSource params, List<Fr> r, List<Fr> s,
                                  int maxGroup, boolean keepBases) {
        if (r.size() != circuits.size() || s.size() != circuits.size()) {
            throw new IllegalArgumentException("need one r and one s per circuit");
        }
        if (maxGroup < 1) {
            throw new IllegalArgumentException("group size must be positive: " + maxGroup);
        }
        List<Proof> out = new ArrayList<>(circuits.size());
        try (PreparedBases bases = new PreparedBases(kernels, params)) {
            for (int from = 0; from < circuits.size(); from += maxGroup) {
                int to = Math.min(circuits.size(), from + maxGroup);
                out.addAll(proveGroup(circuits.subList(from, to), params, r.subList(from, to), s.subList(from, to), bases,
                        to == circuits.size() || !keepBases));
            }
        }
        return out;
    }

    /**
     * How many circuits of the parameters' shape fit in {@code freeBytes} of heap, at least 1. A
     * circuit held for the batch keeps its a, b, c evaluations and witness as flat vectors grown by
     * doubling (each up to the domain size m, the witness up to 2·aux), its canonical witness and its
     * h (m elements); one quotient at a time needs three more m-element arrays. Where the heap holds
     * them with at least one circuit ({@link #keepsBases}), the five base vectors (96 bytes per G1 point,
     * 192 per G2 point) stay prepared from the first group of a batch to the last ({@link PreparedBases})
     * and count whole; otherwise one vector of a decoding source next to the previous one counts (the
     * largest), as each is released after its family.
     * Without the bound a 13-partition NI-PoRep C2 of a 2 KiB sector needs about 8 GB of heap.
     */
    public static int groupSize(ParameterSource params, long freeBytes) {
        long fr = 32;
        long m = params.hCount() + 1L;
        long aux = params.lCount();
        long perCircuit = fr * (3 * m + 2 * aux + aux + m);
        long shared = fr * 3 * m + (keepsBases(params, freeBytes) ? keptBasesBytes(params) : streamedBasesBytes(params));
        long fits = (freeBytes - shared) / perCircuit;
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, fits));
    }

    /** Whether {@code freeBytes} of heap hold the five base vectors kept for a whole batch and one circuit beside them. */
    public static boolean keepsBases(ParameterSource params, long freeBytes) {
        long m = params.hCount() + 1L;
        long aux = params.lCount();
        long perCircuit = 32L * (3 * m + 2 * aux + aux + m);
        return 32L * 3 * m + keptBasesBytes(params) + perCircuit <= freeBytes;
    }

    private static long keptBasesBytes(ParameterSource params) {
        long g1Points = (long) params.hCount() + params.lCount() + params.aCount() + params.bG1Count();
        return 96L * g1Points + 192L * params.bG2Count();
    }

    /** Two vectors at once at most (the next one decoded while the previous is still referenced): the largest, twice. */
    private static long streamedBasesBytes(ParameterSource params) {
        return 2 * 96L * Math.max(Math.max(params.hCount(), params.lCount()), Math.max(params.aCount(), params.bG1Count()));
    }

    /**
     * One group of a batch. Each MSM family runs on its prepared bases; in the batch's last group, or in
     * every group when the bases are not kept across groups, a family's bases are released after it, so
     * only one vector is held at a time there.
     */
    private List<Proof> proveGroup(List<? extends Circuit<Fr>> circuits, ParameterSource params, List<Fr> r,
                                   List<Fr> s, PreparedBases prepared, boolean releaseAfterFamily) {
        if (circuits.isEmpty()) {
            return List.of();
        }
        VerifyingKey vk = params.verifyingKey();
        if (vk.deltaG1().isInfinity() || vk.deltaG2().isInfinity()) {
            throw new IllegalArgumentException("the verifying key's delta is the identity: refusing to prove");
        }
        PhaseTimer timer = new PhaseTimer(listener);
        int count = circuits.size();

        timer.start(ProverPhase.SYNTHESIS);
        List<ProvingAssignment<Fr>> assignments = synthesizeAll(circuits);
        List<long[]> inputs = new ArrayList<>(count);
        List<long[]> aux = new ArrayList<>(count);
        for (ProvingAssignment<Fr> pa : assignments) {
            checkShape(pa, assignments.get(0), params);
            inputs.add(pa.inputsCanonical(pool));
            aux.add(pa.auxCanonical(pool));
        }
        timer.stop(ProverPhase.SYNTHESIS);

        ProvingAssignment<Fr> first = assignments.get(0);
        int logM = QuotientPolynomial.domainLog(first.numConstraints());
        int m = 1 << logM;
        List<long[]> hExps = new ArrayList<>(count);
        for (ProvingAssignment<Fr> pa : assignments) {
            long[] h = QuotientPolynomial.compute(pa, transforms, timer);
            pa.releaseEvaluations();
            // the last coefficient is dropped (zero for a satisfied circuit)
            ParallelChunks.forEach(pool, m - 1, (from, to) -> FrScalarField.INSTANCE.toCanonical(h, 4 * from, h, 4 * from, to - from));
            hExps.add(h);
        }

        int nIn = first.numInputs();
        int nAux = first.numAux();
        MsmResults[] res = new MsmResults[count];
        for (int i = 0; i < count; i++) {
            res[i] = new MsmResults();
        }

        timer.start(ProverPhase.MSM_H);
        MsmBases bases = prepared.get(PreparedBases.Vector.H);
        for (int i = 0; i < count; i++) {
            res[i].h = msmG1(bases, 0, hExps.get(i), m - 1, null);
        }
        hExps = null;
        done(prepared, PreparedBases.Vector.H, releaseAfterFamily);
        timer.stop(ProverPhase.MSM_H);

        timer.start(ProverPhase.MSM_L);
        bases = prepared.get(PreparedBases.Vector.L);
        for (int i = 0; i < count; i++) {
            res[i].l = msmG1(bases, 0, aux.get(i), nAux, null);
        }
        done(prepared, PreparedBases.Vector.L, releaseAfterFamily);
        timer.stop(ProverPhase.MSM_L);

        timer.start(ProverPhase.MSM_A);
        bases = prepared.get(PreparedBases.Vector.A);
        for (int i = 0; i < count; i++) {
            JacobianPoint<Fq> ain = msmG1(bases, 0, inputs.get(i), nIn, null);
            JacobianPoint<Fq> aaux = msmG1(bases, nIn, aux.get(i), nAux, assignments.get(i).aAuxDensity().words());
            res[i].a = ain.add(aaux);
        }
        done(prepared, PreparedBases.Vector.A, releaseAfterFamily);
        timer.stop(ProverPhase.MSM_A);

        timer.start(ProverPhase.MSM_B_G1);
        bases = prepared.get(PreparedBases.Vector.B_G1);
        for (int i = 0; i < count; i++) {
            ProvingAssignment<Fr> pa = assignments.get(i);
            int nbi = pa.bInputDensity().popcount();
            JacobianPoint<Fq> bin = msmG1(bases, 0, inputs.get(i), nIn, pa.bInputDensity().words());
            JacobianPoint<Fq> baux = msmG1(bases, nbi, aux.get(i), nAux, pa.bAuxDensity().words());
            res[i].b1 = bin.add(baux);
        }
        done(prepared, PreparedBases.Vector.B_G1, releaseAfterFamily);
        timer.stop(ProverPhase.MSM_B_G1);

        timer.start(ProverPhase.MSM_B_G2);
        bases = prepared.get(PreparedBases.Vector.B_G2);
        for (int i = 0; i < count; i++) {
            ProvingAssignment<Fr> pa = assignments.get(i);
            int nbi = pa.bInputDensity().popcount();
            JacobianPoint<Fq2> bin = msmG2(bases, 0, inputs.get(i), nIn, pa.bInputDensity().words());
            JacobianPoint<Fq2> baux = msmG2(bases, nbi, aux.get(i), nAux, pa.bAuxDensity().words());
            res[i].b2 = bin.add(baux);
        }
        bases = null;
        done(prepared, PreparedBases.Vector.B_G2, releaseAfterFamily);
        timer.stop(ProverPhase.MSM_B_G2);

        timer.start(ProverPhase.ASSEMBLY);
        List<Proof> proofs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            proofs.add(assemble(vk, res[i], r.get(i), s.get(i)));
        }
        timer.stop(ProverPhase.ASSEMBLY);

        timer.start(ProverPhase.VERIFICATION);
        PreparedVerifyingKey pvk = PreparedVerifyingKey.prepare(vk);
        for (int i = 0; i < count; i++) {
            if (!Groth16Verifier.verify(pvk, proofs.get(i), assignments.get(i).publicInputs())) {
                throw new ProofSelfCheckException("proof " + i + " of " + count + " does not verify: the witness does "
                        + "not satisfy the circuit, the parameters are for another circuit, or a kernel is faulty");
            }
        }
        timer.stop(ProverPhase.VERIFICATION);
        return proofs;
    }

    /**
     * π_A = α₁ + A + r·δ₁;  π_B = β₂ + B₂ + s·δ₂;
     * π_C = s·A + r·B₁ + (r·s)·δ₁ + s·α₁ + r·β₁ + H + L (bellperson's order of terms).
     */
    static Proof assemble(VerifyingKey vk, MsmResults m, Fr r, Fr s) {
        JacobianPoint<Fq> alpha = vk.alphaG1().toJacobian();
        JacobianPoint<Fq> delta1 = vk.deltaG1().toJacobian();
        JacobianPoint<Fq> a = alpha.add(m.a).add(G1.mul(delta1, r.toBigInteger()));
        JacobianPoint<Fq2> b = vk.betaG2().toJacobian().add(m.b2).add(G2.mul(vk.deltaG2().toJacobian(), s.toBigInteger()));
        JacobianPoint<Fq> c = G1.mul(m.a, s.toBigInteger())
                .add(G1.mul(m.b1, r.toBigInteger()))
                .add(G1.mul(delta1, r.mul(s).toBigInteger()))
                .add(G1.mul(alpha, s.toBigInteger()))
                .add(G1.mul(vk.betaG1().toJacobian(), r.toBigInteger()))
                .add(m.h)
                .add(m.l);
        return new Proof(a.toAffine(), b.toAffine(), c.toAffine());
    }

    /** The MSM results of one circuit. */
    static final class MsmResults {
        JacobianPoint<Fq> h;
        JacobianPoint<Fq> l;
        JacobianPoint<Fq> a;
        JacobianPoint<Fq> b1;
        JacobianPoint<Fq2> b2;
    }

    private static void checkShape(ProvingAssignment<Fr> pa, ProvingAssignment<Fr> first, ParameterSource params) {
        if (pa.numConstraints() != first.numConstraints() || pa.numInputs() != first.numInputs()
                || pa.numAux() != first.numAux()) {
            throw new IllegalArgumentException("circuits in one batch must have the same shape: " + shape(pa)
                    + " vs " + shape(first));
        }
        int m = 1 << QuotientPolynomial.domainLog(pa.numConstraints());
        int nbi = pa.bInputDensity().popcount();
        require(params.verifyingKey().ic().size() == pa.numInputs(), "ic", params.verifyingKey().ic().size(), pa.numInputs());
        require(params.hCount() == m - 1, "h", params.hCount(), m - 1);
        require(params.lCount() == pa.numAux(), "l", params.lCount(), pa.numAux());
        int aNeed = pa.numInputs() + pa.aAuxDensity().popcount();
        require(params.aCount() == aNeed, "a", params.aCount(), aNeed);
        int bNeed = nbi + pa.bAuxDensity().popcount();
        require(params.bG1Count() == bNeed, "b_g1", params.bG1Count(), bNeed);
        require(params.bG2Count() == bNeed, "b_g2", params.bG2Count(), bNeed);
    }

    private static void require(boolean ok, String vector, int have, int need) {
        if (!ok) {
            throw new IllegalArgumentException("parameters do not match the circuit: " + vector + " has " + have
                    + " points, the circuit needs " + need);
        }
    }

    private static String shape(ProvingAssignment<Fr> pa) {
        return pa.numConstraints() + " constraints, " + pa.numInputs() + " inputs, " + pa.numAux() + " aux";
    }

    /** After a family: its bases are let go in the batch's last group, kept for the next group otherwise. */
    private static void done(PreparedBases prepared, PreparedBases.Vector v, boolean release) {
        if (release) {
            prepared.release(v);
        }
    }

    private JacobianPoint<Fq> msmG1(MsmBases bases, int baseStart, long[] scalars, int count, long[] density) {
        long[] out = new long[PointLimbs.G1];
        kernels.msmG1(bases, baseStart, scalars, 0, count, density, out, 0);
        AffinePoint<Fq> p = PointLimbs.g1(out, 0);
        return p.toJacobian();
    }

    private JacobianPoint<Fq2> msmG2(MsmBases bases, int baseStart, long[] scalars, int count, long[] density) {
        long[] out = new long[PointLimbs.G2];
        kernels.msmG2(bases, baseStart, scalars, 0, count, density, out, 0);
        return PointLimbs.g2(out, 0).toJacobian();
    }

    /** Synthesizes the circuits on the pool, in their order. */
    private List<ProvingAssignment<Fr>> synthesizeAll(List<? extends Circuit<Fr>> circuits) {
        @SuppressWarnings("unchecked")
        ProvingAssignment<Fr>[] out = new ProvingAssignment[circuits.size()];
        try {
            pool.forEach(circuits.size(), i -> out[(int) i] = ProvingAssignment.synthesize(FrScalarField.INSTANCE,
                    circuits.get((int) i)));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return List.of(out);
    }
}
