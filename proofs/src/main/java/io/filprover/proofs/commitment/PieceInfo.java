package io.filprover.proofs.commitment;

import io.filprover.api.Commitment;
import io.filprover.api.InvalidInputException;
import io.filprover.api.UnpaddedPieceSize;

/** A piece's commitment and unpadded size, as deals and add_piece describe it. */
public record PieceInfo(Commitment commitment, UnpaddedPieceSize size) {

    /** Parses {@code CID_OR_HEX:unpaddedSize}; {@code field} names the argument in errors. */
    public static PieceInfo parse(String text, String field) {
        String t = text == null ? "" : text.trim();
        int colon = t.lastIndexOf(':');
        if (colon <= 0 || colon == t.length() - 1) {
            throw new InvalidInputException(field, "expected CID_OR_HEX:unpaddedSize, got '" + t + "'");
        }
        Commitment c = Commitment.parse(t.substring(0, colon), Commitment.Kind.UNSEALED, field);
        long size;
        try {
            size = Long.parseLong(t.substring(colon + 1).trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, "unpadded size is not a number: '" + t.substring(colon + 1) + "'");
        }
        try {
            return new PieceInfo(c, new UnpaddedPieceSize(size));
        } catch (InvalidInputException e) {
            throw new InvalidInputException(field, e.getMessage());
        }
    }
}
