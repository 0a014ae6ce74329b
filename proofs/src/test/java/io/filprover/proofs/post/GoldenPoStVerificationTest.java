package io.filprover.proofs.post;

import io.filprover.api.InvalidInputException;
import io.filprover.api.RegisteredPoStProof;
import io.filprover.api.Hex;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TV-POST-GOLDEN re-verified: Poseidon paths to comm_r_last, comm_c + comm_r_last to comm_r, challenges re-derived. */
class GoldenPoStVerificationTest {
    private static final RegisteredPoStProof TYPE = RegisteredPoStProof.ofId(8); // postpub.json PoStProof 8
    private static final byte[] COMM_R = Hex.decode("df691086e3c673c95a45908713d4c5938e5ced43f21b888bd9bc6e181c9f326b", "x");
    private static final VanillaPoStVerifier VERIFIER = new VanillaPoStVerifier();

    static boolean accepted(byte[] bytes) {
        FallbackPoStSectorProof p;
        try {
            p = VanillaPoStCodec.decode(bytes);
        } catch (InvalidInputException e) {
            return false;
        }
        return VERIFIER.verify(TYPE, new byte[32], 1, COMM_R, 0, p).valid();
    }

    @Test
    void goldenProofVerifies() throws IOException {
        FallbackPoStSectorProof p = VanillaPoStCodec.decode(GoldenPoStProofTest.golden());
        VanillaPoStVerifier.Result r = VERIFIER.verify(TYPE, new byte[32], 1, COMM_R, 0, p);
        assertTrue(r.valid(), r.reason());
    }

    @Test
    void wrongPublicInputsAreRejected() throws IOException {
        FallbackPoStSectorProof p = VanillaPoStCodec.decode(GoldenPoStProofTest.golden());
        byte[] rand = new byte[32];
        rand[0] = 1;
        assertFalse(VERIFIER.verify(TYPE, rand, 1, COMM_R, 0, p).valid(), "other randomness");
        assertFalse(VERIFIER.verify(TYPE, new byte[32], 2, COMM_R, 0, p).valid(), "other sector id");
        assertFalse(VERIFIER.verify(TYPE, new byte[32], 1, COMM_R, 1, p).valid(), "other position (V1_0 indexing)");
        assertFalse(VERIFIER.verify(RegisteredPoStProof.ofId(9), new byte[32], 1, COMM_R, 0, p).valid(), "64 GiB type");
        byte[] otherCommR = COMM_R.clone();
        otherCommR[0] ^= 1;
        assertFalse(VERIFIER.verify(TYPE, new byte[32], 1, otherCommR, 0, p).valid(), "other comm_r");
    }

    @Test
    void randomSingleByteFlipsAreRejected() throws IOException {
        byte[] golden = GoldenPoStProofTest.golden();
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        for (int t = 0; t < 400; t++) {
            int pos = t < 64 ? t : rnd.nextInt(golden.length);
            byte[] b = golden.clone();
            b[pos] ^= (byte) (1 << rnd.nextInt(8));
            assertFalse(accepted(b), "flip at " + pos + " accepted, seed " + seed);
        }
    }

    @Test
    @Tag("slow")
    void everySingleByteFlipIsRejected() throws IOException {
        byte[] golden = GoldenPoStProofTest.golden();
        for (int pos = 0; pos < golden.length; pos++) {
            byte[] b = golden.clone();
            b[pos] ^= (byte) 0x5a;
            assertFalse(accepted(b), "flip at " + pos + " accepted");
        }
        assertEquals(true, accepted(golden));
    }
}
