package io.filprover.cli;

import io.filprover.api.ApiVersion;
import io.filprover.api.InvalidInputException;
import io.filprover.api.PorepId;
import io.filprover.api.RegisteredSealProof;
import io.filprover.api.SectorSize;
import picocli.CommandLine.Option;

import java.util.Arrays;

/** {@code --porep-id} and {@code --api-version}, shared by the commands that build an SDR graph. */
final class PorepOptions {
    @Option(names = "--porep-id", required = true, paramLabel = "N|HEX",
            description = "A registered seal proof id N (u64 little-endian, zero-filled to 32 bytes) or 64 hex digits.")
    String porepId;

    @Option(names = "--api-version", paramLabel = "V",
            description = "1.0, 1.1 or 1.2 (default: from the id: 0..4 1.0, 5..9 1.1, 10..19 1.2).")
    String apiVersion;

    PorepId porepId() {
        return PorepId.parse(porepId);
    }

    /**
     * The porep id, which must not name a registered seal proof of another sector size: an id of
     * the registry (its u64 in 0..19 with the rest zero, as {@link RegisteredSealProof#porepId()}
     * builds it, given as N or as hex) is checked; other 32-byte ids (test vectors) are taken as given.
     */
    PorepId porepId(SectorSize size) {
        PorepId id = porepId();
        long n = id.registeredId();
        if (n >= 0 && n < RegisteredSealProof.values().length) {
            RegisteredSealProof registered = RegisteredSealProof.ofId(n);
            if (Arrays.equals(registered.porepId(), id.bytes()) && registered.sectorSize() != size) {
                throw new InvalidInputException("porep-id", "porep id " + n + " is " + registered.upstreamName()
                        + ", a " + registered.sectorSize().label() + " proof, not one for " + size.label() + " sectors");
            }
        }
        return id;
    }

    ApiVersion apiVersion() {
        return apiVersion != null ? ApiVersion.parse(apiVersion) : porepId().defaultApiVersion();
    }
}
