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

/**
 * The commitment stages of the proving API: comm_p of a piece and comm_d of a sector's pieces. Their
 * wall time goes to the context's {@link io.filprover.api.job.StageTimes}: {@code tree_hashing} for
 * comm_p (one streaming pass that reads, Fr32-pads and hashes the piece) and {@code comm_d}.
 */
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
        return commP(raw, -1, ctx, progress);
    }

    /**
     * As above, for an input known to hold {@code knownBytes} bytes (≤ 0: unknown, e.g. a pipe). A
     * piece smaller than one default chunk is hashed in buffers of its own padded size: the default
     * 1 MiB buffers, zero-filled per thread, made every tiny comm_p allocate megabytes (under the
     * service's load their GC pauses set the p99). The chunk size never changes the root.
     */
    public static PieceCommitments.Result commP(InputStream raw, long knownBytes, JobContext ctx,
                                                StreamingTreeHasher.Progress progress) throws IOException {
        int chunk = StreamingTreeHasher.DEFAULT_CHUNK_PADDED;
        if (knownBytes > 0 && knownBytes < chunk / 128 * 127) {
            chunk = 128;
            while ((long) chunk / 128 * 127 < knownBytes) {
                chunk <<= 1;
            }
        }
        PieceCommitments commitments = new PieceCommitments(new StreamingTreeHasher(ctx.kernels(), ctx.pool(), chunk));
        return ctx.stageTimes().time("tree_hashing", () -> commitments.of(raw, progress));
    }

    /** comm_d of a sector holding {@code pieces} in order, validated against the sector before any hashing. */
    public static Commitment commD(SectorSize size, List<PieceInfo> pieces, JobContext ctx) {
        return ctx.stageTimes().time("comm_d", () -> new DataCommitment(ctx.kernels()).compute(size, pieces));
    }
}
