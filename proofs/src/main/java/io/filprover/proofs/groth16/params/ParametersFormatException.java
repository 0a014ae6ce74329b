package io.filprover.proofs.groth16.params;

import java.io.IOException;

/** A {@code .params}, {@code .vk} or proof encoding is truncated, oversized or holds an invalid point. */
public final class ParametersFormatException extends IOException {
    public ParametersFormatException(String message) {
        super(message);
    }

    public ParametersFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
