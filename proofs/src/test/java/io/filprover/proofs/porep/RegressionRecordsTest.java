package io.filprover.proofs.porep;

import io.filprover.api.Hex;
import io.filprover.api.PoRepFeature;
import io.filprover.proofs.sdr.ReplicaId;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** replica_id and the first partitions' challenges of upstream regression records (TV-REC, resources/porep/tv-rec.txt). */
class RegressionRecordsTest {
    // TV-REC-RNG: shared by all records
    static final byte[] PROVER = Hex.decode("101cbe4b9c42604f04c703c396f788c6cb2d6d7d58f45430b12eb2edd640076c", "p");
    static final byte[] TICKET = Hex.decode("e8867f2000d5597a0a5f4382c52b8b89890019df5320d486a067f38e6c68624b", "t");
    static final byte[] SEED = Hex.decode("56964257e0d6c11e074117b36172fff3ebd1a6ec18fa79555e58df5a9d889dcb", "s");
    static final long SECTOR = Long.parseUnsignedLong("9259733836259213201");

    @Test
    void replicaIdsAndChallenges() throws IOException {
        int checked = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                getClass().getResourceAsStream("/porep/tv-rec.txt"), StandardCharsets.US_ASCII))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] f = line.trim().split("\\s+");
                long nodes = Long.parseLong(f[1]) / 32;
                byte[] porepId = Hex.decode(f[2], "porep_id");
                byte[] commD = Hex.decode(f[3], "comm_d");
                byte[] commR = Hex.decode(f[4], "comm_r");
                byte[] rid = ReplicaId.compute(PROVER, SECTOR, TICKET, commD, porepId);
                assertEquals(f[5], Hex.encode(rid), f[0]);
                PoRepFeature feature = PoRepFeature.valueOf(f[6]);
                int k = Integer.parseInt(f[7]);
                long[] expected = Arrays.stream(f[8].split(",")).mapToLong(Long::parseLong).toArray();
                assertArrayEquals(expected, PoRepChallenges.forPartition(feature, rid, commR, SEED, nodes, 2, k), f[0]);
                checked++;
            }
        }
        assertEquals(6, checked);
    }
}
