package io.filprover.proofs.commitment;

import io.filprover.proofs.TestJobs;
import io.filprover.api.Commitment;
import io.filprover.api.InvalidInputException;
import io.filprover.api.kernels.Kernels;
import io.filprover.proofs.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PieceCommitmentsTest {
    private static final Kernels CPU = TestJobs.CPU;

    @ParameterizedTest(name = "{0}")
    @CsvFileSource(resources = "/vectors/tv-commp-fixed.csv", numLinesToSkip = 1)
    void fixedData(String name, String generator, int length, long padded, String commp) {
        byte[] raw = TestData.generate(generator, length);
        // the vector itself against the independent bit-by-bit reference, then the product against the vector
        assertEquals(commp, TestData.naiveCommP(raw), "vector row " + name + " vs the naive reference");
        PieceCommitments.Result r = new PieceCommitments(CPU, TestJobs.pool(2)).of(raw);
        assertEquals(commp, r.commP().hex());
        assertEquals(padded, r.paddedSize().bytes());
        assertEquals(length, r.inputBytes());
    }

    @Test
    void upstreamCommcidPiece127OfEach() {
        // go-fil-commcid commcid_test.go, fixture "127OfEach0-1-2-3": comm_p CID of 127 bytes each of 0, 1, 2, 3
        Commitment expected = Commitment.parse("baga6ea4seaqes3nobte6ezpp4wqan2age2s5yxcatzotcvobhgcmv5wi2xh5mbi",
                Commitment.Kind.UNSEALED, "cid");
        PieceCommitments.Result r = new PieceCommitments(CPU, TestJobs.pool(1)).of(TestData.generate("blocks127", 508));
        assertEquals(expected, r.commP());
        assertEquals(512, r.paddedSize().bytes());
        assertEquals(508, r.unpaddedSize().bytes());
    }

    @Test
    void randomFilesOfRandomSizesMatchTheNaiveWholeTree() throws IOException {
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        for (int t = 0; t < 60; t++) {
            int n = 1 + rnd.nextInt(t < 50 ? 20_000 : 300_000);
            byte[] raw = new byte[n];
            rnd.nextBytes(raw);
            int threads = 1 + rnd.nextInt(4);
            int chunk = 128 << rnd.nextInt(12); // many chunks, partial and all-zero tail chunks
            StreamingTreeHasher h = new StreamingTreeHasher(CPU, TestJobs.pool(threads), chunk);
            StreamingTreeHasher.Result r = h.pieceRoot(new ByteArrayInputStream(raw), StreamingTreeHasher.Progress.NONE);
            String where = "seed " + seed + " n " + n + " threads " + threads + " chunk " + chunk;
            assertEquals(TestData.naiveCommP(raw), io.filprover.api.Hex.encode(r.root()), where);
            assertEquals(n, r.bytesRead(), where);
        }
    }

    @Test
    void progressReportsEveryByte() throws IOException {
        byte[] raw = new byte[1 << 20];
        new Random(7).nextBytes(raw);
        long[] last = {0};
        new PieceCommitments(new StreamingTreeHasher(CPU, TestJobs.pool(2), 1 << 14))
                .of(new ByteArrayInputStream(raw), bytes -> last[0] = bytes);
        assertEquals(raw.length, last[0]);
    }

    @Test
    void emptyInputIsRejected() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new PieceCommitments(CPU, TestJobs.pool(1)).of(new byte[0]));
        assertEquals("input is empty", e.getMessage());
    }

    @Test
    void truncatedPaddedInputIsRejected() {
        StreamingTreeHasher h = new StreamingTreeHasher(CPU, TestJobs.pool(1), 1024);
        assertThrows(InvalidInputException.class, () -> h.paddedRoot(new ByteArrayInputStream(new byte[3000]), 4096,
                StreamingTreeHasher.Progress.NONE));
    }
}
