package io.filprover.proofs.merkle.circuit;

import io.filprover.bls12381.field.Fr;
import io.filprover.proofs.merkle.MerkleHasher;
import io.filprover.proofs.merkle.MerkleProof;
import io.filprover.proofs.merkle.PathElement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Test helper: a compound Merkle tree of any shape held in memory, built with a vanilla
 * {@link MerkleHasher} the way merkletree lays compound trees out (base trees over consecutive
 * leaf ranges, sub-tree roots over groups of base roots, top root over the sub roots), and its
 * inclusion proofs as {@link MerkleProof}s.
 */
public final class MemoryTree {
    final PorCircuit.Shape shape;
    final MerkleHasher hasher;
    final byte[][] leaves;
    /** rows[b][r] = row r (0 = leaves) of base tree b. */
    final byte[][][][] rows;
    final byte[][] baseRoots;
    final byte[][] subRoots;
    public final byte[] root;

    MemoryTree(PorCircuit.Shape shape, MerkleHasher hasher, byte[][] leaves) {
        this.shape = shape;
        this.hasher = hasher;
        this.leaves = leaves;
        int count = shape.baseTreeCount();
        int perBase = leaves.length / count;
        int levels = shape.baseLevels(leaves.length);
        rows = new byte[count][levels + 1][][];
        baseRoots = new byte[count][];
        for (int b = 0; b < count; b++) {
            rows[b][0] = Arrays.copyOfRange(leaves, b * perBase, (b + 1) * perBase);
            for (int r = 1; r <= levels; r++) {
                rows[b][r] = hashRow(rows[b][r - 1], shape.base());
            }
            baseRoots[b] = rows[b][levels][0];
        }
        if (shape.sub() == 0) {
            subRoots = null;
            root = baseRoots[0];
        } else {
            subRoots = hashRow(baseRoots, shape.sub());
            root = shape.top() == 0 ? subRoots[0] : hashRow(subRoots, shape.top())[0];
        }
    }

    /** Random reduced field elements as leaves. */
    public static MemoryTree random(PorCircuit.Shape shape, MerkleHasher hasher, int leafCount, Random rnd) {
        byte[][] leaves = new byte[leafCount][];
        for (int i = 0; i < leafCount; i++) {
            leaves[i] = Fr.random(rnd).toBytesLE();
        }
        return new MemoryTree(shape, hasher, leaves);
    }

    private byte[][] hashRow(byte[][] row, int arity) {
        byte[][] out = new byte[row.length / arity][];
        for (int i = 0; i < out.length; i++) {
            out[i] = hasher.hash(Arrays.copyOfRange(row, i * arity, (i + 1) * arity));
        }
        return out;
    }

    private static PathElement element(byte[][] row, int index, int arity) {
        int start = index / arity * arity;
        List<byte[]> siblings = new ArrayList<>(arity - 1);
        for (int i = start; i < start + arity; i++) {
            if (i != index) {
                siblings.add(row[i]);
            }
        }
        return new PathElement(siblings, index % arity);
    }

    public MerkleProof proof(int challenge) {
        int perBase = leaves.length / shape.baseTreeCount();
        int tree = challenge / perBase;
        int local = challenge % perBase;
        List<PathElement> base = new ArrayList<>();
        for (int r = 0; r + 1 < rows[tree].length; r++) {
            base.add(element(rows[tree][r], local, shape.base()));
            local /= shape.base();
        }
        List<PathElement> sub = shape.sub() == 0 ? List.of() : List.of(element(baseRoots, tree, shape.sub()));
        List<PathElement> top = shape.top() == 0 ? List.of() : List.of(element(subRoots, tree / shape.sub(), shape.top()));
        MerkleProof.Kind kind = shape.top() != 0 ? MerkleProof.Kind.TOP
                : shape.sub() != 0 ? MerkleProof.Kind.SUB : MerkleProof.Kind.SINGLE;
        return new MerkleProof(kind, base, sub, top, root, leaves[challenge]);
    }
}
