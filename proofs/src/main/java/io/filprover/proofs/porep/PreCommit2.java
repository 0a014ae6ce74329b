package io.filprover.proofs.porep;

import io.filprover.api.SectorSize;
import io.filprover.api.job.JobContext;
import io.filprover.api.kernels.Kernels;
import io.filprover.bls12381.field.FrOps;
import io.filprover.proofs.merkle.PoseidonMerkleHasher;
import io.filprover.proofs.sdr.LayerFiles;
import io.filprover.proofs.tree.CacheFiles;
import io.filprover.proofs.tree.CompoundRoots;
import io.filprover.proofs.tree.FrLimbs;
import io.filprover.proofs.tree.LeafSource;
import io.filprover.proofs.tree.MappedFile;
import io.filprover.proofs.tree.SectorFilesException;
import io.filprover.proofs.tree.OctTreeBuilder;
import io.filprover.proofs.tree.OctTreeLayout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * PreCommit phase 2 (docs/spec/filecoin-porep-post.md §8): column hashes and tree_c, the encoding {@code replica =
 * key + data}
 * (key = last layer, data = tree_d's leaves) and tree_r_last, then comm_c, comm_r_last, comm_r and
 * {@code p_aux}. Everything is read and written through memory mappings; files are written under
 * {@code .tmp} names and renamed only when every one of them is complete, the replica last.
 *
 * <p>Stages recorded in the context's {@link io.filprover.api.job.StageTimes}: {@code tree_c} (the
 * column hashes and tree_c of every base tree, comm_c) and {@code tree_r_last} (the encoding of the
 * replica, fused with the building of tree_r_last over it, comm_r_last).
 */
public final class PreCommit2 {
    /** The commitments of a sealed sector. */
    public record Output(byte[] commC, byte[] commRLast, byte[] commR) {
    }

    static final int BATCH = 1024;

    private final JobContext ctx;
    private final Kernels kernels;

    /** PC2 on the job's backend and threads; the cancellation token is checked before each tree. */
    public PreCommit2(JobContext ctx) {
        this.ctx = ctx;
        this.kernels = ctx.kernels();
    }

    /**
     * @param rowsToDiscard tree_r_last rows above the leaves not stored (upstream default: {@link SectorSize#rowsToDiscard()})
     */
    public Output run(SectorSize size, int layers, Path cacheDir, Path replicaPath, int rowsToDiscard) throws IOException {
        long nodes = size.nodes();
        MappedFile[] labels = new MappedFile[layers];
        for (int l = 1; l <= layers; l++) {
            Path p = LayerFiles.path(cacheDir, l);
            if (!Files.isRegularFile(p)) {
                throw new SectorFilesException("cache directory " + cacheDir + " has no " + p.getFileName());
            }
            labels[l - 1] = MappedFile.openRead(p, nodes * 32);
        }
        Path treeD = CacheFiles.treeD(cacheDir);
        if (!Files.isRegularFile(treeD)) {
            throw new SectorFilesException("cache directory " + cacheDir + " has no " + treeD.getFileName());
        }
        MappedFile data = MappedFile.openRead(treeD, (2 * nodes - 1) * 32);

        int baseTrees = size.baseTreeCount();
        long baseLeaves = size.leavesPerBaseTree();
        List<Path[]> renames = new ArrayList<>();
        try {
            OctTreeBuilder builder = new OctTreeBuilder(kernels, ctx.pool());
            OctTreeLayout cLayout = new OctTreeLayout(baseLeaves, 0);
            byte[][] cRoots = new byte[baseTrees][];
            LeafSource columns = columnSource(labels);
            byte[] commC;
            try (var t = ctx.stageTimes().start("tree_c")) {
                for (int b = 0; b < baseTrees; b++) {
                    ctx.checkpoint();
                    Path target = cacheDir.resolve(CacheFiles.treeC(b, baseTrees));
                    MappedFile f = MappedFile.create(track(renames, target), cLayout.fileBytes());
                    cRoots[b] = builder.build(columns, b * baseLeaves, cLayout, f, ctx.progress(), label("tree_c", b, baseTrees));
                    f.force();
                }
                commC = CompoundRoots.root(size.shape(), cRoots);
            }

            byte[] commRLast;
            try (var t = ctx.stageTimes().start("tree_r_last")) {
                MappedFile replica = MappedFile.create(track(renames, replicaPath), nodes * 32);
                OctTreeLayout rLayout = OctTreeLayout.levelCache(baseLeaves, rowsToDiscard);
                byte[][] rRoots = new byte[baseTrees][];
                LeafSource encoded = encodingSource(labels[layers - 1], data, replica);
                for (int b = 0; b < baseTrees; b++) {
                    ctx.checkpoint();
                    Path target = cacheDir.resolve(CacheFiles.treeRLast(b, baseTrees));
                    MappedFile f = MappedFile.create(track(renames, target), rLayout.fileBytes());
                    rRoots[b] = builder.build(encoded, b * baseLeaves, rLayout, f, ctx.progress(), label("tree_r_last", b, baseTrees));
                    f.force();
                }
                replica.force();
                commRLast = CompoundRoots.root(size.shape(), rRoots);
            }
            byte[] commR = PoseidonMerkleHasher.commR(commC, commRLast);

            byte[] pAux = new byte[64];
            System.arraycopy(commC, 0, pAux, 0, 32);
            System.arraycopy(commRLast, 0, pAux, 32, 32);
            Files.write(track(renames, CacheFiles.pAux(cacheDir)), pAux);

            ctx.checkpoint();
            // the replica is renamed last: its presence means the cache is complete
            for (int i = renames.size() - 1; i >= 0; i--) {
                if (renames.get(i)[1].equals(replicaPath)) {
                    renames.add(renames.remove(i));
                    break;
                }
            }
            for (Path[] r : renames) {
                Files.move(r[0], r[1], StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            renames.clear();
            return new Output(commC, commRLast, commR);
        } finally {
            for (Path[] r : renames) {
                Files.deleteIfExists(r[0]);
            }
        }
    }

    private static String label(String tree, int b, int baseTrees) {
        return baseTrees == 1 ? tree : tree + " " + (b + 1) + "/" + baseTrees;
    }

    private static Path track(List<Path[]> renames, Path target) {
        Path tmp = CacheFiles.temp(target);
        renames.add(new Path[] {tmp, target});
        return tmp;
    }

    /** Column hashes C[v] = Poseidon_L(label_1[v] .. label_L[v]) (docs/spec/filecoin-porep-post.md §8.1), in batches through the kernels. */
    private LeafSource columnSource(MappedFile[] labels) {
        int layers = labels.length;
        return (first, count, out, off) -> {
            int batch = Math.min(BATCH, count);
            byte[] bytes = new byte[32 * batch];
            long[] layer = new long[4 * batch];
            long[] in = new long[4 * layers * batch];
            for (int done = 0; done < count; done += batch) {
                int n = Math.min(batch, count - done);
                for (int l = 0; l < layers; l++) {
                    labels[l].get((first + done) * 32, bytes, 0, 32 * n);
                    FrLimbs.toMontgomery(bytes, 0, layer, 0, n);
                    for (int i = 0; i < n; i++) {
                        System.arraycopy(layer, 4 * i, in, 4 * (i * layers + l), 4);
                    }
                }
                kernels.poseidonHashBatch(layers, in, 0, out, off + 4 * done, n);
            }
        };
    }

    /** Encoded nodes replica[v] = key[v] + data[v] mod r (docs/spec/filecoin-porep-post.md §8.2), also written to the replica file. */
    private static LeafSource encodingSource(MappedFile key, MappedFile data, MappedFile replica) {
        return (first, count, out, off) -> {
            int batch = Math.min(BATCH, count);
            byte[] bytes = new byte[32 * batch];
            long[] keys = new long[4 * batch];
            long[] scratch = new long[4];
            for (int done = 0; done < count; done += batch) {
                int n = Math.min(batch, count - done);
                long pos = (first + done) * 32;
                key.get(pos, bytes, 0, 32 * n);
                FrLimbs.toMontgomery(bytes, 0, keys, 0, n);
                data.get(pos, bytes, 0, 32 * n);
                int o = off + 4 * done;
                FrLimbs.toMontgomery(bytes, 0, out, o, n);
                for (int i = 0; i < n; i++) {
                    FrOps.add(out, o + 4 * i, out, o + 4 * i, keys, 4 * i);
                }
                FrLimbs.toBytes(out, o, bytes, 0, n, scratch);
                replica.put(pos, bytes, 0, 32 * n);
            }
        };
    }
}
