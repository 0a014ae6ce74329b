package io.filprover.proofs.commitment;

import io.filprover.proofs.TestJobs;
import io.filprover.api.Hex;
import io.filprover.api.SectorSize;
import io.filprover.api.kernels.Kernels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

class ZeroCommitmentsTest {
    private static final Kernels CPU = TestJobs.CPU;
    private static final ZeroCommitments ZEROS = new ZeroCommitments(CPU);

    @ParameterizedTest(name = "Z_{1} ({0} bytes)")
    @CsvFileSource(resources = "/vectors/tv-zero.csv", numLinesToSkip = 1)
    void zeroCommitmentFunction(long bytes, int level, String hex) {
        assertEquals(32L << level, bytes, "the vector row's size and level disagree");
        assertEquals(hex, Hex.encode(ZEROS.level(level)));
        assertEquals(hex, ZEROS.ofPaddedSize(bytes).hex());
    }

    /** TV-ZERO's rows, region size in bytes -> Z_i hex, read from the test resource. */
    static Map<Long, String> tvZero() throws IOException {
        Map<Long, String> rows = new TreeMap<>();
        try (InputStream in = ZeroCommitmentsTest.class.getResourceAsStream("/vectors/tv-zero.csv")) {
            assertNotNull(in, "vectors/tv-zero.csv");
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                if (line.isBlank() || line.startsWith("#") || line.startsWith("bytes,")) {
                    continue;
                }
                String[] f = line.strip().split(",");
                rows.put(Long.parseLong(f[0]), f[2]);
            }
        }
        return rows;
    }

    @Test
    void everySectorSizeHasItsEmptyCommD() throws IOException {
        // TV-ZERO lists a value for every sector size: the empty sector's comm_d must be that row's value.
        Map<Long, String> tv = tvZero();
        assertEquals(17, tv.size(), "TV-ZERO has 17 rows");
        for (SectorSize s : SectorSize.values()) {
            String expected = tv.get(s.bytes());
            assertNotNull(expected, "TV-ZERO has no row for " + s);
            assertEquals(expected, ZEROS.ofPaddedSize(s.bytes()).hex(), s.toString());
            assertEquals(expected, Hex.encode(ZEROS.level(s.log2Nodes())), s + " by its tree height");
        }
    }

    /** An input stream of n zero bytes that allocates nothing. */
    static InputStream zeros(long n) {
        return new InputStream() {
            long left = n;

            @Override
            public int read() {
                if (left == 0) {
                    return -1;
                }
                left--;
                return 0;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left == 0) {
                    return -1;
                }
                int k = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + k, (byte) 0);
                left -= k;
                return k;
            }
        };
    }

    @Test
    void realZeroBytes2KiBAnd8MiB() throws IOException {
        // TV-ZERO 2 KiB (upstream literal) and 8 MiB (derived), this time by hashing actual zero bytes:
        // once as a padded sector (tree_d) and once as a raw piece through Fr32 padding.
        StreamingTreeHasher h = new StreamingTreeHasher(CPU, TestJobs.pool(2), 1 << 16);
        assertEquals("fc7e928296e516faade986b28f92d44a4f24b935485223376a799027bc18f833",
                Hex.encode(h.paddedRoot(zeros(2048), 2048, StreamingTreeHasher.Progress.NONE).root()));
        assertEquals("fc7e928296e516faade986b28f92d44a4f24b935485223376a799027bc18f833",
                Hex.encode(h.pieceRoot(zeros(2032), StreamingTreeHasher.Progress.NONE).root()));
        assertEquals("65f29e5d98d246c38b388cfc06db1f6b021303c5a289000bdce832a9c3ec421c",
                Hex.encode(h.paddedRoot(zeros(8 << 20), 8 << 20, StreamingTreeHasher.Progress.NONE).root()));
        assertEquals("65f29e5d98d246c38b388cfc06db1f6b021303c5a289000bdce832a9c3ec421c",
                Hex.encode(h.pieceRoot(zeros((8 << 20) / 128 * 127), StreamingTreeHasher.Progress.NONE).root()));
    }
}
