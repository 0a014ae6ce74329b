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

import static org.junit.jupiter.api.Assertions.assertEquals;

class ZeroCommitmentsTest {
    private static final Kernels CPU = TestJobs.CPU;
    private static final ZeroCommitments ZEROS = new ZeroCommitments(CPU);

    @ParameterizedTest(name = "Z_{0}")
    @CsvFileSource(resources = "/vectors/tv-zero.csv", numLinesToSkip = 1)
    void zeroCommitmentFunction(int level, String hex) {
        assertEquals(hex, Hex.encode(ZEROS.level(level)));
        assertEquals(hex, ZEROS.ofPaddedSize(32L << level).hex());
    }

    @Test
    void everySectorSizeHasItsEmptyCommD() {
        // TV-ZERO lists a value for every sector size; the size's tree height selects the level.
        for (SectorSize s : SectorSize.values()) {
            assertEquals(ZEROS.level(s.log2Nodes()).length, 32);
            assertEquals(Hex.encode(ZEROS.level(s.log2Nodes())), ZEROS.ofPaddedSize(s.bytes()).hex());
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
