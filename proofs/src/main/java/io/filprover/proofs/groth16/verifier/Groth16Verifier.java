package io.filprover.proofs.groth16.verifier;

import io.filprover.bls12381.curve.AffinePoint;
import io.filprover.bls12381.curve.G1;
import io.filprover.bls12381.curve.JacobianPoint;
import io.filprover.bls12381.field.Fq;
import io.filprover.bls12381.field.Fq12;
import io.filprover.bls12381.field.Fq2;
import io.filprover.bls12381.field.Fr;
import io.filprover.bls12381.pairing.Pairing;
import io.filprover.proofs.groth16.Proof;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Groth16 verification (docs/spec/poseidon-groth16-gpu.md §3.7). Public inputs are x_1 … x_ℓ in allocation
 * order (ONE is implicit); a count that does not match the key is an error, not a rejection.
 */
public final class Groth16Verifier {
    /** Bits of the random batch-verification coefficients (bellperson and Zcash use 128). */
    static final int BATCH_COEFFICIENT_BITS = 128;

    private Groth16Verifier() {
    }

    /**
     * Whether e(A, B) = e(α₁, β₂)·e(acc, γ₂)·e(C, δ₂) with acc = ic[0] + Σ x_i·ic[i], evaluated as
     * one multi-Miller loop of (A, B), (acc, −γ₂), (C, −δ₂) and one final exponentiation.
     *
     * @throws IllegalArgumentException if the number of public inputs is not |ic| − 1
     */
    public static boolean verify(PreparedVerifyingKey pvk, Proof proof, List<Fr> publicInputs) {
        AffinePoint<Fq> acc = inputCommitment(pvk, publicInputs).toAffine();
        Fq12 f = Pairing.multiPairing(List.of(proof.a(), acc, proof.c()),
                List.of(proof.b(), pvk.negGammaG2(), pvk.negDeltaG2()));
        return f.equals(pvk.alphaBeta());
    }

    /** As {@link #verify(PreparedVerifyingKey, Proof, List)}, preparing the key first. */
    public static boolean verify(io.filprover.proofs.groth16.params.VerifyingKey vk, Proof proof, List<Fr> publicInputs) {
        return verify(PreparedVerifyingKey.prepare(vk), proof, publicInputs);
    }

    /**
     * Verifies several proofs against one key at once with a random linear combination (Zcash
     * protocol spec, appendix B.2): with random non-zero 128-bit z_j, accepts iff
     * ∏ e(z_j·A_j, B_j) · e(−Σ z_j·acc_j, γ₂) · e(−Σ z_j·C_j, δ₂) = e(α₁, β₂)^(Σ z_j).
     * A true result means every proof is valid except with probability about 2^−128; on false at
     * least one is invalid (use {@link #verify} to find which).
     */
    public static boolean verifyBatch(PreparedVerifyingKey pvk, List<Proof> proofs, List<List<Fr>> publicInputs,
                                      Random rng) {
        if (proofs.size() != publicInputs.size()) {
            throw new IllegalArgumentException(proofs.size() + " proofs but " + publicInputs.size() + " public-input lists");
        }
        if (proofs.isEmpty()) {
            return true;
        }
        int ell = pvk.ic().size() - 1;
        BigInteger zSum = BigInteger.ZERO;
        BigInteger[] icCoeff = new BigInteger[ell + 1];
        java.util.Arrays.fill(icCoeff, BigInteger.ZERO);
        JacobianPoint<Fq> cSum = G1.identity();
        List<AffinePoint<Fq>> ps = new ArrayList<>();
        List<AffinePoint<Fq2>> qs = new ArrayList<>();
        for (int j = 0; j < proofs.size(); j++) {
            List<Fr> inputs = publicInputs.get(j);
            checkInputCount(pvk, inputs);
            BigInteger z;
            do {
                z = new BigInteger(BATCH_COEFFICIENT_BITS, rng);
            } while (z.signum() == 0);
            Proof p = proofs.get(j);
            ps.add(G1.mul(p.a().toJacobian(), z).toAffine());
            qs.add(p.b());
            cSum = cSum.add(G1.mul(p.c().toJacobian(), z));
            zSum = zSum.add(z);
            icCoeff[0] = icCoeff[0].add(z);
            for (int i = 0; i < ell; i++) {
                icCoeff[i + 1] = icCoeff[i + 1].add(z.multiply(inputs.get(i).toBigInteger()));
            }
        }
        JacobianPoint<Fq> accSum = G1.identity();
        for (int i = 0; i <= ell; i++) {
            accSum = accSum.add(G1.mul(pvk.ic().get(i).toJacobian(), icCoeff[i].mod(G1.ORDER)));
        }
        ps.add(accSum.toAffine());
        qs.add(pvk.negGammaG2());
        ps.add(cSum.toAffine());
        qs.add(pvk.negDeltaG2());
        Fq12 lhs = Pairing.multiPairing(ps, qs);
        return lhs.equals(pvk.alphaBeta().pow(zSum));
    }

    /** acc = ic[0] + Σ x_i·ic[i]. */
    static JacobianPoint<Fq> inputCommitment(PreparedVerifyingKey pvk, List<Fr> publicInputs) {
        checkInputCount(pvk, publicInputs);
        JacobianPoint<Fq> acc = pvk.ic().get(0).toJacobian();
        for (int i = 0; i < publicInputs.size(); i++) {
            acc = acc.add(G1.mul(pvk.ic().get(i + 1).toJacobian(), publicInputs.get(i).toBigInteger()));
        }
        return acc;
    }

    private static void checkInputCount(PreparedVerifyingKey pvk, List<Fr> publicInputs) {
        int expected = pvk.ic().size() - 1;
        if (publicInputs.size() != expected) {
            throw new IllegalArgumentException("the verifying key takes " + expected + " public inputs, got "
                    + publicInputs.size());
        }
    }
}
