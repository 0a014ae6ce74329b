package io.filprover.proofs.tree;

import java.io.IOException;

/** A sector's cache directory or replica is missing a file or holds one of the wrong size or content. */
public class SectorFilesException extends IOException {
    private static final long serialVersionUID = 1L;

    public SectorFilesException(String message) {
        super(message);
    }
}
