package io.filprover.proofs.params;

import io.filprover.api.RegisteredPoStProof;
import io.filprover.api.RegisteredSealProof;
import io.filprover.api.SectorSize;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CircuitIdentifiersTest {
    /** TV-IDENT (docs/spec/test-vectors.md): circuit, size, file stem, the .vk digest parameters.json lists. */
    private static final String[][] TV_IDENT = {
        {"PoRep", "2KiB", "v28-stacked-proof-of-replication-merkletree-poseidon_hasher-8-0-0-sha256_hasher-032d3138d22506ec0082ed72b2dcba18df18477904e35bafee82b3793b06832f", "dc1ade9929ade1708238f155343044ac"},
        {"PoRep", "8MiB", "v28-stacked-proof-of-replication-merkletree-poseidon_hasher-8-0-0-sha256_hasher-ecd683648512ab1765faa2a5f14bab48f676e633467f0aa8aad4b55dcb0652bb", "b687beb9adbd9dabe265a7e3620813e4"},
        {"PoRep", "512MiB", "v28-stacked-proof-of-replication-merkletree-poseidon_hasher-8-0-0-sha256_hasher-6babf46ce344ae495d558e7770a585b2382d54f225af8ed0397b8be7c3fcd472", "065179da19fbe515507267677f02823e"},
        {"PoRep", "32GiB", "v28-stacked-proof-of-replication-merkletree-poseidon_hasher-8-8-0-sha256_hasher-82a357d2f2ca81dc61bb45f4a762807aedee1b0a53fd6c4e77b46a01bfef7820", "0c7b4aac1c40fdb7eb82bc355b41addf"},
        {"PoRep", "64GiB", "v28-stacked-proof-of-replication-merkletree-poseidon_hasher-8-8-2-sha256_hasher-96f1b4a04c5c51e4759bbf224bbc2ef5a42c7100f16ec0637123f16a845ddfb2", "a89884252c04c298d0b3c81bfd884164"},
        {"Winning", "2KiB", "v28-proof-of-spacetime-fallback-merkletree-poseidon_hasher-8-0-0-3ea05428c9d11689f23529cde32fd30aabd50f7d2c93657c1d3650bca3e8ea9e", "ffd79788d614d27919ae5bd2d94eacb6"},
        {"Window", "2KiB", "v28-proof-of-spacetime-fallback-merkletree-poseidon_hasher-8-0-0-0170db1f394b35d995252228ee359194b13199d259380541dc529fb0099096b0", "0e0958009936b9d5e515ec97b8cb792d"},
        {"Winning", "8MiB", "v28-proof-of-spacetime-fallback-merkletree-poseidon_hasher-8-0-0-50c7368dea9593ed0989e70974d28024efa9d156d585b7eea1be22b2e753f331", "79ebb55f56fda427743e35053edad8fc"},
        {"Window", "8MiB", "v28-proof-of-spacetime-fallback-merkletree-poseidon_hasher-8-0-0-5294475db5237a2e83c3e52fd6c2b03859a1831d45ed08c4f35dbf9a803165a9", "34d4feeacd9abf788d69ef1bb4d8fd00"},
        {"Winning", "512MiB", "v28-proof-of-spacetime-fallback-merkletree-poseidon_hasher-8-0-0-7d739b8cf60f1b0709eeebee7730e297683552e4b69cab6984ec0285663c5781", "bd2cd62f65c1ab84f19ca27e97b7c731"},
        {"Window", "512MiB", "v28-proof-of-spacetime-fallback-merkletree-poseidon_hasher-8-0-0-0cfb4f178bbb71cf2ecfcd42accce558b27199ab4fb59cb78f2483fe21ef36d9", "4dae975de4f011f101f5a2f86d1daaba"},
        {"Winning", "32GiB", "v28-proof-of-spacetime-fallback-merkletree-poseidon_hasher-8-8-0-559e581f022bb4e4ec6e719e563bf0e026ad6de42e56c18714a2c692b1b88d7e", "fc02943678dd119e69e7fab8420e8819"},
        {"Window", "32GiB", "v28-proof-of-spacetime-fallback-merkletree-poseidon_hasher-8-8-0-0377ded656c6f524f1618760bffe4e0a1c51d5a70c4509eedae8a27555733edc", "0f8ec542485568fa3468c066e9fed82b"},
        {"Winning", "64GiB", "v28-proof-of-spacetime-fallback-merkletree-poseidon_hasher-8-8-2-b62098629d07946e9028127e70295ed996fe3ed25b0f9f88eb610a0ab4385a3c", "6d3789148fb6466d07ee1e24d6292fd6"},
        {"Window", "64GiB", "v28-proof-of-spacetime-fallback-merkletree-poseidon_hasher-8-8-2-2627e4006b67f99cef990c0a47d5426cb7ab0a0ad58fc1061547bf2d28b09def", "59d2bf1857adc59a4f08fcf2afaa916b"},
    };

    /** storage-proofs-porep stacked/vanilla/params.rs test_public_params_identifier (TV-IDENT), verbatim. */
    private static final String POREP_32GIB_ID = "layered_drgporep::PublicParams{ graph: stacked_graph::StackedGraph{expansion_degree: 8 base_graph: drgraph::BucketGraph{size: 1073741824; degree: 6; hasher: poseidon_hasher} }, challenges: LayerChallenges { layers: 11, max_count: 18 }, tree: merkletree-poseidon_hasher-8-8-0 }";
    private static final String POREP_64GIB_ID = "layered_drgporep::PublicParams{ graph: stacked_graph::StackedGraph{expansion_degree: 8 base_graph: drgraph::BucketGraph{size: 2147483648; degree: 6; hasher: poseidon_hasher} }, challenges: LayerChallenges { layers: 11, max_count: 18 }, tree: merkletree-poseidon_hasher-8-8-2 }";

    @Test
    void porepIdentifierStringsAreUpstreamsAssertedOnes() {
        assertEquals(POREP_32GIB_ID, CircuitIdentifiers.of(RegisteredSealProof.STACKED_DRG_32GIB_V1_1).identifier());
        assertEquals(POREP_64GIB_ID, CircuitIdentifiers.of(RegisteredSealProof.STACKED_DRG_64GIB_V1_1).identifier());
    }

    @Test
    void postIdentifierStringsFollowTvIdent() {
        // TV-IDENT: Winning {challenge_count: 1, sector_count: 66}; Window {10, 2 | 2349 | 2300}
        assertEquals("FallbackPoSt::PublicParams{sector_size: 2048, challenge_count: 1, sector_count: 66}",
                CircuitIdentifiers.of(RegisteredPoStProof.STACKED_DRG_WINNING_2KIB_V1).identifier());
        assertEquals("FallbackPoSt::PublicParams{sector_size: 34359738368, challenge_count: 10, sector_count: 2349}",
                CircuitIdentifiers.of(RegisteredPoStProof.STACKED_DRG_WINDOW_32GIB_V1_2).identifier());
    }

    /** Every registered proof's stem is TV-IDENT's stem for its circuit and size. */
    @Test
    void everyRegisteredProofReproducesItsTvIdentStem() {
        Map<String, String> expected = new HashMap<>();
        for (String[] row : TV_IDENT) {
            expected.put(row[0] + " " + row[1], row[2]);
        }
        assertEquals(15, expected.size());
        Set<String> covered = new HashSet<>();
        for (RegisteredSealProof p : RegisteredSealProof.values()) {
            String key = "PoRep " + p.sectorSize().label();
            assertEquals(expected.get(key), CircuitIdentifiers.of(p).stem(), p.upstreamName());
            covered.add(key);
        }
        for (RegisteredPoStProof p : RegisteredPoStProof.values()) {
            String key = (p.kind() == RegisteredPoStProof.Kind.WINNING ? "Winning " : "Window ") + p.sectorSize().label();
            assertEquals(expected.get(key), CircuitIdentifiers.of(p).stem(), p.upstreamName());
            covered.add(key);
        }
        assertEquals(expected.keySet(), covered, "every TV-IDENT row is some registered proof's");
    }

    /**
     * parameters.json (rust-fil-proofs, copied into resources): every .params and .vk of our
     * registered proofs is listed with the sector size; the TV-IDENT vk digests agree with the copy.
     * The 14 entries no registered proof of ours covers are all empty-sector-update (SnapDeals,
     * storage-proofs-update): prover-api has no RegisteredUpdateProof, so they are not derived here.
     */
    @Test
    void parametersJsonListsEveryRegisteredCircuitAndOnlySnapDealsRemain() {
        Map<String, OfficialParameters.Entry> official = OfficialParameters.entries();
        assertEquals(44, official.size(), "spec/data/README.md: 44 entries");
        Set<String> ours = new TreeSet<>();
        for (RegisteredProof p : RegisteredProof.all()) {
            CircuitIdentifier id = CircuitIdentifiers.of(p);
            for (String f : new String[] {id.paramsFile(), id.vkFile()}) {
                OfficialParameters.Entry e = official.get(f);
                assertTrue(e != null, p + ": " + f + " not in parameters.json");
                assertEquals(p.sectorSize().bytes(), e.sectorSize(), f);
                ours.add(f);
            }
        }
        assertEquals(30, ours.size(), "15 circuits × (.params, .vk)");
        for (String[] row : TV_IDENT) {
            assertEquals(row[3], official.get(row[2] + ".vk").digest(), row[2]);
        }
        Set<String> rest = new TreeSet<>(official.keySet());
        rest.removeAll(ours);
        assertEquals(14, rest.size());
        for (String f : rest) {
            assertTrue(f.startsWith("v28-empty-sector-update-"), f);
        }
    }

    @Test
    void sharedCircuitsAcrossVersionsAndFeatures() {
        // docs/spec/filecoin-porep-post.md §11.5: V1, V1_1, Synthetic and NI of one size are one circuit; Window V1 and V1_2 too
        for (SectorSize s : new SectorSize[] {SectorSize.SIZE_2KIB, SectorSize.SIZE_32GIB}) {
            Set<String> stems = new HashSet<>();
            for (RegisteredSealProof p : RegisteredSealProof.values()) {
                if (p.sectorSize() == s) {
                    stems.add(CircuitIdentifiers.of(p).stem());
                }
            }
            assertEquals(1, stems.size(), s.label());
        }
        assertEquals(CircuitIdentifiers.of(RegisteredPoStProof.STACKED_DRG_WINDOW_64GIB_V1).stem(),
                CircuitIdentifiers.of(RegisteredPoStProof.STACKED_DRG_WINDOW_64GIB_V1_2).stem());
    }

    @Test
    void fileNamesAndDigestOfKnownBytes() {
        CircuitIdentifier id = CircuitIdentifiers.of(RegisteredSealProof.STACKED_DRG_2KIB_V1);
        assertEquals(id.stem() + ".params", id.paramsFile());
        assertEquals(id.stem() + ".vk", id.vkFile());
        assertEquals(id.stem() + ".meta", id.metaFile());
        // RFC 7693 Appendix A: BLAKE2b-512("abc") = ba80a53f981c4d0d 6a2797b69f12f6e9 …
        assertEquals("ba80a53f981c4d0d6a2797b69f12f6e9", OfficialParameters.digest("abc".getBytes()));
    }

    @Test
    void parseAcceptsNamesAndRejectsAmbiguousIds() {
        assertEquals(RegisteredProof.of(RegisteredSealProof.STACKED_DRG_2KIB_V1_1), RegisteredProof.parse("StackedDrg2KiBV1_1", "proof"));
        assertEquals(RegisteredProof.of(RegisteredPoStProof.STACKED_DRG_WINDOW_2KIB_V1_2),
                RegisteredProof.parse("stacked_drg_window_2kib_v1_2", "proof"));
        io.filprover.api.InvalidInputException e = org.junit.jupiter.api.Assertions.assertThrows(
                io.filprover.api.InvalidInputException.class, () -> RegisteredProof.parse("3", "proof"));
        assertEquals("proof", e.field());
        assertTrue(e.getMessage().contains("ambiguous"), e.getMessage());
    }
}
