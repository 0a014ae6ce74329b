package io.filprover.proofs.params;

import io.filprover.api.NotFoundException;

/**
 * A parameter or verifying-key file is missing from the cache. The CLI maps it (NOT_FOUND) to exit
 * code 2; the message is the one line users see.
 */
public final class ParametersNotFoundException extends NotFoundException {
    private static final long serialVersionUID = 1L;
    private final String fileName;

    private ParametersNotFoundException(String field, String message, String fileName) {
        super(field, message);
        this.fileName = fileName;
    }

    /** "verifying key not found: &lt;file name&gt;" */
    public static ParametersNotFoundException verifyingKey(String fileName) {
        return new ParametersNotFoundException("vk", "verifying key not found: " + fileName, fileName);
    }

    /** "parameters not found: &lt;file name&gt; (run: filprover params generate --proof P, or fetch the official ones)" */
    public static ParametersNotFoundException parameters(String fileName, RegisteredProof proof) {
        return new ParametersNotFoundException("params", "parameters not found: " + fileName
                + " (run: filprover params generate --proof " + proof.upstreamName() + ", or fetch the official ones)",
                fileName);
    }

    /** The missing file's name (not its path). */
    public String fileName() {
        return fileName;
    }
}
