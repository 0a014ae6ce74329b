package io.filprover.cli;

import io.filprover.api.ApiVersion;
import io.filprover.api.Commitment;
import io.filprover.api.Hex;
import io.filprover.api.PorepId;
import io.filprover.api.RegisteredSealProof;
import io.filprover.api.InvalidInputException;
import io.filprover.api.SectorSize;
import io.filprover.api.kernels.Kernels;
import io.filprover.bls12381.field.FieldEncodingException;
import io.filprover.proofs.porep.Commit1;
import io.filprover.proofs.porep.Commit1Json;
import io.filprover.proofs.porep.PoRepVerifier;
import io.filprover.proofs.porep.PreCommit1;
import io.filprover.proofs.porep.PreCommit2;
import io.filprover.proofs.porep.SealedSector;
import io.filprover.proofs.porep.SyntheticProofsFile;
import io.filprover.proofs.sdr.SdrGraph;
import io.filprover.proofs.tree.CacheFiles;
import io.filprover.api.PoRepFeature;
import io.filprover.proofs.sdr.ParentCache;
import io.filprover.proofs.tree.SectorFilesException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code filprover seal}: PC1 → PC2 → C1 on one sector, printing the commitments. */
@Command(name = "seal", mixinStandardHelpOptions = true,
        description = {"Seals a sector: PC1 (tree_d, SDR labels), PC2 (tree_c, replica, tree_r_last, p_aux) and C1 (vanilla proofs, verified, written as JSON; see docs/c1-output.md).",
            "Cache files use the rust-fil-proofs names. Outputs are written under temporary names and renamed when complete. Progress goes to stderr. Exit 2 on bad input."})
public final class SealCommand implements Callable<Integer> {
    @Option(names = "--sector-size", required = true, paramLabel = "S", description = "Sector size, e.g. 2KiB, 512MiB, 32GiB, or bytes.")
    String sectorSize;

    @Option(names = "--data", required = true, paramLabel = "FILE",
            description = "Unpadded piece bytes: at most sector size × 127/128; shorter input is zero-filled.")
    Path data;

    static final class Prover {
        @Option(names = "--prover-id", paramLabel = "HEX", description = "32-byte prover id, 64 hex digits.")
        String proverId;

        @Option(names = "--miner", paramLabel = "ID", description = "Miner actor id (below 2^63): prover id = its ID address payload (LEB128 varint), zero-filled to 32 bytes, as Lotus derives it.")
        String miner;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Prover prover;

    @Option(names = "--sector-id", required = true, paramLabel = "N", description = "Sector number (unsigned 64-bit).")
    String sectorId;

    @Option(names = "--ticket", required = true, paramLabel = "HEX", description = "32-byte seal randomness, hex (memory order).")
    String ticket;

    @Mixin
    PorepOptions porepOptions = new PorepOptions();

    @Option(names = "--seed", required = true, paramLabel = "HEX", description = "32-byte interactive randomness, hex.")
    String seed;

    @Option(names = "--cache", required = true, paramLabel = "DIR", description = "Cache directory for layers, trees and p_aux.")
    Path cache;

    @Option(names = "--out", required = true, paramLabel = "REPLICA", description = "The sealed replica file to write.")
    Path out;

    @Option(names = "--layers", paramLabel = "N", description = "SDR layers (default: the sector size's, 2 or 11). Column hashes need a Poseidon arity: 2, 4, 8, 11, 16, 24 or 36.")
    Integer layers;

    @Option(names = "--c1-out", paramLabel = "FILE", description = "Where to write the C1 output JSON (default: <cache>/c1-output.json).")
    Path c1Out;

    @Option(names = "--parent-cache", paramLabel = "DIR",
            description = "Parent cache directory (default: $FIL_PROOFS_PARENT_CACHE, else /var/tmp/filecoin-parents).")
    Path parentCache;

    @Mixin
    OutputOptions output = new OutputOptions();

    @Mixin
    KernelOptions kernelOptions = new KernelOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        SectorSize size = SectorSize.parse(sectorSize);
        PorepId porep = porepOptions.porepId(size);
        RegisteredSealProof registered = porep.registered();
        ApiVersion version = porepOptions.apiVersion();
        byte[] proverId = prover.proverId != null ? Hex.decode(prover.proverId, 32, "prover-id")
                : IdArguments.minerProverId(prover.miner, "miner");
        long sector = IdArguments.parseU64(sectorId, "sector-id");
        byte[] ticketBytes = Hex.decode(ticket, 32, "ticket");
        byte[] seedBytes = Hex.decode(seed, 32, "seed");
        int layerCount = layers == null ? size.layers() : layers;
        if (!IdArguments.SUPPORTED_LAYERS.contains(layerCount)) {
            throw new InvalidInputException("layers", "unsupported layer count " + layerCount + " (supported: "
                    + IdArguments.SUPPORTED_LAYERS + ")");
        }
        if (!Files.isRegularFile(UserPaths.inputFile(data, "data"))) {
            throw new InvalidInputException("data", data + " is not a regular file");
        }
        long dataBytes = Files.size(data);
        if (dataBytes > size.unpaddedBytes()) {
            throw new InvalidInputException("data", dataBytes + " bytes is more than the " + size.unpaddedBytes()
                    + " unpadded bytes of a " + size + " sector");
        }
        PreCommit1.SectorIdentity id = new PreCommit1.SectorIdentity(proverId, sector, ticketBytes, porep.bytes(), version);
        Path parents = parentCache != null ? parentCache : ParentCache.defaultDirectory();
        Path c1File = c1Out != null ? c1Out : cache.resolve("c1-output.json");
        StderrProgress progress = new StderrProgress(System.err, true);
        Kernels kernels = kernelOptions.kernels();
        int threads = kernelOptions.threads();
        Map<String, Object> result = new LinkedHashMap<>();
        try {
            long t0 = System.nanoTime();
            progress.stage("PC1");
            PreCommit1.Output pc1;
            try (InputStream in = new BufferedInputStream(Files.newInputStream(data), 1 << 20)) {
                pc1 = new PreCommit1(kernels, threads, progress).run(size, in, id, layerCount, cache, parents);
            }
            long t1 = System.nanoTime();
            progress.stage("PC2");
            PreCommit2.Output pc2 = new PreCommit2(kernels, threads, progress).run(size, layerCount, cache, out,
                    size.rowsToDiscard());
            long t2 = System.nanoTime();
            progress.stage("C1");
            SealedSector sealed = SealedSector.open(size, layerCount, cache, out, kernels);
            Commit1.Output c1;
            if (registered.feature() == PoRepFeature.SYNTHETIC) {
                // Synthetic PoRep: all synthetic proofs are written after PC2, C1 selects from the file
                Path syn = cache.resolve(CacheFiles.SYNTHETIC_PROOFS);
                new SyntheticProofsFile(size, layerCount).write(sealed,
                        new SdrGraph(size.nodes(), porep.bytes(), version), pc1.replicaId(), pc2.commR(), syn, threads);
                c1 = Commit1.runFromSyntheticProofs(syn, size, layerCount, id, seedBytes);
            } else {
                c1 = Commit1.run(sealed, id, registered.feature(), seedBytes);
            }
            PoRepVerifier.Result check = PoRepVerifier.verify(c1);
            if (!check.valid()) {
                throw new IllegalStateException("the generated C1 proofs do not verify: " + check.reason());
            }
            Commit1Json.write(c1, c1File);
            long t3 = System.nanoTime();
            result.put("comm_d", Hex.encode(pc1.commD()));
            result.put("comm_d_cid", Commitment.of(pc1.commD()).toCid(Commitment.Kind.UNSEALED));
            result.put("comm_r", Hex.encode(pc2.commR()));
            result.put("comm_r_cid", Commitment.of(pc2.commR()).toCid(Commitment.Kind.SEALED));
            result.put("comm_c", Hex.encode(pc2.commC()));
            result.put("comm_r_last", Hex.encode(pc2.commRLast()));
            result.put("replica_id", Hex.encode(pc1.replicaId()));
            result.put("porep_id", Hex.encode(porep.bytes()));
            result.put("api_version", version.text());
            result.put("challenges", c1.partitions().stream().mapToInt(java.util.List::size).sum());
            result.put("c1_output", c1File.toString());
            result.put("pc1_seconds", seconds(t0, t1));
            result.put("pc2_seconds", seconds(t1, t2));
            result.put("c1_seconds", seconds(t2, t3));
        } catch (SectorFilesException | FieldEncodingException e) {
            throw new InvalidInputException("cache", e.getMessage(), e);
        }
        output.print(spec.commandLine().getOut(), result);
        return 0;
    }

    private static String seconds(long from, long to) {
        return String.format("%.2f", (to - from) / 1e9);
    }
}
