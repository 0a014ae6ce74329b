package io.filprover.proofs.groth16;

import io.filprover.bls12381.curve.PointCodec;
import io.filprover.bls12381.field.Fr;
import io.filprover.proofs.groth16.params.VerifyingKey;

import java.util.List;

import org.junit.jupiter.api.Assumptions;
import supranational.blst.P1;
import supranational.blst.P1_Affine;
import supranational.blst.P2_Affine;
import supranational.blst.PT;

/**
 * An independent Groth16 check with native blst (tech.pegasys:jblst): decodes the proof's 192 bytes
 * and the key's points with blst and tests e(A, B) = e(α, β)·e(acc, γ)·e(C, δ) with blst's pairing.
 */
public final class BlstGroth16Check {
    private BlstGroth16Check() {
    }

    public static void assumeNativeBlst() {
        String failure = null;
        try {
            P1.generator().compress();
        } catch (Throwable t) { // UnsatisfiedLinkError / ExceptionInInitializerError from the JNI loader
            failure = t.toString();
        }
        Assumptions.assumeTrue(failure == null, "jblst native library could not be loaded: " + failure);
    }

    public static boolean verify(VerifyingKey vk, byte[] proof, List<Fr> publicInputs) {
        P1_Affine a = new P1_Affine(java.util.Arrays.copyOfRange(proof, 0, 48));
        P2_Affine b = new P2_Affine(java.util.Arrays.copyOfRange(proof, 48, 144));
        P1_Affine c = new P1_Affine(java.util.Arrays.copyOfRange(proof, 144, 192));
        P1 acc = new P1(PointCodec.g1ToUncompressed(vk.ic().get(0)));
        for (int i = 0; i < publicInputs.size(); i++) {
            P1 term = new P1(PointCodec.g1ToUncompressed(vk.ic().get(i + 1))).mult(publicInputs.get(i).toBigInteger());
            acc = acc.add(term);
        }
        P1_Affine alpha = new P1_Affine(PointCodec.g1ToUncompressed(vk.alphaG1()));
        P2_Affine beta = new P2_Affine(PointCodec.g2ToUncompressed(vk.betaG2()));
        P2_Affine gamma = new P2_Affine(PointCodec.g2ToUncompressed(vk.gammaG2()));
        P2_Affine delta = new P2_Affine(PointCodec.g2ToUncompressed(vk.deltaG2()));
        PT lhs = new PT(a, b).final_exp();
        PT rhs = new PT(alpha, beta).mul(new PT(acc.to_affine(), gamma)).mul(new PT(c, delta)).final_exp();
        return lhs.is_equal(rhs);
    }
}
