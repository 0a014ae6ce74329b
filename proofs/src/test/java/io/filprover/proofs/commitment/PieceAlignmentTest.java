package io.filprover.proofs.commitment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PieceAlignmentTest {
    @ParameterizedTest(name = "written {0}, piece {1}")
    @CsvFileSource(resources = "/vectors/tv-alignment.csv", numLinesToSkip = 1)
    void upstreamAlignmentTable(long written, long piece, long left, long right) {
        assertEquals(new PieceAlignment(left, right), PieceAlignment.of(written, piece));
    }

    @Test
    void upstreamPieceStartBytes() {
        // rust-fil-proofs filecoin-proofs/tests/pieces.rs test_get_piece_start_byte: pieces 31, 32, 33 -> 0, 127, 254
        long[] pieces = {31, 32, 33};
        assertEquals(0, PieceAlignment.startByte(new long[0], pieces[0]));
        assertEquals(127, PieceAlignment.startByte(new long[] {31}, pieces[1]));
        assertEquals(254, PieceAlignment.startByte(new long[] {31, 32}, pieces[2]));
    }
}
