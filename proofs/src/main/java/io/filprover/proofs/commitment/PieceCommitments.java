package io.filprover.proofs.commitment;

import io.filprover.api.Commitment;
import io.filprover.api.PaddedPieceSize;
import io.filprover.api.UnpaddedPieceSize;
import io.filprover.api.job.WorkerPool;
import io.filprover.api.kernels.Kernels;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** comm_p of raw pieces (docs/spec/filecoin-porep-post.md §2.2), streaming, multi-threaded over subtrees. */
public final class PieceCommitments {
    /** A piece commitment with its sizes and how many input bytes were read. */
    public record Result(Commitment commP, PaddedPieceSize paddedSize, UnpaddedPieceSize unpaddedSize, long inputBytes) {
    }

    private final StreamingTreeHasher hasher;

    public PieceCommitments(Kernels kernels, WorkerPool pool) {
        this.hasher = new StreamingTreeHasher(kernels, pool);
    }

    public PieceCommitments(StreamingTreeHasher hasher) {
        this.hasher = hasher;
    }

    /**
     * Reads {@code raw} to its end; the input is zero-filled to the next 127·2^k bytes, as Lotus'
     * pad reader does, then Fr32-padded and hashed. Rejects an empty input.
     */
    public Result of(InputStream raw, StreamingTreeHasher.Progress progress) throws IOException {
        StreamingTreeHasher.Result r = hasher.pieceRoot(raw, progress);
        PaddedPieceSize padded = new PaddedPieceSize(r.paddedSize());
        return new Result(Commitment.of(r.root()), padded, padded.unpadded(), r.bytesRead());
    }

    public Result of(byte[] raw) {
        try {
            return of(new ByteArrayInputStream(raw), StreamingTreeHasher.Progress.NONE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
