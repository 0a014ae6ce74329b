package io.filprover.proofs.porep;

import io.filprover.proofs.TestJobs;
import io.filprover.api.PoRepFeature;
import io.filprover.api.RegisteredSealProof;
import io.filprover.api.SectorSize;
import io.filprover.proofs.sdr.LabelHashFloor;
import io.filprover.api.job.ProgressSink;
import io.filprover.proofs.sdr.SdrLabeler;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A full 512 MiB seal (PC1, PC2, C1 + verification) on random data under the surefire heap limit
 * (-Xmx4g): the trees live in mapped files, never in heap. Prints the time of every stage.
 *
 * <p>Measured on the shared 2-core development machine (bench/RESULTS.md §3): with the labeler on
 * one thread, tree_d 5.4 / 6.6 s, parent cache 122.8 / 130.4 s, labels 50.7 / 56.5 s (55 / 51 % of
 * MessageDigest's rate on 1,248-byte messages), PC2 21.7 / 20.4 min, C1 0.4 / 0.6 s; with the
 * parent producer (as PreCommit1 labels on two threads), labels 44.2 s (70.1 %), PC2 20.9 min;
 * about 25 minutes in all. Tagged
 * "huge" (run with {@code mvn test -Phuge -pl proofs -Dtest=Seal512MibSlowTest}) so that CI's slow
 * suite stays within its time budget.
 */
@Tag("huge")
class Seal512MibSlowTest {
    @TempDir
    Path dir;

    @Test
    void seal512MiB() throws IOException {
        long seedValue = new Random().nextLong();
        Random rnd = new Random(seedValue);
        SectorSize size = SectorSize.SIZE_512MIB;
        RegisteredSealProof proof = RegisteredSealProof.STACKED_DRG_512MIB_V1_1;
        byte[] prover = new byte[32];
        rnd.nextBytes(prover);
        prover[31] &= 0x3f;
        byte[] ticket = new byte[32];
        rnd.nextBytes(ticket);
        byte[] seed = new byte[32];
        rnd.nextBytes(seed);
        PreCommit1.SectorIdentity id = new PreCommit1.SectorIdentity(prover, rnd.nextLong() >>> 1, ticket,
                proof.porepId(), proof.apiVersion());
        int threads = Runtime.getRuntime().availableProcessors();
        Path cache = dir.resolve("cache");
        Path replica = dir.resolve("sealed");
        long maxHeap = Runtime.getRuntime().maxMemory();
        StringBuilder report = new StringBuilder("512 MiB seal, " + threads + " threads, max heap "
                + (maxHeap >> 20) + " MiB, random seed " + seedValue + "\n");

        long t0 = System.nanoTime();
        PreCommit1 pc1 = new PreCommit1(TestJobs.context(SealFixtures.CPU, threads, PROGRESS));
        byte[] commD;
        try (InputStream data = new RandomStream(rnd.nextLong(), size.unpaddedBytes())) {
            commD = pc1.buildTreeD(size, data, cache);
        }
        long t1 = System.nanoTime();
        stage(report, "PC1 tree_d", t0, t1);
        byte[] replicaId = io.filprover.proofs.sdr.ReplicaId.compute(prover, id.sectorId(), ticket, commD, proof.porepId());
        io.filprover.proofs.sdr.SdrGraph graph = new io.filprover.proofs.sdr.SdrGraph(size.nodes(), proof.porepId(),
                proof.apiVersion());
        io.filprover.proofs.sdr.ParentCache parents = io.filprover.proofs.sdr.ParentCache.obtain(graph,
                dir.resolve("parents"), TestJobs.pool(threads), false, PROGRESS);
        long t2 = System.nanoTime();
        stage(report, "PC1 parent cache", t1, t2);
        SdrLabeler labeler = pc1.labeler(parents, 2);
        labeler.label(replicaId, cache);
        long t3 = System.nanoTime();
        stage(report, "PC1 labels (2 layers, " + labeler.mode() + ")", t2, t3);
        double labelNs = (t3 - t2) / (2.0 * size.nodes());
        double digestNs = LabelHashFloor.nanosPerMessage(LabelHashFloor.MESSAGE_BYTES, 1 << 20);
        report.append(String.format("PC1 %.1f ns per label (%.0f labels/s); MessageDigest, one 1,248-byte message: "
                + "%.1f ns; label rate / MessageDigest rate = %.1f %%%n", labelNs, 1e9 / labelNs, digestNs,
                100 * digestNs / labelNs));
        PreCommit2.Output out2 = new PreCommit2(TestJobs.context(SealFixtures.CPU, threads, PROGRESS))
                .run(size, 2, cache, replica, size.rowsToDiscard());
        long t4 = System.nanoTime();
        stage(report, "PC2 (tree_c, encoding, tree_r_last)", t3, t4);
        SealedSector sector = SealedSector.open(size, 2, cache, replica, SealFixtures.CPU);
        Commit1.Output c1 = Commit1.run(sector, id, PoRepFeature.NONE, seed);
        long t5 = System.nanoTime();
        stage(report, "C1 (vanilla proofs)", t4, t5);
        PoRepVerifier.Result r = PoRepVerifier.verify(c1);
        long t6 = System.nanoTime();
        stage(report, "C1 verification", t5, t6);
        report.append("comm_r ").append(io.filprover.api.Hex.encode(out2.commR())).append('\n');
        System.out.print(report);
        Files.writeString(Path.of("target", "seal-512mib-times.txt"), report, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING);
        assertTrue(r.valid(), "seed " + seedValue + ": " + r.reason());
    }

    /** Prints each task's progress in 10 % steps (the run takes tens of minutes). */
    private static final ProgressSink PROGRESS = new ProgressSink() {
        private String lastTask;
        private long lastTenth = -1;

        @Override
        public synchronized void progress(String task, long done, long total) {
            long tenth = total == 0 ? 10 : done * 10 / total;
            if (!task.equals(lastTask) || tenth != lastTenth) {
                lastTask = task;
                lastTenth = tenth;
                System.out.printf("  %s: %d %%%n", task, tenth * 10);
            }
        }
    };

    private static void stage(StringBuilder report, String name, long from, long to) {
        report.append(String.format("%-40s %8.1f s%n", name, (to - from) / 1e9));
        System.out.printf("%-40s %8.1f s%n", name, (to - from) / 1e9);
    }

    /** Pseudo-random bytes of a given length without holding them in heap. */
    static final class RandomStream extends InputStream {
        private final Random rnd;
        private long left;

        RandomStream(long seed, long length) {
            this.rnd = new Random(seed);
            this.left = length;
        }

        @Override
        public int read() {
            if (left == 0) {
                return -1;
            }
            left--;
            return rnd.nextInt(256);
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left == 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            byte[] tmp = new byte[n];
            rnd.nextBytes(tmp);
            System.arraycopy(tmp, 0, b, off, n);
            left -= n;
            return n;
        }
    }
}
