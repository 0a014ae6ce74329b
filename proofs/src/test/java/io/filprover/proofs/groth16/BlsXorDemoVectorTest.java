package io.filprover.proofs.groth16;

import io.filprover.proofs.TestJobs;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.filprover.api.kernels.Kernels;
import io.filprover.bls12381.curve.G1;
import io.filprover.bls12381.curve.G2;
import io.filprover.bls12381.field.Fr;
import io.filprover.proofs.groth16.circuits.XorDemo;
import io.filprover.proofs.r1cs.FrScalarField;
import io.filprover.proofs.groth16.prover.ProvingAssignment;
import io.filprover.proofs.groth16.params.Groth16Parameters;
import io.filprover.proofs.groth16.params.Groth16Setup;
import io.filprover.proofs.groth16.params.MappedParameters;
import io.filprover.proofs.groth16.params.VerifyingKey;
import io.filprover.proofs.groth16.params.ParametersFormat;
import io.filprover.proofs.groth16.params.QapEvaluation;
import io.filprover.proofs.groth16.params.ToxicWaste;
import io.filprover.proofs.groth16.prover.Groth16Prover;
import io.filprover.proofs.groth16.prover.KernelTransforms;
import io.filprover.proofs.groth16.prover.PhaseTimer;
import io.filprover.proofs.groth16.prover.QuotientPolynomial;
import io.filprover.proofs.groth16.verifier.Groth16Verifier;
import io.filprover.proofs.groth16.verifier.PreparedVerifyingKey;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The BLS12-381 XorDemo with the fixed trapdoor of docs/spec/test-vectors-poseidon-groth16.md §5 (copied to
 * src/test/resources/groth16/xordemo-bls12-381.txt): QAP scalars, h coefficients, the exact
 * {@code .params} / {@code .vk} bytes and the exact proof.
 */
class BlsXorDemoVectorTest {
    private static final VectorFile V = new VectorFile("/groth16/xordemo-bls12-381.txt");
    private static final HexFormat HEX = HexFormat.of();
    private static final ToxicWaste TRAPDOOR = new ToxicWaste(Fr.fromLong(48577), Fr.fromLong(22580),
            Fr.fromLong(53332), Fr.fromLong(5481), Fr.fromLong(3673));
    private static final Fr R = Fr.fromLong(27134);
    private static final Fr S = Fr.fromLong(17146);
    private static Groth16Parameters params;
    private static Kernels kernels;

    @BeforeAll
    static void setup() {
        kernels = TestJobs.CPU;
        params = Groth16Setup.generate(XorDemo.shape(), TRAPDOOR);
    }

    private static List<BigInteger> values(List<Fr> xs) {
        List<BigInteger> out = new ArrayList<>();
        xs.forEach(x -> out.add(x.toBigInteger()));
        return out;
    }

    @Test
    void qapScalarsAtTau() {
        QapEvaluation<Fr> qap = QapEvaluation.evaluate(FrScalarField.INSTANCE, XorDemo.shape(), TRAPDOOR.tau());
        assertEquals(V.integers("u"), values(qap.u()));
        assertEquals(V.integers("v"), values(qap.v()));
        assertEquals(V.integers("w"), values(qap.w()));
    }

    @Test
    void quotientCoefficientsThroughTheKernels() {
        ProvingAssignment<Fr> pa = ProvingAssignment.synthesize(FrScalarField.INSTANCE, new XorDemo<>(true, false));
        long[] h = QuotientPolynomial.compute(pa, new KernelTransforms(kernels), PhaseTimer.none());
        List<BigInteger> got = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            got.add(Fr.fromMontgomeryLimbs(h, 4 * i).toBigInteger());
        }
        assertEquals(V.integers("h_coefficients"), got);
        assertTrue(Fr.fromMontgomeryLimbs(h, 28).isZero());
    }

    @Test
    void parametersFileBytes() throws Exception {
        byte[] bytes = ParametersFormat.encodeParameters(params);
        assertEquals(V.getLong("params_length"), bytes.length);
        assertEquals(V.get("params_sha256"), sha256(bytes));
        assertArrayEquals(V.bytes("params_hex"), bytes);
        byte[] vk = ParametersFormat.encodeVerifyingKey(params.verifyingKey());
        assertEquals(V.getLong("vk_length"), vk.length);
        assertEquals(V.get("vk_sha256"), sha256(vk));
        assertArrayEquals(Arrays.copyOf(bytes, vk.length), vk);
    }

    @Test
    void proofBytesAndDiscreteLogs() {
        Proof proof = new Groth16Prover(kernels).prove(new XorDemo<>(true, false), params, R, S);
        assertEquals(V.get("proof"), HEX.formatHex(proof.toBytes()));
        assertEquals(G1.mul(G1.generator(), V.integer("dlog_A")).toAffine(), proof.a());
        assertEquals(G2.mul(G2.generator(), V.integer("dlog_B")).toAffine(), proof.b());
        assertEquals(G1.mul(G1.generator(), V.integer("dlog_C")).toAffine(), proof.c());

        PreparedVerifyingKey pvk = PreparedVerifyingKey.prepare(params.verifyingKey());
        assertTrue(Groth16Verifier.verify(pvk, proof, List.of(Fr.ONE)));
        assertFalse(Groth16Verifier.verify(pvk, proof, List.of(Fr.ZERO)), "c = 0 is the wrong public input");
        assertEquals(proof, Proof.fromBytes(proof.toBytes()));
    }

    /** The vector's own .params bytes, read lazily (mapped, checked), prove to the vector's proof. */
    @Test
    void provingFromTheVectorParametersFile() throws Exception {
        MappedParameters mapped = MappedParameters.of(V.bytes("params_hex"), true);
        Proof proof = new Groth16Prover(kernels).prove(new XorDemo<>(true, false), mapped, R, S);
        assertEquals(V.get("proof"), HEX.formatHex(proof.toBytes()));
        VerifyingKey vk = ParametersFormat.readVerifyingKey(Arrays.copyOf(V.bytes("params_hex"), (int) V.getLong("vk_length")), true);
        assertTrue(Groth16Verifier.verify(vk, Proof.fromBytes(V.bytes("proof")), List.of(Fr.ONE)));
    }

    /** bellperson's test_create_batch_single: a batch equals the single proofs (docs/spec/test-vectors-poseidon-groth16.md §4, batch variant, r2/s2 from there). */
    @Test
    void batchOfTwoEqualsTwoSingleProofs() {
        Groth16Prover prover = new Groth16Prover(kernels);
        Fr r2 = Fr.fromLong(27132);
        Fr s2 = Fr.fromLong(17142);
        List<Proof> batch = prover.proveBatch(List.of(new XorDemo<>(true, false), new XorDemo<>(true, false)), params,
                List.of(R, r2), List.of(S, s2));
        assertEquals(V.get("proof"), HEX.formatHex(batch.get(0).toBytes()));
        assertEquals(prover.prove(new XorDemo<>(true, false), params, r2, s2), batch.get(1));
        assertFalse(batch.get(0).equals(batch.get(1)));
    }

    private static String sha256(byte[] b) throws Exception {
        return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }
}
