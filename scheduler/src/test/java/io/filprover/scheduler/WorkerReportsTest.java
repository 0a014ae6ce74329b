package io.filprover.scheduler;

import io.filprover.api.RegisteredPoStProof;
import io.filprover.api.RegisteredSealProof;
import io.filprover.api.kernels.Backends;
import io.filprover.cpu.CpuKernelsProvider;
import io.filprover.proofs.params.CircuitIdentifiers;
import io.filprover.proofs.params.CircuitRegistry;
import io.filprover.proofs.params.ParameterCache;
import io.filprover.proofs.params.ParameterGenerator;
import io.filprover.proofs.params.RegisteredProof;
import io.filprover.proofs.params.TestCircuitRegistry;
import io.filprover.proto.v1.CommPRequest;
import io.filprover.proto.v1.DeviceUtilization;
import io.filprover.proto.v1.EvictParamsRequest;
import io.filprover.proto.v1.HeartbeatRequest;
import io.filprover.proto.v1.Job;
import io.filprover.proto.v1.JobKind;
import io.filprover.proto.v1.JobRequest;
import io.filprover.proto.v1.JobState;
import io.filprover.proto.v1.ParamFile;
import io.filprover.proto.v1.ParamTier;
import io.filprover.proto.v1.PreloadParamsRequest;
import io.filprover.proto.v1.RegisterRequest;
import io.filprover.proto.v1.WorkerInfo;
import io.filprover.proto.v1.WorkerServiceGrpc;
import io.filprover.proto.v1.WorkerStatus;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.FileOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import static io.filprover.scheduler.InProcessFarm.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a real worker reports besides its leases reaches GetStatus, /metrics and the status page: the
 * tier and size of every parameter file in its cache (real files made for the test circuits), and
 * each device's busy share of the last heartbeat interval.
 */
class WorkerReportsTest {
    @TempDir
    Path root;

    private static InProcessFarm farm(Path root) throws Exception {
        return new InProcessFarm(root, new InMemoryJobStore(), b -> b.http(new HostPort("127.0.0.1", 0), false));
    }

    /** hot, warm, cold bytes of the worker as /metrics shows them. */
    private static List<Long> scrapedTiers(InProcessFarm farm, String worker) throws Exception {
        Scrape s = farm.scrape();
        return List.of("hot", "warm", "cold").stream()
                .map(t -> (long) s.value("filprover_parameter_cache_bytes", "worker", worker, "tier", t)).toList();
    }

    private static boolean scrapedTiersAre(InProcessFarm farm, String worker, long hot, long warm, long cold) {
        try {
            return scrapedTiers(farm, worker).equals(List.of(hot, warm, cold));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Sizes as the status page writes them, worked out here for the small files this test makes. */
    private static String shown(long n) {
        assertTrue(n < 1 << 20, n + " bytes: not the small file this test expects");
        return n < 1024 ? n + " B" : String.format(Locale.ROOT, "%.1f KiB", n / 1024.0);
    }

    @Test
    void aPreloadedFileIsHotTheOtherColdAndEvictionMakesItColdAgain() throws Exception {
        ParameterCache cache = new ParameterCache(root.resolve("params"));
        RegisteredProof seal = RegisteredProof.of(RegisteredSealProof.STACKED_DRG_2KIB_V1_1);
        RegisteredProof winning = RegisteredProof.of(RegisteredPoStProof.STACKED_DRG_WINNING_2KIB_V1);
        try (AutoCloseable circuits = CircuitRegistry.registerOnly(new TestCircuitRegistry())) {
            ParameterGenerator.generate(cache, seal, false);
            ParameterGenerator.generate(cache, winning, false);
        }
        String hotFile = CircuitIdentifiers.of(winning).paramsFile();
        String coldFile = CircuitIdentifiers.of(seal).paramsFile();
        long hot = Files.size(cache.directory().resolve(hotFile));
        long cold = Files.size(cache.directory().resolve(coldFile));
        assertNotEquals(hot, cold, "sizes that differ, so a mix-up of the two shows");

        try (InProcessFarm farm = farm(root)) {
            Worker w = farm.start(farm.worker("params").parameterCache(cache));
            // its registration already lists both files, on disk only
            assertEquals(List.of(0L, 0L, hot + cold), scrapedTiers(farm, w.id()));

            farm.admin.preloadParams(PreloadParamsRequest.newBuilder().setWorkerId(w.id()).addParams(hotFile).build());
            assertTrue(eventually(30, () -> scrapedTiersAre(farm, w.id(), hot, 0, cold)), "preloaded: hot");
            WorkerStatus st = farm.status(w.id());
            List<ParamFile> expected = new java.util.ArrayList<>(List.of(
                    ParamFile.newBuilder().setName(hotFile).setTier(ParamTier.PARAM_TIER_HOT).setBytes(hot).build(),
                    ParamFile.newBuilder().setName(coldFile).setTier(ParamTier.PARAM_TIER_COLD).setBytes(cold).build()));
            expected.sort(java.util.Comparator.comparing(ParamFile::getName));
            assertEquals(expected, st.getParamsList());
            assertEquals(List.of(hotFile), st.getHotParamsList());
            String page = StatusPageTest.text(StatusPageTest.table(
                    Scrape.get("http://" + farm.coordinator.httpAddress() + "/").body(), "workers")).replaceAll("\\s+", " ");
            assertTrue(page.contains(shown(hot) + " / 0 B / " + shown(cold)), page);

            farm.admin.evictParams(EvictParamsRequest.newBuilder().setWorkerId(w.id()).build());
            assertTrue(eventually(30, () -> scrapedTiersAre(farm, w.id(), 0, 0, hot + cold)), "evicted: cold again");
            assertEquals(List.of(), farm.status(w.id()).getHotParamsList());
        }
    }

    private static Map<String, Double> busy(InProcessFarm farm, String worker) {
        Map<String, Double> out = new TreeMap<>();
        for (DeviceUtilization d : farm.status(worker).getDeviceUtilizationList()) {
            out.put(d.getBackend(), d.getBusyRatio());
        }
        return out;
    }

    @Test
    void aDeviceWhoseJobWaitsAllIntervalReadsFullyBusyThenIdleOnceItEnds() throws Exception {
        try (InProcessFarm farm = farm(root)) {
            Worker w = farm.start(farm.worker("busy").backends(Backends.of(List.of(new CpuKernelsProvider()))));
            assertTrue(eventually(30, () -> busy(farm, w.id()).equals(Map.of("cpu", 0.0))), "idle: reported at 0");

            // comm_p of a FIFO nobody writes yet: the job runs on the cpu, blocked in its open()
            Path fifo = root.resolve("piece-fifo");
            assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
            Job blocked = farm.submit(JobRequest.newBuilder().setCommp(CommPRequest.newBuilder()
                    .setPath(fifo.toString())).build());
            // the interval the job started in reads less; every whole one after reads exactly 1
            assertTrue(eventually(30, () -> busy(farm, w.id()).equals(Map.of("cpu", 1.0))), "busy: " + busy(farm, w.id()));
            assertEquals(1.0, farm.scrape().value("filprover_device_utilization_ratio", "worker", w.id(), "backend", "cpu"));
            String page = StatusPageTest.text(StatusPageTest.table(
                    Scrape.get("http://" + farm.coordinator.httpAddress() + "/").body(), "workers")).replaceAll("\\s+", " ");
            assertTrue(page.contains("cpu 100%"), page);

            try (FileOutputStream out = new FileOutputStream(fifo.toFile())) {
                out.write(new byte[2032]); // a 2 KiB padded piece
            }
            Job done = farm.await(blocked);
            assertEquals(JobState.JOB_STATE_SUCCEEDED, done.getState(), done.toString());
            assertTrue(eventually(30, () -> busy(farm, w.id()).equals(Map.of("cpu", 0.0))), "idle again: " + busy(farm, w.id()));
        }
    }

    @Test
    void reportsOutOfRangeOrWithoutATierAreRefusedNamingTheField() throws Exception {
        try (InProcessFarm farm = farm(root)) {
            WorkerServiceGrpc.WorkerServiceBlockingStub ws = farm.workerService;
            WorkerInfo info = WorkerInfo.newBuilder().setName("odd").addKinds(JobKind.JOB_KIND_COMMP).build();
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> ws.register(RegisterRequest
                    .newBuilder().setInfo(info).addParams(ParamFile.newBuilder().setName("v28-x.params").setBytes(1)).build()));
            assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
            assertEquals("params[0].tier: missing or unknown (0)", e.getStatus().getDescription());

            String id = ws.register(RegisterRequest.newBuilder().setInfo(info).build()).getWorkerId();
            for (double ratio : new double[] {1.5, -0.1, Double.NaN}) {
                e = assertThrows(StatusRuntimeException.class, () -> ws.heartbeat(HeartbeatRequest.newBuilder()
                        .setWorkerId(id).addDeviceUtilization(DeviceUtilization.newBuilder().setBackend("cpu").setBusyRatio(0))
                        .addDeviceUtilization(DeviceUtilization.newBuilder().setBackend("cuda").setBusyRatio(ratio)).build()));
                assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
                assertEquals("device_utilization[1].busy_ratio: must be between 0 and 1, got " + ratio,
                        e.getStatus().getDescription());
            }
            e = assertThrows(StatusRuntimeException.class, () -> ws.heartbeat(HeartbeatRequest.newBuilder()
                    .setWorkerId(id).addParams(ParamFile.newBuilder().setTier(ParamTier.PARAM_TIER_COLD)).build()));
            assertEquals("params[0].name: missing", e.getStatus().getDescription());
            // nothing of the refused reports was taken
            WorkerStatus st = farm.status(id);
            assertEquals(List.of(), st.getDeviceUtilizationList());
            assertEquals(List.of(), st.getParamsList());
        }
    }
}
