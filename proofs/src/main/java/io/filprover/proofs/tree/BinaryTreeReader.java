package io.filprover.proofs.tree;

import io.filprover.proofs.merkle.MerkleProof;
import io.filprover.proofs.merkle.PathElement;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Inclusion proofs from a stored tree_d file ({@link BinaryTreeBuilder}'s layout). Thread-safe. */
public final class BinaryTreeReader {
    private final MappedFile file;
    private final long leaves;
    private final int height;

    public BinaryTreeReader(MappedFile file, long leaves) {
        if (file.length() != BinaryTreeBuilder.fileBytes(leaves)) {
            throw new IllegalArgumentException(file.path() + " has " + file.length() + " bytes; a tree_d of "
                    + leaves + " leaves has " + BinaryTreeBuilder.fileBytes(leaves));
        }
        this.file = file;
        this.leaves = leaves;
        this.height = Long.numberOfTrailingZeros(leaves);
    }

    public static BinaryTreeReader open(Path path, long leaves) throws IOException {
        return new BinaryTreeReader(MappedFile.openRead(path, BinaryTreeBuilder.fileBytes(leaves)), leaves);
    }

    public byte[] node(int row, long index) {
        return file.get(BinaryTreeBuilder.rowOffset(leaves, row) + index * 32, 32);
    }

    public byte[] root() {
        return node(height, 0);
    }

    public byte[] leaf(long c) {
        return node(0, c);
    }

    public MerkleProof prove(long c) {
        if (c < 0 || c >= leaves) {
            throw new IllegalArgumentException("leaf " + c + " outside [0, " + leaves + ")");
        }
        List<PathElement> path = new ArrayList<>(height);
        for (int r = 0; r < height; r++) {
            long i = c >>> r;
            path.add(new PathElement(List.of(node(r, i ^ 1)), i & 1));
        }
        return new MerkleProof(MerkleProof.Kind.SINGLE, path, List.of(), List.of(), root(), leaf(c));
    }
}
