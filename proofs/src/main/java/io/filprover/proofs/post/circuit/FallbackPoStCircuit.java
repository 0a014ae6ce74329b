package io.filprover.proofs.post.circuit;

import io.filprover.bls12381.field.Fr;
import io.filprover.proofs.gadgets.AllocatedNum;
import io.filprover.proofs.gadgets.PoseidonMerkleGadget;
import io.filprover.proofs.merkle.MerkleProof;
import io.filprover.proofs.merkle.PathElement;
import io.filprover.proofs.merkle.circuit.PorCircuit;
import io.filprover.proofs.post.SectorProof;
import io.filprover.proofs.r1cs.Circuit;
import io.filprover.proofs.r1cs.ConstraintSystem;
import io.filprover.proofs.r1cs.SynthesisException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * rust-fil-proofs' fallback PoSt circuit ({@code FallbackPoStCircuit}, storage-proofs-post/src/fallback/circuit.rs),
 * over Poseidon trees of any shape. Per sector slot, under "outer namespace"/"sector_i":
 * comm_r_last, comm_c, comm_r are allocated (in that order), comm_r becomes a public input,
 * Poseidon_2(comm_c, comm_r_last) must equal comm_r, and every challenged leaf climbs its path to the
 * allocated comm_r_last with a private-root {@link PorCircuit}, whose packed index bits are the
 * challenge's public input. So the public inputs (after ONE) are, per slot: comm_r, then one per
 * challenge — as {@link FallbackPoStCompound#publicInputs} computes them.
 *
 * <p>Upstream synthesizes sector groups in parallel into separate systems and appends them when the
 * system is extensible; the appended order of inputs, aux and constraints is the sequential one
 * used here, so the R1CS is the same.
 */
public final class FallbackPoStCircuit implements Circuit<Fr> {
    private static final PoseidonMerkleGadget POSEIDON = PoseidonMerkleGadget.INSTANCE;

    /** One challenged leaf and its path (levels of {@link PorCircuit}; witness values null when blank). */
    public record Challenge(Fr leaf, List<PorCircuit.Level> base, List<PorCircuit.Level> sub,
                            List<PorCircuit.Level> top) {
        public Challenge {
            base = List.copyOf(base);
            sub = List.copyOf(sub);
            top = List.copyOf(top);
        }

        /** The witness of a vanilla inclusion proof of a tree of {@code shape}. */
        public static Challenge of(PorCircuit.Shape shape, MerkleProof proof) {
            int baseLevels = proof.base().size();
            if (!proof.hasShape(shape.base(), baseLevels, shape.sub(), shape.top())) {
                throw new IllegalArgumentException("inclusion proof does not have shape " + shape);
            }
            return new Challenge(Fr.fromBytesLE(proof.leaf()), levels(proof.base()), levels(proof.sub()),
                    levels(proof.top()));
        }

        /** No witness: the shape of a path in a tree of {@code leaves} leaves. */
        public static Challenge blank(PorCircuit.Shape shape, long leaves) {
            List<PorCircuit.Level> base = Collections.nCopies(shape.baseLevels(leaves), blankLevel(shape.base()));
            List<PorCircuit.Level> sub = shape.sub() == 0 ? List.of() : List.of(blankLevel(shape.sub()));
            List<PorCircuit.Level> top = shape.top() == 0 ? List.of() : List.of(blankLevel(shape.top()));
            return new Challenge(null, base, sub, top);
        }
    }

    /** One sector slot (upstream's {@code Sector}): commitments and challenges; values null when blank. */
    public record Sector(Fr commR, Fr commC, Fr commRLast, List<Challenge> challenges) {
        public Sector {
            challenges = List.copyOf(challenges);
        }

        /** Sector::circuit: the public comm_r and the vanilla proof's commitments and openings. */
        public static Sector of(PorCircuit.Shape shape, byte[] commR, SectorProof proof) {
            List<Challenge> challenges = new ArrayList<>(proof.inclusionProofs().size());
            for (MerkleProof m : proof.inclusionProofs()) {
                challenges.add(Challenge.of(shape, m));
            }
            return new Sector(Fr.fromBytesLE(commR), Fr.fromBytesLE(proof.commC()), Fr.fromBytesLE(proof.commRLast()),
                    challenges);
        }

        /** Sector::blank_circuit. */
        public static Sector blank(PorCircuit.Shape shape, long leaves, int challengeCount) {
            return new Sector(null, null, null, Collections.nCopies(challengeCount, Challenge.blank(shape, leaves)));
        }
    }

    private final List<Sector> sectors;

    public FallbackPoStCircuit(List<Sector> sectors) {
        if (sectors.isEmpty()) {
            throw new IllegalArgumentException("a fallback PoSt circuit needs at least one sector");
        }
        this.sectors = List.copyOf(sectors);
    }

    public List<Sector> sectors() {
        return sectors;
    }

    @Override
    public void synthesize(ConstraintSystem<Fr> cs) {
        cs.pushNamespace("outer namespace");
        try {
            for (int i = 0; i < sectors.size(); i++) {
                Sector s = sectors.get(i);
                int at = i;
                cs.inNamespace(() -> "sector_" + at, c -> synthesizeSector(c, s));
            }
        } finally {
            cs.popNamespace();
        }
    }

    private static void synthesizeSector(ConstraintSystem<Fr> cs, Sector s) {
        AllocatedNum<Fr> commRLast = AllocatedNum.alloc(cs, "comm_r_last", () -> require(s.commRLast(), "comm_r_last"));
        AllocatedNum<Fr> commC = AllocatedNum.alloc(cs, "comm_c", () -> require(s.commC(), "comm_c"));
        AllocatedNum<Fr> commR = AllocatedNum.alloc(cs, "comm_r", () -> require(s.commR(), "comm_r"));
        commR.inputize(cs, () -> "comm_r_input");

        AllocatedNum<Fr> hash = cs.namespace("H_comm_c_comm_r_last", c -> POSEIDON.hash2(c, commC, commRLast));
        // constraint::equal: comm_r · 1 = H(comm_c, comm_r_last)
        cs.enforce("enforce_comm_c_comm_r_last_hash_comm_r", cs.lc().add(commR.variable()), cs.lc().add(cs.one()),
                cs.lc().add(hash.variable()));

        List<Challenge> challenges = s.challenges();
        for (int i = 0; i < challenges.size(); i++) {
            Challenge ch = challenges.get(i);
            int at = i;
            PorCircuit por = new PorCircuit(POSEIDON, PorCircuit.Root.value(ch.leaf()), ch.base(), ch.sub(), ch.top(),
                    PorCircuit.Root.allocated(commRLast), true);
            cs.inNamespace(() -> "challenge_inclusion_" + at, por::synthesize);
        }
    }

    private static PorCircuit.Level blankLevel(int arity) {
        return new PorCircuit.Level(arity, Collections.nCopies(arity - 1, null), null);
    }

    private static List<PorCircuit.Level> levels(List<PathElement> path) {
        List<PorCircuit.Level> out = new ArrayList<>(path.size());
        for (PathElement e : path) {
            List<Fr> siblings = new ArrayList<>(e.siblings().size());
            for (byte[] h : e.siblings()) {
                siblings.add(Fr.fromBytesLE(h));
            }
            out.add(new PorCircuit.Level(e.arity(), siblings, Math.toIntExact(e.index())));
        }
        return out;
    }

    private static Fr require(Fr v, String name) {
        if (v == null) {
            throw SynthesisException.assignmentMissing(name);
        }
        return v;
    }
}
