package io.filprover.cli;

import io.filprover.proofs.api.CommitmentStages;
import io.filprover.api.job.ProgressSink;
import io.filprover.api.job.JobContext;
import io.filprover.api.Commitment;
import io.filprover.api.SectorSize;
import io.filprover.proofs.commitment.DataCommitment;
import io.filprover.proofs.commitment.PieceInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code filprover commd --sector-size S PIECE...}: the unsealed sector commitment from its pieces. */
@Command(name = "commd", mixinStandardHelpOptions = true,
        description = {"Computes the data commitment (comm_d, CommD) of a sector from its pieces.", "PIECEs are placed in order as add_piece places them (each piece aligned to its size, zero fill between), and zero-filled to the sector size as Lotus does. With no PIECE: the empty sector's comm_d."})
public final class CommdCommand implements Callable<Integer> {
    @Option(names = "--sector-size", required = true, paramLabel = "S",
            description = "Sector size: 2KiB, 8MiB, 512MiB, 32GiB, 64GiB (test sizes 4KiB, 16KiB, 32KiB, 16MiB, 1GiB too), or bytes.")
    String sectorSize;

    @Parameters(paramLabel = "PIECE", arity = "0..*",
            description = "A piece as CID_OR_HEX:unpaddedSize, e.g. baga6ea4seaq...:1040384 (unpadded size 127*2^k).")
    List<String> pieces = new ArrayList<>();

    @Mixin
    OutputOptions output = new OutputOptions();

    @Mixin
    KernelOptions kernelOptions = new KernelOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        SectorSize size = SectorSize.parse(sectorSize);
        kernelOptions.threads(); // checked although comm_d of piece commitments is too little work to share
        List<PieceInfo> infos = new ArrayList<>();
        for (int i = 0; i < pieces.size(); i++) {
            infos.add(PieceInfo.parse(pieces.get(i), "PIECE " + (i + 1)));
        }
        Commitment commD;
        Map<String, Object> ran = new LinkedHashMap<>();
        try (JobContext ctx = kernelOptions.open(ProgressSink.NONE, null)) {
            commD = CommitmentStages.commD(size, infos, ctx);
            BackendReport.put(ran, ctx);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("comm_d", commD.hex());
        out.put("cid", commD.toCid(Commitment.Kind.UNSEALED));
        out.put("sector_size", size.bytes());
        out.put("pieces", infos.size());
        out.putAll(ran);
        output.print(spec.commandLine().getOut(), out);
        return 0;
    }
}
