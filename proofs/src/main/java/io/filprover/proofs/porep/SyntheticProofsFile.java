package io.filprover.proofs.porep;

import io.filprover.api.job.WorkerPool;
import io.filprover.api.SectorSize;
import io.filprover.api.TreeShape;
import io.filprover.proofs.merkle.MerkleProof;
import io.filprover.proofs.merkle.PathElement;
import io.filprover.proofs.sdr.SdrGraph;
import io.filprover.proofs.tree.MappedFile;
import io.filprover.proofs.tree.SectorFilesException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code syn-porep-vanilla-proofs.dat} (docs/spec/filecoin-porep-post.md §11.3): root_d, root_c, root_r, then one
 * fixed-size
 * record per synthetic challenge (challenge, 14 parents, tree_d opening, the challenged column and
 * the 14 parent columns with their tree_c openings, the tree_r_last opening; path indices are
 * implied by the node index). Written after PC2 so labels and tree_c/tree_d may be dropped; at
 * commit time the selected records are read back as {@link ChallengeProof}s.
 */
public final class SyntheticProofsFile {
    private static final int HEADER = 96;

    private final SectorSize size;
    private final int layers;
    private final int dLevels;
    private final int baseLevels;
    private final int recordBytes;
    private final int rPathNodes;

    public SyntheticProofsFile(SectorSize size, int layers) {
        this.size = size;
        this.layers = layers;
        this.dLevels = size.log2Nodes();
        this.baseLevels = Long.numberOfTrailingZeros(size.leavesPerBaseTree()) / 3;
        TreeShape s = size.shape();
        this.rPathNodes = 1 + 7 * baseLevels + Math.max(0, s.subArity() - 1) + Math.max(0, s.topArity() - 1);
        this.recordBytes = 15 * 8 + 32 * ((1 + dLevels) + 15 * (layers + rPathNodes) + rPathNodes);
    }

    /** Bytes per record: 15·8 + 32·((1 + log2 N) + 15·(L + R) + R). */
    public int recordBytes() {
        return recordBytes;
    }

    public long fileBytes(long count) {
        return HEADER + count * recordBytes;
    }

    /** Writes the proofs of every synthetic challenge (min(N, 2^18) of them) to {@code file}. */
    public void write(SealedSector sector, SdrGraph graph, byte[] replicaId, byte[] commR, Path file, WorkerPool pool)
            throws IOException {
        long count = size.syntheticChallenges();
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            MappedFile out = MappedFile.create(tmp, fileBytes(count));
            byte[] header = new byte[HEADER];
            System.arraycopy(sector.commD(), 0, header, 0, 32);
            System.arraycopy(sector.commC(), 0, header, 32, 32);
            System.arraycopy(sector.commRLast(), 0, header, 64, 32);
            out.put(0, header, 0, HEADER);
            int batch = 256;
            pool.forEach((count + batch - 1) / batch, b -> {
                long first = b * batch;
                int n = (int) Math.min(batch, count - first);
                long[] challenges = PoRepChallenges.synthetic(replicaId, commR, size.nodes(), first, n);
                for (int i = 0; i < n; i++) {
                    byte[] rec = encode(Commit1.prove(sector, graph, challenges[i]));
                    out.put(HEADER + (first + i) * recordBytes, rec, 0, rec.length);
                }
            });
            out.force();
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The three roots in the file's header: comm_d, comm_c, comm_r_last. */
    public static byte[][] roots(MappedFile file) {
        byte[] h = file.get(0, HEADER);
        return new byte[][] {Arrays.copyOfRange(h, 0, 32), Arrays.copyOfRange(h, 32, 64), Arrays.copyOfRange(h, 64, 96)};
    }

    byte[] encode(ChallengeProof p) {
        ByteBuffer b = ByteBuffer.allocate(recordBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(p.challenge());
        for (ColumnProof c : p.drgParents()) {
            b.putLong(c.index());
        }
        for (ColumnProof c : p.expParents()) {
            b.putLong(c.index());
        }
        b.put(p.commDProof().leaf());
        for (PathElement e : p.commDProof().path()) {
            e.siblings().forEach(b::put);
        }
        putColumn(b, p.column());
        p.drgParents().forEach(c -> putColumn(b, c));
        p.expParents().forEach(c -> putColumn(b, c));
        putPath(b, p.commRLastProof());
        if (b.hasRemaining()) {
            throw new IllegalStateException("record has " + b.remaining() + " bytes left");
        }
        return b.array();
    }

    private static void putColumn(ByteBuffer b, ColumnProof c) {
        c.rows().forEach(b::put);
        putPath(b, c.treeCProof());
    }

    private static void putPath(ByteBuffer b, MerkleProof m) {
        b.put(m.leaf());
        for (PathElement e : m.path()) {
            e.siblings().forEach(b::put);
        }
    }

    /** Reads the proof of synthetic challenge {@code index} back from {@code file}. */
    public ChallengeProof read(MappedFile file, long index) throws SectorFilesException {
        long count = size.syntheticChallenges();
        if (file.length() != fileBytes(count)) {
            throw new SectorFilesException(file.path() + " has " + file.length() + " bytes, expected " + fileBytes(count));
        }
        byte[] header = file.get(0, HEADER);
        byte[] rootD = Arrays.copyOfRange(header, 0, 32);
        byte[] rootC = Arrays.copyOfRange(header, 32, 64);
        byte[] rootR = Arrays.copyOfRange(header, 64, 96);
        ByteBuffer b = ByteBuffer.wrap(file.get(HEADER + index * recordBytes, recordBytes)).order(ByteOrder.LITTLE_ENDIAN);
        long c = b.getLong();
        long[] parents = new long[SdrGraph.DEGREE];
        for (int i = 0; i < parents.length; i++) {
            parents[i] = b.getLong();
        }
        byte[] leafD = bytes(b);
        List<PathElement> dPath = new ArrayList<>();
        for (int k = 0; k < dLevels; k++) {
            dPath.add(new PathElement(List.of(bytes(b)), (c >>> k) & 1));
        }
        MerkleProof d = new MerkleProof(MerkleProof.Kind.SINGLE, dPath, List.of(), List.of(), rootD, leafD);
        ColumnProof column = readColumn(b, c, rootC);
        List<ColumnProof> drg = new ArrayList<>();
        List<ColumnProof> exp = new ArrayList<>();
        for (int i = 0; i < SdrGraph.DEGREE; i++) {
            (i < SdrGraph.BASE_DEGREE ? drg : exp).add(readColumn(b, parents[i], rootC));
        }
        MerkleProof r = readPath(b, c, rootR);
        List<LabelingProof> labeling = new ArrayList<>();
        for (int layer = 1; layer <= layers; layer++) {
            List<byte[]> values = new ArrayList<>();
            for (ColumnProof p : drg) {
                values.add(p.rows().get(layer - 1));
            }
            if (layer > 1) {
                for (ColumnProof p : exp) {
                    values.add(p.rows().get(layer - 2));
                }
            }
            labeling.add(new LabelingProof(layer, c, LabelFunction.repeatToTotal(values)));
        }
        LabelingProof encoding = new LabelingProof(layers, c, labeling.get(layers - 1).parents());
        return new ChallengeProof(c, d, column, drg, exp, r, labeling, encoding);
    }

    private ColumnProof readColumn(ByteBuffer b, long node, byte[] rootC) {
        List<byte[]> rows = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            rows.add(bytes(b));
        }
        return new ColumnProof(node, rows, readPath(b, node, rootC));
    }

    /** A tree_c / tree_r_last opening with indices derived from the node (docs/spec/filecoin-porep-post.md §8.5). */
    private MerkleProof readPath(ByteBuffer b, long node, byte[] root) {
        byte[] leaf = bytes(b);
        TreeShape s = size.shape();
        long baseLeaves = size.leavesPerBaseTree();
        long x = node % baseLeaves;
        List<PathElement> base = new ArrayList<>();
        for (int k = 0; k < baseLevels; k++) {
            base.add(new PathElement(siblings(b, 7), (x >>> (3 * k)) & 7));
        }
        long tree = node / baseLeaves;
        if (s.subArity() == 0) {
            return new MerkleProof(MerkleProof.Kind.SINGLE, base, List.of(), List.of(), root, leaf);
        }
        List<PathElement> sub = List.of(new PathElement(siblings(b, s.subArity() - 1), tree % s.subArity()));
        if (s.topArity() == 0) {
            return new MerkleProof(MerkleProof.Kind.SUB, base, sub, List.of(), root, leaf);
        }
        List<PathElement> top = List.of(new PathElement(siblings(b, s.topArity() - 1), tree / s.subArity()));
        return new MerkleProof(MerkleProof.Kind.TOP, base, sub, top, root, leaf);
    }

    private static List<byte[]> siblings(ByteBuffer b, int n) {
        List<byte[]> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(bytes(b));
        }
        return out;
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[32];
        b.get(out);
        return out;
    }
}
