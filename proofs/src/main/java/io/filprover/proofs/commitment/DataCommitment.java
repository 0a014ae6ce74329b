package io.filprover.proofs.commitment;

import io.filprover.api.Commitment;
import io.filprover.api.InvalidInputException;
import io.filprover.api.SectorSize;
import io.filprover.api.UnpaddedPieceSize;
import io.filprover.api.kernels.Kernels;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * comm_d of a sector from its pieces (docs/spec/filecoin-porep-post.md §2.4, rust-fil-proofs compute_comm_d): the
 * root of the
 * binary tree over the sector with each piece at its aligned offset and zeros elsewhere, computed
 * from piece commitments alone with a stack.
 */
public final class DataCommitment {
    private final Kernels kernels;
    private final ZeroCommitments zeros;

    public DataCommitment(Kernels kernels) {
        this(kernels, new ZeroCommitments(kernels));
    }

    public DataCommitment(Kernels kernels, ZeroCommitments zeros) {
        this.kernels = kernels;
        this.zeros = zeros;
    }

    /** comm_d of {@code pieces} in order in a sector of {@code sectorSize}; validates sizes first. */
    public Commitment compute(SectorSize sectorSize, List<PieceInfo> pieces) {
        return compute(sectorSize.bytes(), pieces);
    }

    /** As {@link #compute(SectorSize, List)} for any power-of-two padded sector size. */
    public Commitment compute(long sectorBytes, List<PieceInfo> pieces) {
        validate(sectorBytes, pieces);
        if (pieces.isEmpty()) {
            return zeros.ofPaddedSize(sectorBytes);
        }
        Deque<Entry> stack = new ArrayDeque<>();
        stack.push(new Entry(pieces.get(0).commitment().bytes(), paddedOf(pieces.get(0))));
        for (int i = 1; i < pieces.size(); i++) {
            PieceInfo p = pieces.get(i);
            long size = paddedOf(p);
            while (stack.peek().padded < size) {
                pushZeroAndReduce(stack);
            }
            stack.push(new Entry(p.commitment().bytes(), size));
            reduce(stack);
        }
        while (stack.size() > 1) {
            pushZeroAndReduce(stack);
        }
        Entry root = stack.pop();
        // Pieces smaller than the sector leave the top of the tree to zero padding.
        byte[] c = root.comm;
        for (long size = root.padded; size < sectorBytes; size <<= 1) {
            c = hash(c, zeros.bytesAt(Long.numberOfTrailingZeros(size / 32)));
        }
        return Commitment.of(c);
    }

    /** Checks the piece list against the sector before any hashing (docs/spec/filecoin-porep-post.md §2.4 preconditions). */
    public static void validate(long sectorBytes, List<PieceInfo> pieces) {
        long written = 0;
        long maxPieces = sectorBytes / 128;
        if (pieces.size() > maxPieces) {
            throw new InvalidInputException("pieces", pieces.size() + " pieces cannot fit a " + sectorBytes
                    + "-byte sector (at most " + maxPieces + ")");
        }
        long unpaddedCapacity = sectorBytes / 128 * 127;
        for (int i = 0; i < pieces.size(); i++) {
            long u = pieces.get(i).size().bytes();
            if (u > unpaddedCapacity) {
                throw new InvalidInputException("pieces", "piece " + (i + 1) + " (" + u + " unpadded bytes) is larger than the "
                        + sectorBytes + "-byte sector (" + unpaddedCapacity + " unpadded bytes)");
            }
            written += PieceAlignment.of(written, u).alignedBytes(u);
            if (written > unpaddedCapacity) {
                throw new InvalidInputException("pieces", "pieces 1.." + (i + 1) + " need " + written
                        + " unpadded bytes with alignment; the sector holds " + unpaddedCapacity);
            }
        }
    }

    private static long paddedOf(PieceInfo p) {
        UnpaddedPieceSize u = p.size();
        return u.padded().bytes();
    }

    private void pushZeroAndReduce(Deque<Entry> stack) {
        long size = stack.peek().padded;
        stack.push(new Entry(zeros.bytesAt(Long.numberOfTrailingZeros(size / 32)).clone(), size));
        reduce(stack);
    }

    private void reduce(Deque<Entry> stack) {
        while (stack.size() >= 2) {
            Entry right = stack.pop();
            Entry left = stack.peek();
            if (left.padded != right.padded) {
                stack.push(right);
                return;
            }
            stack.pop();
            stack.push(new Entry(hash(left.comm, right.comm), 2 * left.padded));
        }
    }

    private byte[] hash(byte[] left, byte[] right) {
        byte[] pair = new byte[64];
        System.arraycopy(left, 0, pair, 0, 32);
        System.arraycopy(right, 0, pair, 32, 32);
        byte[] out = new byte[32];
        kernels.sha256Trunc254Pairs(pair, 0, out, 0, 1);
        return out;
    }

    private record Entry(byte[] comm, long padded) {
    }
}
