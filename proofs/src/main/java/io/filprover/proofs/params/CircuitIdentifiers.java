package io.filprover.proofs.params;

import io.filprover.api.RegisteredPoStProof;
import io.filprover.api.RegisteredSealProof;
import io.filprover.api.SectorSize;
import io.filprover.api.TreeShape;

/**
 * The circuit identifier of every registered proof, as rust-fil-proofs builds it:
 * <ul>
 * <li>PoRep: storage-proofs-porep {@code stacked/vanilla/params.rs} {@code PublicParams::identifier},
 *   {@code graph.rs} ({@code StackedGraph} id), storage-proofs-core {@code drgraph.rs}
 *   ({@code BucketGraph::identifier}); prefix from {@code stacked/circuit/proof.rs} {@code cache_prefix}:
 *   {@code stacked-proof-of-replication-<Tree::display()>-sha256_hasher}.</li>
 * <li>PoSt: storage-proofs-post {@code fallback/vanilla.rs} {@code PublicParams::identifier}; prefix
 *   {@code fallback/compound.rs}: {@code proof-of-spacetime-fallback-<Tree::display()>}.</li>
 * </ul>
 * Neither identifier contains the api version, the porep_id or the PoRep feature: V1, V1_1,
 * SyntheticPoRep and NI-PoRep of one size share one parameter file, because their challenges per
 * partition agree (filecoin-proofs {@code constants.rs}: NI's 26/13 and 2253/126 round up to the
 * interactive 2 and 18 on purpose), and Window PoSt V1 and V1_2 share one too.
 */
public final class CircuitIdentifiers {
    /** drgraph.rs {@code BASE_DEGREE} and stacked {@code EXP_DEGREE} (filecoin-proofs constants.rs DRG_DEGREE/EXP_DEGREE). */
    static final int DRG_DEGREE = 6;
    static final int EXP_DEGREE = 8;

    private CircuitIdentifiers() {
    }

    public static CircuitIdentifier of(RegisteredProof proof) {
        return proof.isSeal() ? of(proof.seal()) : of(proof.post());
    }

    public static CircuitIdentifier of(RegisteredSealProof proof) {
        SectorSize size = proof.sectorSize();
        return porep(size, size.layers(), size.porepChallengesPerPartition(proof.feature()));
    }

    /**
     * filecoin-proofs {@code parameters.rs}: Winning PoSt's config (66 challenges, 1 sector) becomes
     * public params with sector_count = 66 / 1 and challenge_count = 66 / 66 = 1; Window PoSt's are
     * taken as they are (10 challenges, sectors per partition).
     */
    public static CircuitIdentifier of(RegisteredPoStProof proof) {
        SectorSize size = proof.sectorSize();
        int challenges = proof.challengeCount();
        int sectors = proof.sectorCount();
        if (proof.kind() == RegisteredPoStProof.Kind.WINNING) {
            int paramSectors = challenges / sectors;
            int paramChallenges = challenges / paramSectors;
            return post(size, paramChallenges, paramSectors);
        }
        return post(size, challenges, sectors);
    }

    /** The PoRep circuit of a sector size with {@code layers} layers and {@code cpp} challenges per partition. */
    public static CircuitIdentifier porep(SectorSize size, int layers, int cpp) {
        String graph = "stacked_graph::StackedGraph{expansion_degree: " + EXP_DEGREE + " base_graph: "
                + "drgraph::BucketGraph{size: " + size.nodes() + "; degree: " + DRG_DEGREE + "; hasher: poseidon_hasher} }";
        String tree = treeDisplay(size.shape());
        String id = "layered_drgporep::PublicParams{ graph: " + graph + ", challenges: LayerChallenges { layers: "
                + layers + ", max_count: " + cpp + " }, tree: " + tree + " }";
        return new CircuitIdentifier(id, "stacked-proof-of-replication-" + tree + "-sha256_hasher", size.bytes());
    }

    /** The Fallback PoSt circuit: {@code challengeCount} leaves per sector, {@code sectorCount} sectors. */
    public static CircuitIdentifier post(SectorSize size, int challengeCount, int sectorCount) {
        String id = "FallbackPoSt::PublicParams{sector_size: " + size.bytes() + ", challenge_count: " + challengeCount
                + ", sector_count: " + sectorCount + "}";
        return new CircuitIdentifier(id, "proof-of-spacetime-fallback-" + treeDisplay(size.shape()), size.bytes());
    }

    /** merkle/tree.rs {@code display()}: {@code merkletree-<hasher>-<base>-<sub>-<top>}. */
    static String treeDisplay(TreeShape shape) {
        return "merkletree-poseidon_hasher-" + shape.baseArity() + "-" + shape.subArity() + "-" + shape.topArity();
    }
}
