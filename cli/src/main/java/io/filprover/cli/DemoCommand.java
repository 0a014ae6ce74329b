package io.filprover.cli;

import com.google.protobuf.ByteString;
import io.filprover.api.Commitment;
import io.filprover.api.Hex;
import io.filprover.api.InvalidInputException;
import io.filprover.api.RegisteredPoStProof;
import io.filprover.api.RegisteredSealProof;
import io.filprover.api.SectorSize;
import io.filprover.api.UnpaddedPieceSize;
import io.filprover.api.job.JobContext;
import io.filprover.api.job.ProgressSink;
import io.filprover.proofs.api.CommitmentStages;
import io.filprover.proofs.commitment.PieceAlignment;
import io.filprover.proofs.commitment.PieceInfo;
import io.filprover.proofs.merkle.PoseidonMerkleHasher;
import io.filprover.proofs.porep.Commit1;
import io.filprover.proofs.porep.Commit1Files;
import io.filprover.proofs.porep.PoRepVerifier;
import io.filprover.proofs.post.VanillaPoStCodec;
import io.filprover.proofs.post.VanillaPoStVerifier;
import io.filprover.proto.v1.CommPRequest;
import io.filprover.proto.v1.Job;
import io.filprover.proto.v1.JobRequest;
import io.filprover.proto.v1.JobState;
import io.filprover.proto.v1.PoStRequest;
import io.filprover.proto.v1.PoStSector;
import io.filprover.proto.v1.ProverServiceGrpc;
import io.filprover.proto.v1.SealCommit1Request;
import io.filprover.proto.v1.SealPreCommit1Request;
import io.filprover.proto.v1.SealPreCommit2Request;
import io.filprover.proto.v1.SectorIdentity;
import io.filprover.proto.v1.StageTiming;
import io.filprover.proto.v1.SubmitRequest;
import io.filprover.scheduler.EmbeddedService;
import io.filprover.scheduler.HostPort;
import io.filprover.scheduler.store.JobStores;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * {@code filprover demo}: starts the embedded service (coordinator, local worker, H2 in a temporary
 * directory) and, through its gRPC API only, computes comm_p of generated pieces, seals a sector
 * holding them (PC1, PC2, C1) and proves Window and Winning PoSt over it (vanilla proofs; the SNARKs
 * join with the circuits). Every result is checked here independently of the worker; the service
 * and the directory are gone when it returns.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs the main job on the embedded service: comm_p of generated pieces, a sealed sector (PC1, PC2, C1) and Window/Winning PoSt over it, all through the gRPC API.",
            "Each result is verified here (comm_p and comm_d recomputed, comm_r = Poseidon(comm_c, comm_r_last), C1 and PoSt proofs checked by the verifiers) and printed as a table; exit 1 if any does not verify."})
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--sector-size", defaultValue = "2KiB", paramLabel = "S",
            description = "Sector size: 2KiB or 8MiB (default: ${DEFAULT-VALUE}).")
    String sectorSize;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the generated data (default: random, printed).")
    Long seed;

    @Mixin
    OutputOptions output = new OutputOptions();

    @Mixin
    KernelOptions kernelOptions = new KernelOptions();

    @Spec
    CommandSpec spec;

    /** One finished job as the table shows it. */
    private record Row(Job job, boolean verified, Map<String, Object> fields) {
    }

    @Override
    public Integer call() throws IOException {
        SectorSize size = SectorSize.parse(sectorSize);
        RegisteredSealProof sealProof = switch (size) {
            case SIZE_2KIB -> RegisteredSealProof.STACKED_DRG_2KIB_V1_1;
            case SIZE_8MIB -> RegisteredSealProof.STACKED_DRG_8MIB_V1_1;
            default -> throw new InvalidInputException("sector-size", "the demo seals 2KiB or 8MiB sectors; got " + size);
        };
        int threads = kernelOptions.threads();
        long s = seed != null ? seed : new SplittableRandom().nextLong();
        Path dir = Files.createTempDirectory("filprover-demo");
        try (EmbeddedService service = EmbeddedService.start(JobStores.embedded(dir.resolve("db")),
                new HostPort("127.0.0.1", 0), List.of(dir), Math.max(2, threads), 1, KernelOptions.backends(),
                dir.resolve("work"), dir.resolve("parents"))) {
            ManagedChannel channel = NettyChannelBuilder.forTarget(service.address()).usePlaintext()
                    .maxInboundMessageSize(64 << 20).build();
            try {
                return run(ProverServiceGrpc.newBlockingStub(channel), service.address(), dir, size, sealProof, s, threads);
            } finally {
                channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Main.EXIT_FAILURE;
        } finally {
            deleteTree(dir);
        }
    }

    private int run(ProverServiceGrpc.ProverServiceBlockingStub api, String address, Path dir, SectorSize size,
                    RegisteredSealProof sealProof, long s, int threads) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (!output.json) {
            out.printf("filprover demo: embedded service on %s, %s sector, %d threads, seed %d%n", address, size,
                    threads, s);
        }
        List<Row> rows = new ArrayList<>();
        SplittableRandom rnd = new SplittableRandom(s);

        // comm_p of each generated piece, checked against the same computation done here
        List<long[]> layout = plan(size, rnd); // {dataBytes, pieceUnpadded}
        List<PieceInfo> pieces = new ArrayList<>();
        byte[] sector = new byte[(int) size.unpaddedBytes()]; // the pieces placed as add_piece places them
        long written = 0;
        try (JobContext local = kernelOptions.open(ProgressSink.NONE, null)) {
            for (int i = 0; i < layout.size(); i++) {
                byte[] data = pieceData(s, i, (int) layout.get(i)[0]);
                Job job = prove(api, JobRequest.newBuilder().setCommp(CommPRequest.newBuilder().setData(ByteString.copyFrom(data))));
                var expected = CommitmentStages.commP(new ByteArrayInputStream(data), local, b -> { });
                var r = job.getResult().getCommp();
                boolean ok = job.getState() == JobState.JOB_STATE_SUCCEEDED
                        && expected.commP().equals(Commitment.of(r.getCommP().toByteArray()));
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("piece", i + 1);
                f.put("data_bytes", data.length);
                f.put("unpadded_size", r.getUnpaddedSize());
                f.put("padded_size", r.getPaddedSize());
                f.put("comm_p", Hex.encode(r.getCommP().toByteArray()));
                f.put("cid", r.getCid());
                rows.add(new Row(job, ok, f));
                pieces.add(new PieceInfo(expected.commP(), new UnpaddedPieceSize(layout.get(i)[1])));
                PieceAlignment al = PieceAlignment.of(written, layout.get(i)[1]);
                System.arraycopy(data, 0, sector, (int) (written + al.leftBytes()), data.length);
                written += al.alignedBytes(layout.get(i)[1]);
            }
            Commitment commD = CommitmentStages.commD(size, pieces, local);
            seal(api, rows, dir, size, sealProof, sector, commD, rnd);
        }
        boolean all = rows.stream().allMatch(Row::verified);
        print(out, rows, all);
        return all ? 0 : Main.EXIT_FAILURE;
    }

    /** PC1 → PC2 → C1 of the staged sector, then Window and Winning PoSt over it. */
    private void seal(ProverServiceGrpc.ProverServiceBlockingStub api, List<Row> rows, Path dir, SectorSize size,
                      RegisteredSealProof sealProof, byte[] sector, Commitment commD, SplittableRandom rnd)
            throws IOException {
        Path data = Files.write(dir.resolve("staged-sector.bin"), sector);
        Path cache = dir.resolve("cache");
        Path replica = dir.resolve("sealed");
        SectorIdentity id = SectorIdentity.newBuilder().setProverId(bytes32(rnd)).setSectorId(1 + rnd.nextInt(1 << 20))
                .setTicket(bytes32(rnd)).setRegisteredSealProof(sealProof.id()).build();

        Job pc1 = prove(api, JobRequest.newBuilder().setSealPc1(SealPreCommit1Request.newBuilder().setSector(id)
                .setDataPath(data.toString()).setCacheDir(cache.toString()).setParentCacheDir(dir.resolve("parents").toString())));
        byte[] gotD = pc1.getResult().getSealPc1().getCommD().toByteArray();
        // tree_d over the staged sector must equal comm_d from the piece list, computed here
        rows.add(new Row(pc1, succeeded(pc1) && commD.equals(Commitment.of(gotD)), Map.of("comm_d", Hex.encode(gotD))));

        Job pc2 = prove(api, JobRequest.newBuilder().setSealPc2(SealPreCommit2Request.newBuilder()
                .setRegisteredSealProof(sealProof.id()).setCacheDir(cache.toString()).setReplicaPath(replica.toString())));
        var p2 = pc2.getResult().getSealPc2();
        byte[] commR = p2.getCommR().toByteArray();
        boolean commROk = succeeded(pc2) && java.util.Arrays.equals(commR,
                PoseidonMerkleHasher.commR(p2.getCommC().toByteArray(), p2.getCommRLast().toByteArray()));
        rows.add(new Row(pc2, commROk, Map.of("comm_r", Hex.encode(commR))));

        Job c1 = prove(api, JobRequest.newBuilder().setSealC1(SealCommit1Request.newBuilder().setSector(id)
                .setSeed(bytes32(rnd)).setCacheDir(cache.toString()).setReplicaPath(replica.toString())));
        boolean c1Ok = false;
        if (succeeded(c1)) {
            Commit1.Output o = Commit1Files.decode(ResultPayloads.bytes(api.getChannel(), c1.getResult())).output();
            c1Ok = PoRepVerifier.verify(o).valid() && java.util.Arrays.equals(o.commR(), commR)
                    && java.util.Arrays.equals(o.commD(), gotD);
        }
        rows.add(new Row(c1, c1Ok, Map.of("challenges", c1.getResult().getSealC1().getChallenges())));

        PoStSector postSector = PoStSector.newBuilder().setSectorId(id.getSectorId()).setCommR(ByteString.copyFrom(commR))
                .setCacheDir(cache.toString()).setReplicaPath(replica.toString()).build();
        for (RegisteredPoStProof type : List.of(postProof(size, RegisteredPoStProof.Kind.WINDOW),
                postProof(size, RegisteredPoStProof.Kind.WINNING))) {
            byte[] randomness = bytes32(rnd).toByteArray();
            randomness[31] &= 0x3f;
            PoStRequest.Builder req = PoStRequest.newBuilder().setRegisteredPostProof(type.id())
                    .setRandomness(ByteString.copyFrom(randomness)).setProverId(id.getProverId()).addSectors(postSector);
            JobRequest.Builder jr = JobRequest.newBuilder();
            Job job = prove(api, type.kind() == RegisteredPoStProof.Kind.WINDOW ? jr.setWindowPost(req) : jr.setWinningPost(req));
            byte[] proofs = succeeded(job) ? ResultPayloads.bytes(api.getChannel(), job.getResult()) : new byte[0];
            boolean ok = succeeded(job) && new VanillaPoStVerifier().verify(type, randomness, id.getSectorId(), commR, 0,
                    VanillaPoStCodec.decode(proofs)).valid();
            rows.add(new Row(job, ok, Map.of("post_proof", type.upstreamName(),
                    "proof_bytes", proofs.length)));
        }
    }

    private static RegisteredPoStProof postProof(SectorSize size, RegisteredPoStProof.Kind kind) {
        Predicate<RegisteredPoStProof> fits = p -> p.sectorSize() == size && p.kind() == kind;
        return Stream.of(RegisteredPoStProof.values()).filter(fits)
                .max(Comparator.comparingLong(RegisteredPoStProof::id)).orElseThrow();
    }

    private static Job prove(ProverServiceGrpc.ProverServiceBlockingStub api, JobRequest.Builder request) {
        JobRequest r = request.setRequestId(java.util.UUID.randomUUID().toString()).build();
        Job submitted = api.submit(SubmitRequest.newBuilder().setRequest(r).build()).getJob();
        return api.await(io.filprover.proto.v1.AwaitRequest.newBuilder().setJobId(submitted.getJobId()).build());
    }

    private static boolean succeeded(Job job) {
        return job.getState() == JobState.JOB_STATE_SUCCEEDED;
    }

    private void print(PrintWriter out, List<Row> rows, boolean all) {
        for (Row r : rows) {
            Job j = r.job();
            StageTiming total = total(j);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("job", j.getJobId());
            m.put("kind", kind(j));
            m.put("state", j.getState().name().substring("JOB_STATE_".length()).toLowerCase());
            m.put("worker", total.getWorker());
            m.put("backend", total.getBackend());
            m.put("ms", total.getMillis());
            m.put("stages", stages(j));
            m.put("verified", r.verified());
            m.putAll(r.fields());
            if (output.json) {
                out.println(Json.line(m));
            }
        }
        if (!output.json) {
            out.printf("  %-8s  %-12s  %-9s  %-14s  %-7s  %8s  %-8s  %s%n", "job", "kind", "state", "worker", "backend", "ms",
                    "verified", "stages (ms)");
            for (Row r : rows) {
                Job j = r.job();
                StageTiming total = total(j);
                String stages = StageTimings.line(stages(j));
                out.printf("  %-8s  %-12s  %-9s  %-14s  %-7s  %8d  %-8s  %s%n", j.getJobId().substring(0, 8), kind(j),
                        j.getState().name().substring("JOB_STATE_".length()).toLowerCase(), total.getWorker(),
                        total.getBackend(), total.getMillis(), r.verified() ? "yes" : "NO", stages);
                if (!r.verified()) {
                    out.printf("            %s%n", j.hasError() ? j.getError().getMessage() : "the result did not verify here");
                }
            }
            out.println(all ? "  every result verified" : "  SOME RESULTS DID NOT VERIFY");
        } else {
            out.println(Json.line(Map.of("jobs", rows.size(), "verified", all)));
        }
        out.flush();
    }

    /** The whole run of a job on its worker: its {@code total} timing (none: the default instance). */
    private static StageTiming total(Job j) {
        return j.getResult().getTimingsList().stream().filter(t -> t.getStage().equals("total"))
                .findFirst().orElse(StageTiming.getDefaultInstance());
    }

    /** Where a job's run went: its recorded stages in order, name to milliseconds (queue_wait and total left out). */
    private static Map<String, Long> stages(Job j) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (StageTiming t : j.getResult().getTimingsList()) {
            if (!t.getStage().equals("queue_wait") && !t.getStage().equals("total")) {
                m.merge(t.getStage(), t.getMillis(), Long::sum);
            }
        }
        return m;
    }

    private static String kind(Job j) {
        return j.getKind().name().substring("JOB_KIND_".length()).toLowerCase().replace('_', '-');
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

    /** Piece {@code index}'s data: SplittableRandom(seed · 31 + index), one nextInt(256) per byte. */
    private static byte[] pieceData(long seed, int index, int length) {
        SplittableRandom rnd = new SplittableRandom(seed * 31 + index);
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) rnd.nextInt(256);
        }
        return b;
    }

    private static ByteString bytes32(SplittableRandom rnd) {
        byte[] b = new byte[32];
        for (int i = 0; i < 32; i++) {
            b[i] = (byte) rnd.nextInt(256);
        }
        b[31] &= 0x3f; // a field element, as tickets, seeds and prover ids from the chain are used here
        return ByteString.copyFrom(b);
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: the directory is under the system's temporary directory
        }
    }
}
