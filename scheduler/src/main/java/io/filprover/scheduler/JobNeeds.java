package io.filprover.scheduler;

import io.filprover.api.RegisteredPoStProof;
import io.filprover.api.RegisteredSealProof;
import io.filprover.proofs.params.CircuitIdentifiers;
import io.filprover.proto.v1.JobRequest;

/**
 * What a job needs of its worker, computed by the coordinator from its kind and sector size (never
 * sent by clients): RAM, GPU memory (only when the request asks for a GPU backend: "auto" takes
 * what is there and reserves none), and the parameter file its SNARK loads ("" for none). The
 * numbers are coarse, on the safe side of what this code base's stages hold (docs/operations.md
 * "Scheduling"); {@code sizeKey} groups runs for the speed estimates (sector bytes, or comm_p's
 * piece size rounded up to a power of two; 0 when unknown).
 */
record JobNeeds(long ramBytes, long gpuBytes, String params, long sizeKey) {
    static final long MIB = 1L << 20;
    /** Headroom every job gets: buffers, the JVM's working set for one job. */
    static final long BASE = 64 * MIB;

    static JobNeeds of(JobRequest r) {
        boolean gpu = r.getBackend().equals("cuda") || r.getBackend().equals("opencl");
        switch (r.getPayloadCase()) {
            case COMMP: {
                long size = r.getCommp().hasData() ? r.getCommp().getData().size() : 0;
                return new JobNeeds(BASE, 0, "", size == 0 ? 0 : Long.highestOneBit(size - 1 | 1) << 1);
            }
            case SEAL_PC1: {
                long sector = sealSector(r.getSealPc1().getSector().getRegisteredSealProof());
                // the layer being labeled and the one before it stay in memory; the parent cache is mapped
                return new JobNeeds(BASE + 2 * sector, 0, "", sector);
            }
            case SEAL_PC2: {
                long sector = sealSector(r.getSealPc2().getRegisteredSealProof());
                return new JobNeeds(BASE + sector, gpu ? sector : 0, "", sector);
            }
            case SEAL_C1: {
                long sector = sealSector(r.getSealC1().getSector().getRegisteredSealProof());
                return new JobNeeds(BASE + sector / 8, 0, "", sector);
            }
            case SEAL_C2:
                return c2(r.getSealC2().getRegisteredSealProof(), gpu);
            case WINDOW_POST:
                return post(r.getWindowPost(), gpu);
            case WINNING_POST:
                return post(r.getWinningPost(), gpu);
            default:
                return new JobNeeds(BASE, 0, "", 0);
        }
    }

    private static JobNeeds post(io.filprover.proto.v1.PoStRequest p, boolean gpu) {
        RegisteredPoStProof proof;
        try {
            proof = RegisteredPoStProof.ofId(p.getRegisteredPostProof());
        } catch (RuntimeException e) {
            return new JobNeeds(BASE, 0, "", 0);
        }
        long sector = proof.sectorSize().bytes();
        // the vanilla proofs read a few nodes per sector; the SNARK (when it runs here) loads these parameters
        String params = CircuitIdentifiers.of(proof).paramsFile();
        return new JobNeeds(BASE + p.getSectorsCount() * MIB, gpu ? 4L << 30 : 0, params, sector);
    }

    /**
     * C2 holds every partition's circuit assignment and the prover's vectors: 1 GiB up to 1 GiB
     * sectors (two challenges a partition: small circuits; more would keep them from workers with a
     * default heap), the 192 GiB filecoin-ffi asks for at 32 and 64 GiB; on a GPU 4 GiB, else 24 GiB.
     * The parameters are mapped files, not counted.
     */
    private static JobNeeds c2(long proofId, boolean gpu) {
        RegisteredSealProof proof;
        try {
            proof = RegisteredSealProof.ofId(proofId);
        } catch (RuntimeException e) {
            return new JobNeeds(BASE, 0, "", 0);
        }
        long sector = proof.sectorSize().bytes();
        boolean small = sector <= 1L << 30;
        long gpuBytes = gpu ? (small ? 4L << 30 : 24L << 30) : 0;
        return new JobNeeds(BASE + (small ? 1L << 30 : 192L << 30), gpuBytes, CircuitIdentifiers.of(proof).paramsFile(),
                sector);
    }

    private static long sealSector(long proofId) {
        try {
            return RegisteredSealProof.ofId(proofId).sectorSize().bytes();
        } catch (RuntimeException e) {
            return 0;
        }
    }
}
