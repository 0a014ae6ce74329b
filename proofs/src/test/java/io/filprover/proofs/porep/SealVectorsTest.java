package io.filprover.proofs.porep;

import io.filprover.api.Hex;
import io.filprover.api.SectorSize;
import io.filprover.bls12381.field.Fr;
import io.filprover.proofs.sdr.LayerFiles;
import io.filprover.proofs.tree.CacheFiles;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** All eight TV-SEAL seals (docs/spec/test-vectors.md, copied to resources/porep/tv-seal.txt): PC1 + PC2 end to end. */
class SealVectorsTest {
    @TempDir
    Path dir;

    static Map<String, String> vector(int size, String data) throws IOException {
        Map<String, String> out = new HashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                SealVectorsTest.class.getResourceAsStream("/porep/tv-seal.txt"), StandardCharsets.US_ASCII))) {
            String line;
            while ((line = r.readLine()) != null) {
                String[] f = line.trim().split("\\s+");
                if (!line.startsWith("#") && f.length == 4 && f[0].equals(Integer.toString(size)) && f[1].equals(data)) {
                    out.put(f[2], f[3]);
                }
            }
        }
        assertEquals(9, out.size(), "TV-SEAL-" + size + "-" + data + " fields");
        return out;
    }

    @ParameterizedTest
    @CsvSource({"2048,zeros", "2048,pattern", "4096,zeros", "4096,pattern", "16384,zeros", "16384,pattern",
        "32768,zeros", "32768,pattern"})
    void sealMatchesVector(int bytes, String data) throws IOException {
        SectorSize size = SectorSize.ofBytes(bytes);
        Map<String, String> v = vector(bytes, data);
        byte[] raw = data.equals("zeros") ? new byte[(int) size.unpaddedBytes()] : SealFixtures.pattern(size);
        byte[] prover = new byte[32];
        prover[0] = 1;
        byte[] ticket = new byte[32];
        Arrays.fill(ticket, (byte) 2);
        SealFixtures.Sealed s = SealFixtures.seal(size, raw, SealFixtures.identity(prover, 1, ticket, 5), 2, dir);

        assertEquals(v.get("comm_d"), Hex.encode(s.pc1().commD()), "comm_d");
        assertEquals(v.get("replica_id"), Hex.encode(s.pc1().replicaId()), "replica_id");
        byte[] l1 = Files.readAllBytes(LayerFiles.path(s.cache(), 1));
        byte[] l2 = Files.readAllBytes(LayerFiles.path(s.cache(), 2));
        assertEquals(v.get("label_l1_n0"), Hex.encode(Arrays.copyOfRange(l1, 0, 32)), "label_l1_n0");
        assertEquals(v.get("label_l1_n1"), Hex.encode(Arrays.copyOfRange(l1, 32, 64)), "label_l1_n1");
        assertEquals(v.get("last_label"), Hex.encode(Arrays.copyOfRange(l2, l2.length - 32, l2.length)), "last_label");
        assertEquals(v.get("comm_c"), Hex.encode(s.pc2().commC()), "comm_c");
        assertEquals(v.get("comm_r_last"), Hex.encode(s.pc2().commRLast()), "comm_r_last");
        assertEquals(v.get("comm_r"), Hex.encode(s.pc2().commR()), "comm_r");
        byte[] replica = Files.readAllBytes(s.replica());
        assertEquals(v.get("replica_node1"), Hex.encode(Arrays.copyOfRange(replica, 32, 64)), "replica_node1");

        // every replica node against an independent BigInteger sum key + data mod r
        // (docs/spec/filecoin-porep-post.md §8.2)
        byte[] treeD = Files.readAllBytes(CacheFiles.treeD(s.cache()));
        for (int node = 0; node < size.nodes(); node++) {
            BigInteger key = le(l2, node);
            BigInteger d = le(treeD, node);
            BigInteger expected = key.add(d).mod(Fr.MODULUS);
            assertEquals(expected, le(replica, node), "replica node " + node);
        }
        // p_aux = comm_c || comm_r_last; no temporary file is left behind
        byte[] pAux = Files.readAllBytes(CacheFiles.pAux(s.cache()));
        assertArrayEquals(s.pc2().commC(), Arrays.copyOfRange(pAux, 0, 32));
        assertArrayEquals(s.pc2().commRLast(), Arrays.copyOfRange(pAux, 32, 64));
        try (var files = Files.list(s.cache())) {
            assertFalse(files.anyMatch(p -> p.toString().endsWith(".tmp")), "temporary files left");
        }
        int b = size.baseTreeCount();
        for (int i = 0; i < b; i++) {
            assertTrue(Files.isRegularFile(s.cache().resolve(CacheFiles.treeC(i, b))));
            // rows_to_discard = 1 for 64-leaf base trees: only the root row is kept
            // (docs/spec/filecoin-porep-post.md §8.6)
            assertEquals(32, Files.size(s.cache().resolve(CacheFiles.treeRLast(i, b))));
            assertEquals((64 + 8 + 1) * 32, Files.size(s.cache().resolve(CacheFiles.treeC(i, b))));
        }
        assertEquals((2 * size.nodes() - 1) * 32, treeD.length);
    }

    static BigInteger le(byte[] b, int node) {
        byte[] be = new byte[33];
        for (int i = 0; i < 32; i++) {
            be[32 - i] = b[32 * node + i];
        }
        return new BigInteger(be);
    }
}
