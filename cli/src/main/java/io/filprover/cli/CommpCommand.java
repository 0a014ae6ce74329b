package io.filprover.cli;

import io.filprover.proofs.api.CommitmentStages;
import io.filprover.api.job.ProgressSink;
import io.filprover.api.job.JobContext;
import io.filprover.api.Commitment;
import io.filprover.proofs.commitment.PieceCommitments;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.BufferedInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code filprover commp FILE|-}: the piece commitment (CommP) of a file or of stdin. */
@Command(name = "commp", mixinStandardHelpOptions = true,
        description = {"Computes the piece commitment (comm_p, CommP) of a file or of stdin.", "The input is zero-filled to the next 127*2^k bytes (as Lotus pads pieces), Fr32-padded and hashed into a binary SHA-256 tree. Prints comm_p (hex, memory order), its CID, the padded piece size and the unpadded piece size. A progress bar shows on stderr for inputs over 64 MiB."})
public final class CommpCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE|-", description = "The raw piece data; '-' reads stdin.")
    String input;

    @Mixin
    OutputOptions output = new OutputOptions();

    @Option(names = "--no-progress", description = "Never show the progress bar.")
    boolean noProgress;

    @Mixin
    KernelOptions kernelOptions = new KernelOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        long size = -1;
        InputStream in;
        if (input.equals("-")) {
            in = System.in;
        } else {
            Path p = UserPaths.inputFile(Path.of(input), "FILE");
            // a pipe (commp <(cat f), /dev/stdin) or a device has no size before it is read: it is sized by reading
            if (Files.isRegularFile(p)) {
                size = Files.size(p);
                if (size == 0) {
                    throw new io.filprover.api.InvalidInputException("FILE", input + " is empty");
                }
                in = Files.newInputStream(p);
            } else {
                // not Files.newInputStream: its available() asks the channel for size and position,
                // which a pipe answers with "Illegal seek"; FileInputStream asks the pipe (FIONREAD)
                in = new FileInputStream(p.toFile());
            }
        }
        PieceCommitments.Result r;
        Map<String, Object> ran = new LinkedHashMap<>();
        try (JobContext ctx = kernelOptions.open(ProgressSink.NONE, null);
             InputStream src = new BufferedInputStream(in, 1 << 20);
             ProgressReporter progress = new ProgressReporter("comm_p", size, System.err, !noProgress)) {
            r = CommitmentStages.commP(src, size, ctx, progress);
            BackendReport.put(ran, ctx);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("comm_p", r.commP().hex());
        out.put("cid", r.commP().toCid(Commitment.Kind.UNSEALED));
        out.put("padded_size", r.paddedSize().bytes());
        out.put("unpadded_size", r.unpaddedSize().bytes());
        out.putAll(ran);
        output.print(spec.commandLine().getOut(), out);
        return 0;
    }

}
