package io.filprover.cli;

import io.filprover.api.ApiVersion;
import io.filprover.api.PorepId;
import picocli.CommandLine.Option;

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

    ApiVersion apiVersion() {
        return apiVersion != null ? ApiVersion.parse(apiVersion) : porepId().defaultApiVersion();
    }
}
