package io.filprover.proofs.post.circuit;

import io.filprover.api.ApiVersion;
import io.filprover.api.RegisteredPoStProof;
import io.filprover.api.SectorSize;
import io.filprover.api.TreeShape;
import io.filprover.bls12381.field.Fr;
import io.filprover.proofs.merkle.circuit.PorCircuit;
import io.filprover.proofs.post.PoStChallenges;
import io.filprover.proofs.post.SectorProof;
import java.util.ArrayList;
import java.util.List;

/**
 * rust-fil-proofs' {@code FallbackPoStCompound} (storage-proofs-post/src/fallback/compound.rs): the public
 * inputs of one partition, the partition's circuit from vanilla sector proofs, and the blank circuit.
 * Sectors are chunked into partitions of {@code sectorCount}; a short last partition repeats its last
 * sector (inputs and witness) up to {@code sectorCount} (docs/spec/filecoin-porep-post.md §10.4, §10.6).
 */
public final class FallbackPoStCompound {
    private FallbackPoStCompound() {
    }

    /**
     * fallback::PublicParams: tree shape, leaves per sector (sector_size / 32), challenges per
     * sector slot, sector slots per partition, and the API version (it decides challenge indexing).
     */
    public record PublicParams(PorCircuit.Shape shape, long leaves, int challengeCount, int sectorCount,
                               ApiVersion version) {
        public PublicParams {
            shape.baseLevels(leaves); // rejects a leaf count the shape cannot hold
            if (challengeCount < 1 || sectorCount < 1) {
                throw new IllegalArgumentException("challenge and sector counts must be positive");
            }
        }

        /**
         * The circuit parameters of a registered proof (filecoin-proofs parameters.rs): Window PoSt
         * proves sectorsPerPartition sectors of challengeCount challenges; Winning PoSt is set up
         * as challenge_count / sector_count slots (66) of one challenge each.
         */
        public static PublicParams of(RegisteredPoStProof type) {
            SectorSize size = type.sectorSize();
            TreeShape t = size.shape();
            PorCircuit.Shape shape = new PorCircuit.Shape(t.baseArity(), t.subArity(), t.topArity());
            if (type.kind() == RegisteredPoStProof.Kind.WINDOW) {
                return new PublicParams(shape, size.nodes(), type.challengeCount(), type.sectorCount(),
                        type.apiVersion());
            }
            if (type.challengeCount() % type.sectorCount() != 0) {
                throw new IllegalArgumentException("sector count must divide challenge count");
            }
            int slots = type.challengeCount() / type.sectorCount();
            return new PublicParams(shape, size.nodes(), type.challengeCount() / slots, slots, type.apiVersion());
        }

        /** Partitions needed for {@code sectors} sectors (post_util get_partitions_for_window_post, at least 1). */
        public int partitions(int sectors) {
            return Math.max(1, (sectors + sectorCount - 1) / sectorCount);
        }
    }

    /** fallback::PublicSector: a sector id and its comm_r (32 bytes, little-endian Fr). */
    public record PublicSector(long id, byte[] commR) {
        public PublicSector {
            if (commR.length != 32) {
                throw new IllegalArgumentException("comm_r must be 32 bytes");
            }
            commR = commR.clone();
        }
    }

    /**
     * generate_public_inputs for partition {@code partition} of {@code sectors} (all sectors, in
     * proving order): per slot comm_r, then each challenged leaf index; the short last partition is
     * padded by repeating its last slot's inputs.
     *
     * @param randomness the 32 challenge randomness bytes (as the vanilla prover uses them)
     */
    public static List<Fr> publicInputs(PublicParams pp, byte[] randomness, List<PublicSector> sectors, int partition) {
        List<PublicSector> chunk = chunk(pp, sectors, partition);
        List<Fr> inputs = new ArrayList<>(pp.sectorCount() * (1 + pp.challengeCount()));
        for (int i = 0; i < chunk.size(); i++) {
            PublicSector s = chunk.get(i);
            inputs.add(Fr.fromBytesLE(s.commR()));
            long position = (long) partition * pp.sectorCount() + i;
            for (int n = 0; n < pp.challengeCount(); n++) {
                long ci = PoStChallenges.challengeIndex(pp.version(), position, n, pp.challengeCount());
                long leaf = PoStChallenges.leafChallenge(randomness, s.id(), ci, pp.leaves());
                // PoRCompound::generate_public_inputs with a private root: the challenge alone
                inputs.addAll(PorCircuit.publicInputs(leaf, null));
            }
        }
        int perSector = inputs.size() / chunk.size();
        while (inputs.size() < perSector * pp.sectorCount()) {
            inputs.addAll(new ArrayList<>(inputs.subList(inputs.size() - perSector, inputs.size())));
        }
        return inputs;
    }

    /**
     * The circuit of partition {@code partition} (FallbackPoStCompound::circuit): {@code proofs} are
     * the partition's sector proofs (one per slot, each with challengeCount inclusion proofs),
     * already padded by the caller or padded here by repeating the last one; slot i takes the
     * comm_r of the partition's i-th sector, or of its last one for padding slots.
     */
    public static FallbackPoStCircuit circuit(PublicParams pp, List<PublicSector> sectors, int partition,
                                              List<SectorProof> proofs) {
        List<PublicSector> chunk = chunk(pp, sectors, partition);
        if (proofs.isEmpty() || proofs.size() > pp.sectorCount()) {
            throw new IllegalArgumentException(proofs.size() + " sector proofs for " + pp.sectorCount() + " slots");
        }
        List<FallbackPoStCircuit.Sector> slots = new ArrayList<>(pp.sectorCount());
        for (int i = 0; i < pp.sectorCount(); i++) {
            SectorProof proof = proofs.get(Math.min(i, proofs.size() - 1));
            if (proof.inclusionProofs().size() != pp.challengeCount()) {
                throw new IllegalArgumentException("sector proof " + i + " has " + proof.inclusionProofs().size()
                        + " inclusion proofs, expected " + pp.challengeCount());
            }
            PublicSector pub = chunk.get(Math.min(i, chunk.size() - 1));
            slots.add(FallbackPoStCircuit.Sector.of(pp.shape(), pub.commR(), proof));
        }
        return new FallbackPoStCircuit(slots);
    }

    /** FallbackPoStCompound::blank_circuit: sectorCount blank slots, for parameter generation and counting. */
    public static FallbackPoStCircuit blankCircuit(PublicParams pp) {
        FallbackPoStCircuit.Sector blank = FallbackPoStCircuit.Sector.blank(pp.shape(), pp.leaves(), pp.challengeCount());
        List<FallbackPoStCircuit.Sector> slots = new ArrayList<>(pp.sectorCount());
        for (int i = 0; i < pp.sectorCount(); i++) {
            slots.add(blank);
        }
        return new FallbackPoStCircuit(slots);
    }

    private static List<PublicSector> chunk(PublicParams pp, List<PublicSector> sectors, int partition) {
        long from = (long) partition * pp.sectorCount();
        if (partition < 0 || from >= sectors.size()) {
            throw new IllegalArgumentException("invalid number of sectors/partition index: partition " + partition
                    + " of " + sectors.size() + " sectors, " + pp.sectorCount() + " per partition");
        }
        return sectors.subList((int) from, (int) Math.min(sectors.size(), from + pp.sectorCount()));
    }
}
