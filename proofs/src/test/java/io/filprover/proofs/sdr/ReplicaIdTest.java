package io.filprover.proofs.sdr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.filprover.api.Hex;
import io.filprover.api.RegisteredSealProof;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReplicaIdTest {

    @Test
    void matchesTvSealReplicaIds() {
        // TV-SEAL (test resource sdr/tv-seal-labels.txt): prover_id = 01||00*31, sector_id 1, ticket 02*32, porep_id(5)
        byte[] prover = new byte[32];
        prover[0] = 1;
        byte[] ticket = new byte[32];
        Arrays.fill(ticket, (byte) 2);
        int n = 0;
        for (String[] r : TestVectors.rows("tv-seal-labels.txt")) {
            byte[] commD = Hex.decode(r[2], "comm_d");
            byte[] rid = ReplicaId.compute(prover, 1, ticket, commD, RegisteredSealProof.porepIdOf(5));
            assertEquals(r[3], Hex.encode(rid), r[0] + " " + r[1]);
            n++;
        }
        assertEquals(8, n);
    }

    @Test
    void equalsTrimmedSha256OfTheSpecLayout() throws Exception {
        // independent assembly of the 136-byte message of docs/spec/filecoin-porep-post.md §5 (sector id big-endian)
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        for (int i = 0; i < 20; i++) {
            byte[] msg = new byte[136];
            rnd.nextBytes(msg);
            long sectorId = 0;
            for (int k = 0; k < 8; k++) {
                sectorId = sectorId << 8 | (msg[32 + k] & 0xff);
            }
            byte[] expected = MessageDigest.getInstance("SHA-256").digest(msg);
            expected[31] &= 0x3f;
            byte[] rid = ReplicaId.compute(Arrays.copyOfRange(msg, 0, 32), sectorId, Arrays.copyOfRange(msg, 40, 72),
                    Arrays.copyOfRange(msg, 72, 104), Arrays.copyOfRange(msg, 104, 136));
            assertEquals(Hex.encode(expected), Hex.encode(rid), "seed " + seed);
        }
    }
}
