package io.filprover.cli;

import io.filprover.api.job.ProgressSink;
import io.filprover.api.job.JobContext;
import io.filprover.api.Commitment;
import io.filprover.api.InvalidInputException;
import io.filprover.api.SectorSize;
import io.filprover.api.kernels.Kernels;
import io.filprover.proofs.commitment.DataCommitment;
import io.filprover.proofs.commitment.PieceAlignment;
import io.filprover.proofs.commitment.PieceCommitments;
import io.filprover.proofs.commitment.PieceInfo;
import io.filprover.proofs.commitment.StreamingTreeHasher;
import io.filprover.proofs.fr32.Fr32;
import io.filprover.proofs.fr32.Fr32PaddingInputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/**
 * {@code filprover demo}: the commitment pipeline end to end on generated data. Generates pieces,
 * computes each comm_p, assembles comm_d from the piece commitments, then lays the pieces out as
 * add_piece would and hashes the whole staged sector (tree_d) to check that both roots agree.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs the commitment pipeline on generated data and prints the results.", "Computes comm_p of random pieces, comm_d from the piece list, and tree_d over the staged sector, which must equal comm_d."})
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--sector-size", defaultValue = "8MiB", paramLabel = "S",
            description = "Sector size, up to 1GiB (default: ${DEFAULT-VALUE}).")
    String sectorSize;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the generated data (default: random, printed).")
    Long seed;

    @Mixin
    OutputOptions output = new OutputOptions();

    @Mixin
    KernelOptions kernelOptions = new KernelOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        SectorSize size = SectorSize.parse(sectorSize);
        if (size.bytes() > (1L << 30)) {
            throw new InvalidInputException("--sector-size", "the demo generates its data and runs up to 1GiB; got " + size);
        }
        long s = seed != null ? seed : new SplittableRandom().nextLong();
        try (JobContext ctx = kernelOptions.open(ProgressSink.NONE, null)) {
            return demo(ctx, size, s);
        }
    }

    private int demo(JobContext ctx, SectorSize size, long s) throws IOException {
        Kernels kernels = ctx.kernels();
        int threads = ctx.threads();
        PrintWriter out = spec.commandLine().getOut();
        if (!output.json) {
            out.printf("filprover demo: %s sector, backend %s, %d threads, seed %d%n", size, kernels.backendName(), threads, s);
        }
        List<long[]> layout = plan(size, new SplittableRandom(s)); // {rawBytes, pieceUnpadded}
        PieceCommitments commP = new PieceCommitments(kernels, ctx.pool());
        List<PieceInfo> pieces = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < layout.size(); i++) {
            long[] p = layout.get(i);
            PieceCommitments.Result r = commP.of(pieceData(s, i, p[0]), StreamingTreeHasher.Progress.NONE);
            pieces.add(new PieceInfo(r.commP(), r.unpaddedSize()));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("piece", i + 1);
            m.put("data_bytes", p[0]);
            m.put("unpadded_size", r.unpaddedSize().bytes());
            m.put("padded_size", r.paddedSize().bytes());
            m.put("comm_p", r.commP().hex());
            m.put("cid", r.commP().toCid(Commitment.Kind.UNSEALED));
            if (output.json) {
                out.println(Json.line(m));
            } else {
                out.printf("  piece %d: %,d bytes of data -> piece %,d B (padded %,d B)%n    comm_p %s%n", i + 1, p[0],
                        r.unpaddedSize().bytes(), r.paddedSize().bytes(), m.get("cid"));
            }
        }
        Commitment commD = new DataCommitment(kernels).compute(size, pieces);
        byte[] treeD = new StreamingTreeHasher(kernels, ctx.pool())
                .paddedRoot(stagedSector(s, size, layout), size.bytes(), StreamingTreeHasher.Progress.NONE).root();
        boolean agree = Commitment.of(treeD).equals(commD);
        double seconds = (System.nanoTime() - started) / 1e9;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sector_size", size.bytes());
        m.put("pieces", pieces.size());
        m.put("comm_d", commD.hex());
        m.put("cid", commD.toCid(Commitment.Kind.UNSEALED));
        m.put("tree_d_root", Commitment.of(treeD).hex());
        m.put("tree_d_matches_comm_d", agree);
        m.put("backend", kernels.backendName());
        m.put("seconds", Math.round(seconds * 1000) / 1000.0);
        if (output.json) {
            out.println(Json.line(m));
        } else {
            out.printf("  comm_d from the piece list  %s%n    (%s)%n", commD.hex(), m.get("cid"));
            out.printf("  tree_d over staged sector   %s  %s%n", Commitment.of(treeD).hex(), agree ? "(matches)" : "(MISMATCH)");
            out.printf("  %.3f s%n", seconds);
        }
        out.flush();
        return agree ? 0 : Main.EXIT_FAILURE;
    }

    /** Up to four pieces of random sizes that fit the sector with alignment. */
    private static List<long[]> plan(SectorSize size, SplittableRandom rnd) {
        long capacity = size.unpaddedBytes();
        int maxShift = Long.numberOfTrailingZeros(size.bytes() / 128);
        List<long[]> layout = new ArrayList<>();
        long written = 0;
        for (int i = 0; i < 4; i++) {
            int shift = Math.max(0, maxShift - 1 - rnd.nextInt(Math.min(4, maxShift) + 1));
            long piece = 127L << shift;
            PieceAlignment al = PieceAlignment.of(written, piece);
            if (written + al.alignedBytes(piece) > capacity) {
                break;
            }
            long data = piece / 2 + 1 + rnd.nextLong(piece / 2); // zero-filled up to the piece size
            layout.add(new long[] {data, piece});
            written += al.alignedBytes(piece);
        }
        return layout;
    }

    private static InputStream pieceData(long seed, int index, long length) {
        SplittableRandom rnd = new SplittableRandom(seed * 31 + index);
        return new InputStream() {
            long left = length;

            @Override
            public int read() {
                return left-- > 0 ? rnd.nextInt(256) : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                for (int i = 0; i < n; i++) {
                    b[off + i] = (byte) rnd.nextInt(256);
                }
                left -= n;
                return n;
            }
        };
    }

    /** The staged sector as add_piece writes it: fill, padded piece, fill, ..., zeros to the end. */
    private static InputStream stagedSector(long seed, SectorSize size, List<long[]> layout) {
        List<InputStream> parts = new ArrayList<>();
        long written = 0;
        for (int i = 0; i < layout.size(); i++) {
            long[] p = layout.get(i);
            PieceAlignment al = PieceAlignment.of(written, p[1]);
            parts.add(zeros(Fr32.paddedBytes(al.leftBytes())));
            InputStream raw = new SequenceInputStream(pieceData(seed, i, p[0]), zeros(p[1] - p[0]));
            parts.add(new Fr32PaddingInputStream(raw));
            parts.add(zeros(Fr32.paddedBytes(al.rightBytes())));
            written += al.alignedBytes(p[1]);
        }
        parts.add(zeros(size.bytes() - Fr32.paddedBytes(written)));
        return new SequenceInputStream(Collections.enumeration(parts));
    }

    private static InputStream zeros(long n) {
        return new InputStream() {
            long left = n;

            @Override
            public int read() {
                return left-- > 0 ? 0 : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int k = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + k, (byte) 0);
                left -= k;
                return k;
            }
        };
    }
}
