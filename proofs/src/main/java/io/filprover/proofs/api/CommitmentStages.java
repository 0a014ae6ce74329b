package io.filprover.proofs.api;

import io.filprover.api.Commitment;
import io.filprover.api.SectorSize;
import io.filprover.api.job.JobContext;
import io.filprover.proofs.commitment.DataCommitment;
import io.filprover.proofs.commitment.PieceCommitments;
import io.filprover.proofs.commitment.PieceInfo;
import io.filprover.proofs.commitment.StreamingTreeHasher;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** The commitment stages of the proving API: comm_p of a piece and comm_d of a sector's pieces. */
public final class CommitmentStages {
    private CommitmentStages() {
    }

    /**
     * comm_p of the raw piece read from {@code raw} to its end (zero-filled to the next 127·2^k
     * bytes, as Lotus pads pieces), on the job's backend and threads; {@code progress} is told the
     * bytes read so far.
     */
    public static PieceCommitments.Result commP(InputStream raw, JobContext ctx, StreamingTreeHasher.Progress progress)
            throws IOException {
        return new PieceCommitments(ctx.kernels(), ctx.pool()).of(raw, progress);
    }

    /** comm_d of a sector holding {@code pieces} in order, validated against the sector before any hashing. */
    public static Commitment commD(SectorSize size, List<PieceInfo> pieces, JobContext ctx) {
        return new DataCommitment(ctx.kernels()).compute(size, pieces);
    }
}
