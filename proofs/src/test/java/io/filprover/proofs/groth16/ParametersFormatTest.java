package io.filprover.proofs.groth16;

import io.filprover.proofs.TestJobs;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.filprover.bls12381.curve.AffinePoint;
import io.filprover.bls12381.curve.G1;
import io.filprover.bls12381.curve.PointCodec;
import io.filprover.bls12381.field.Fq;
import io.filprover.bls12381.field.Fr;
import io.filprover.proofs.groth16.params.Groth16Parameters;
import io.filprover.proofs.groth16.params.Groth16Setup;
import io.filprover.proofs.groth16.params.MappedParameters;
import io.filprover.proofs.groth16.params.ParametersFormat;
import io.filprover.proofs.groth16.params.ParametersFormatException;
import io.filprover.proofs.groth16.params.ToxicWaste;
import io.filprover.proofs.groth16.params.VerifyingKey;
import io.filprover.proofs.groth16.prover.Groth16Prover;
import io.filprover.proofs.groth16.verifier.Groth16Verifier;
import io.filprover.proofs.groth16.verifier.PreparedVerifyingKey;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code .params}, {@code .vk} and proof encodings: round trips and rejection of damaged files. */
class ParametersFormatTest {
    private final long seed = System.nanoTime();
    private final Random rnd = new Random(seed);
    private Groth16Parameters params;
    private byte[] bytes;

    @BeforeEach
    void setup() {
        params = Groth16Setup.generate(new RandomCircuit(rnd.nextLong(), 2, 2, 4, null), ToxicWaste.random(rnd));
        bytes = ParametersFormat.encodeParameters(params);
    }

    @Test
    void paramsRoundTripThroughEveryReader(@TempDir Path dir) throws Exception {
        String m = "seed=" + seed;
        assertArrayEquals(bytes, ParametersFormat.encodeParameters(MappedParameters.of(bytes, true).load()), m);
        assertArrayEquals(bytes, ParametersFormat.encodeParameters(MappedParameters.of(bytes, false)), m);
        assertArrayEquals(bytes, ParametersFormat.encodeParameters(
                ParametersFormat.readParameters(new ByteArrayInputStream(bytes), true)), m);
        Path file = dir.resolve("test.params");
        Files.write(file, bytes);
        assertArrayEquals(bytes, ParametersFormat.encodeParameters(ParametersFormat.readParameters(file, false)), m);
        MappedParameters mapped = MappedParameters.open(file, true);
        assertEquals(params.hCount(), mapped.hCount(), m);
        assertArrayEquals(params.bG2(), mapped.bG2(), m);

        byte[] vk = ParametersFormat.encodeVerifyingKey(params.verifyingKey());
        assertArrayEquals(Arrays.copyOf(bytes, vk.length), vk, m);
        assertEquals(868 + 96 * params.verifyingKey().ic().size(), vk.length, m);
        Path vkFile = dir.resolve("test.vk");
        Files.write(vkFile, vk);
        VerifyingKey back = ParametersFormat.readVerifyingKey(vkFile);
        assertArrayEquals(vk, ParametersFormat.encodeVerifyingKey(back), m);
    }

    @Test
    void sizeFormulaOfTheSpec() {
        long expected = 868 + 96L * params.verifyingKey().ic().size() + 20
                + 96L * (params.hCount() + params.lCount() + params.aCount() + params.bG1Count()) + 192L * params.bG2Count();
        assertEquals(expected, bytes.length);
    }

    @Test
    void truncatedFilesAreRejected() {
        int[] cuts = {0, 1, 95, 867, 868, 900, bytes.length - 193, bytes.length - 1, rnd.nextInt(bytes.length)};
        for (int cut : cuts) {
            byte[] t = Arrays.copyOf(bytes, cut);
            String m = "seed=" + seed + " cut at " + cut;
            assertThrows(ParametersFormatException.class, () -> MappedParameters.of(t, false), m);
            assertThrows(ParametersFormatException.class,
                    () -> ParametersFormat.readParameters(new ByteArrayInputStream(t), false), m);
        }
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
        assertThrows(ParametersFormatException.class, () -> MappedParameters.of(longer, false));
        byte[] vk = ParametersFormat.encodeVerifyingKey(params.verifyingKey());
        assertThrows(ParametersFormatException.class, () -> ParametersFormat.readVerifyingKey(Arrays.copyOf(vk, vk.length - 1), true));
        assertThrows(ParametersFormatException.class, () -> ParametersFormat.readVerifyingKey(bytes, true),
                "a .params file is not a .vk file");
    }

    @Test
    void hugeCountsFailFastWithoutAllocating() {
        int hCountOffset = (int) params.verifyingKey().encodedSize();
        byte[] t = bytes.clone();
        t[hCountOffset] = (byte) 0x7f;
        t[hCountOffset + 1] = (byte) 0xff;
        ParametersFormatException e = assertThrows(ParametersFormatException.class, () -> MappedParameters.of(t, false));
        assertTrue(e.getMessage().contains("h claims"), e.getMessage());
        assertThrows(ParametersFormatException.class,
                () -> ParametersFormat.readParameters(new ByteArrayInputStream(t), false));
    }

    @Test
    void everySingleBitFlipIsRejected() {
        // every bit of the whole .params file (vk, counts, every point), not a sample: a flipped count no longer
        // matches the length, a flipped flag is an invalid encoding, a flipped coordinate leaves the curve or
        // the field
        String m = "seed=" + seed + " file of " + bytes.length + " bytes, bit ";
        byte[] t = bytes.clone();
        for (int bit = 0; bit < bytes.length * 8; bit++) {
            t[bit >>> 3] ^= (byte) (1 << (bit & 7));
            assertThrows(ParametersFormatException.class, () -> MappedParameters.of(t, false).load(), m + bit);
            t[bit >>> 3] ^= (byte) (1 << (bit & 7));
        }
        assertArrayEquals(bytes, t);
    }

    @Test
    void everySingleBitFlipOfAProofIsRejected() {
        // all 192 * 8 = 1536 bits of a valid proof: each flip is either refused by the decoder (flags, off the
        // curve, outside the subgroup, not a field element) or decodes to a proof the verifier rejects
        RandomCircuit shape = new RandomCircuit(rnd.nextLong(), 1, 1, 2, null);
        Groth16Parameters p = Groth16Setup.generate(shape, ToxicWaste.random(rnd));
        RandomCircuit circuit = shape.withValues(rnd.nextLong());
        java.util.List<Fr> inputs = circuit.publicInputs();
        PreparedVerifyingKey pvk = PreparedVerifyingKey.prepare(p.verifyingKey());
        byte[] enc = new Groth16Prover(TestJobs.CPU).prove(circuit, p, Fr.random(rnd), Fr.random(rnd))
                .toBytes();
        assertTrue(Groth16Verifier.verify(pvk, Proof.fromBytes(enc), inputs), "seed=" + seed);
        int decoded = 0;
        for (int bit = 0; bit < Proof.BYTES * 8; bit++) {
            byte[] t = enc.clone();
            t[bit >>> 3] ^= (byte) (1 << (bit & 7));
            Proof flipped;
            try {
                flipped = Proof.fromBytes(t);
            } catch (InvalidProofException e) {
                continue;
            }
            decoded++;
            assertFalse(Groth16Verifier.verify(pvk, flipped, inputs), "seed=" + seed + " bit " + bit);
        }
        assertTrue(decoded >= 3, "at least the three sign bits decode (to -A, -B, -C): " + decoded);
    }

    @Test
    void identityEntriesAreRejected() {
        int h0 = (int) params.verifyingKey().encodedSize() + 4;
        byte[] t = bytes.clone();
        Arrays.fill(t, h0, h0 + 96, (byte) 0);
        t[h0] = 0x40; // uncompressed infinity
        ParametersFormatException e = assertThrows(ParametersFormatException.class, () -> MappedParameters.of(t, false).load());
        assertTrue(e.getMessage().contains("infinity"), e.getMessage());
    }

    @Test
    void subgroupCheckOnlyWhenChecked() throws Exception {
        // an on-curve point outside the order-r subgroup (G1's cofactor is large)
        AffinePoint<Fq> outside = null;
        for (long x = 1; outside == null; x++) {
            Fq fx = Fq.fromLong(x);
            Fq y = fx.square().mul(fx).add(Fq.fromLong(4)).sqrt();
            if (y != null) {
                AffinePoint<Fq> p = AffinePoint.of(G1.CURVE, fx, y);
                if (!G1.isInSubgroup(p)) {
                    outside = p;
                }
            }
        }
        int h0 = (int) params.verifyingKey().encodedSize() + 4;
        byte[] t = bytes.clone();
        System.arraycopy(PointCodec.g1ToUncompressed(outside), 0, t, h0, 96);
        assertThrows(ParametersFormatException.class, () -> MappedParameters.of(t, true).load());
        assertEquals(params.hCount(), MappedParameters.of(t, false).load().hCount());
    }

    @Test
    void proofRoundTripAndRejection() {
        RandomCircuit shape = new RandomCircuit(rnd.nextLong(), 1, 1, 2, null);
        Groth16Parameters p = Groth16Setup.generate(shape, ToxicWaste.random(rnd));
        Proof proof = new Groth16Prover(TestJobs.CPU).prove(shape.withValues(rnd.nextLong()), p,
                Fr.random(rnd), Fr.random(rnd));
        byte[] enc = proof.toBytes();
        assertEquals(Proof.BYTES, enc.length);
        assertArrayEquals(enc, Proof.fromBytes(enc).toBytes());
        byte[] two = Proof.concatenate(java.util.List.of(proof, proof));
        assertEquals(java.util.List.of(proof, proof), Proof.fromConcatenated(two));
        assertThrows(InvalidProofException.class, () -> Proof.fromBytes(Arrays.copyOf(enc, 191)));
        assertThrows(InvalidProofException.class, () -> Proof.fromConcatenated(Arrays.copyOf(two, 383)));
        byte[] inf = enc.clone();
        Arrays.fill(inf, 0, 48, (byte) 0);
        inf[0] = (byte) 0xc0; // compressed infinity for A
        assertThrows(InvalidProofException.class, () -> Proof.fromBytes(inf));
    }
}
