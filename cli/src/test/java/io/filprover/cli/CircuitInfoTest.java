package io.filprover.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.filprover.api.RegisteredSealProof;
import io.filprover.proofs.params.CircuitIdentifiers;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code circuit info} over the real circuits the proofs module registers. */
class CircuitInfoTest {
    @Test
    void theTwoKibPoRepPartitionHasTheSpecsInputsAndUpstreamsFileName() throws Exception {
        CliRunner r = CliRunner.run("circuit", "info", "--proof", "StackedDrg2KiBV1_1", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode n = new ObjectMapper().readTree(r.out());
        // docs/spec/filecoin-porep-post.md §11.4: 3 + 18·(challenges per partition) public inputs, 2
        // challenges for 2 KiB, plus ONE
        assertEquals(3 + 18 * 2 + 1, n.get("inputs").asLong());
        // TV-IDENT: the 2 KiB PoRep parameter file of rust-fil-proofs' parameters.json
        assertEquals("v28-stacked-proof-of-replication-merkletree-poseidon_hasher-8-0-0-sha256_hasher-"
                + "032d3138d22506ec0082ed72b2dcba18df18477904e35bafee82b3793b06832f.params", n.get("parameter_file").asText());
        assertEquals(CircuitIdentifiers.of(RegisteredSealProof.STACKED_DRG_2KIB_V1_1).paramsFile(),
                n.get("parameter_file").asText());
        assertTrue(n.get("constraints").asLong() > 1_000_000, r.out());
    }
}
